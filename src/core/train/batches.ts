import { MNIST_CLASSES, type MnistSplit } from '../mnist/dataset';

/**
 * mulberry32: a tiny seeded PRNG (public domain, Tommy Ettinger) returning floats in [0, 1).
 * Own generator so shuffles are identical in every JS engine and independent of tfjs's RNG.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `a` in place with `random` in [0, 1); returns `a`. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, random: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** pixel / 255 for every byte value, so building a batch is one table lookup per pixel. */
const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

export interface Batch {
  /** [n, rows, cols, 1] pixels / 255, flattened. */
  images: Float32Array;
  /** [n, 10] one-hot labels. */
  oneHot: Float32Array;
  /** [n] class labels. */
  labels: Uint8Array;
}

/** Gathers the examples at `indices` into fresh arrays (tfjs backends may keep a reference to them). */
export function makeBatch(split: MnistSplit, indices: ArrayLike<number>): Batch {
  const px = split.rows * split.cols;
  const n = indices.length;
  const images = new Float32Array(n * px);
  const oneHot = new Float32Array(n * MNIST_CLASSES);
  const labels = new Uint8Array(n);
  const src = split.images;
  for (let k = 0; k < n; k++) {
    const base = indices[k] * px;
    const out = k * px;
    for (let i = 0; i < px; i++) images[out + i] = SCALE[src[base + i]];
    labels[k] = split.labels[indices[k]];
    oneHot[k * MNIST_CLASSES + labels[k]] = 1;
  }
  return { images, oneHot, labels };
}
