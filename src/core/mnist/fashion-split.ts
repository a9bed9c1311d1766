import type { MnistDataset, MnistSplit } from './dataset';

/** Images per class held out as the Fashion-MNIST test set (the last ones of each class file). */
export const FASHION_TEST_PER_CLASS = 1000;

/**
 * The lab's fixed Fashion-MNIST split. `classes[c]` holds class c's images (784 pixels 0..255 each) in
 * the package's order; the last FASHION_TEST_PER_CLASS of each class are test, the rest train. Both splits
 * interleave the classes round-robin (image k of class 0, of class 1, ...), so any prefix of a split
 * (a test subset, the first N training images) is balanced. Empty entries are dropped: package 1.1.0's
 * class 0 holds two (indices 1000 and 7001), which is why it counts 70,002 images; 70,000 remain
 * (60,000 train, 10,000 test).
 */
export function splitFashion(classes: readonly (readonly ArrayLike<number>[])[]): MnistDataset {
  const kept = classes.map((images) => images.filter((image) => image.length > 0));
  const train = kept.map((images) => images.slice(0, images.length - FASHION_TEST_PER_CLASS));
  const test = kept.map((images) => images.slice(images.length - FASHION_TEST_PER_CLASS));
  return { train: interleave(train), test: interleave(test) };
}

function interleave(classes: readonly (readonly ArrayLike<number>[])[]): MnistSplit {
  const count = classes.reduce((n, c) => n + c.length, 0);
  const px = 28 * 28;
  const images = new Uint8Array(count * px);
  const labels = new Uint8Array(count);
  const longest = Math.max(...classes.map((c) => c.length));
  let k = 0;
  for (let i = 0; i < longest; i++) {
    for (let c = 0; c < classes.length; c++) {
      const image = classes[c][i];
      if (!image) continue;
      if (image.length !== px) throw new Error(`Fashion-MNIST image ${i} of class ${c} has ${image.length} pixels`);
      images.set(image, k * px);
      labels[k++] = c;
    }
  }
  return { count, rows: 28, cols: 28, images, labels };
}
