/** In-memory MNIST split: the lab's dataset stage output. */
export interface MnistSplit {
  /** Number of examples. */
  count: number;
  /** Image height and width in pixels (28 for MNIST). */
  rows: number;
  cols: number;
  /** Pixels 0..255, row-major, [count, rows, cols] flattened. */
  images: Uint8Array;
  /** Class labels 0..9, [count]. */
  labels: Uint8Array;
}

export interface MnistDataset {
  train: MnistSplit;
  test: MnistSplit;
}

export const MNIST_CLASSES = 10;
export const MNIST_PIXELS = 28 * 28;

/** The first `limit` examples of a split (views, no copy). */
export function takeFirst(split: MnistSplit, limit: number): MnistSplit {
  const n = Math.max(0, Math.min(split.count, Math.floor(limit)));
  const px = split.rows * split.cols;
  return { ...split, count: n, images: split.images.subarray(0, n * px), labels: split.labels.subarray(0, n) };
}

/**
 * Pixels of examples [start, start + n) scaled to floats in [0, 1] (pixel / 255), the input
 * convention of every model and .tflite file in the lab. Shape [n, rows, cols, 1] flattened.
 */
export function imagesToFloat(split: MnistSplit, start = 0, n = split.count - start): Float32Array {
  const px = split.rows * split.cols;
  const src = split.images.subarray(start * px, (start + n) * px);
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
  return out;
}

/** Pixels of the examples at `indices`, as floats in [0, 1], [indices.length, rows, cols, 1] flattened. */
export function gatherImagesFloat(split: MnistSplit, indices: ArrayLike<number>): Float32Array {
  const px = split.rows * split.cols;
  const out = new Float32Array(indices.length * px);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * px;
    for (let i = 0; i < px; i++) out[k * px + i] = split.images[base + i] / 255;
  }
  return out;
}
