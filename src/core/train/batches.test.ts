import { describe, expect, it } from 'vitest';
import type { MnistSplit } from '../mnist/dataset';
import { makeBatch, mulberry32, shuffleInPlace } from './batches';

describe('shuffleInPlace with mulberry32', () => {
  it('gives the same permutation for a seed and another for another seed', () => {
    const perm = (seed: number) =>
      Array.from(
        shuffleInPlace(
          Uint32Array.from({ length: 100 }, (_, i) => i),
          mulberry32(seed),
        ),
      );
    expect(perm(1)).toEqual(perm(1));
    expect(perm(1)).not.toEqual(perm(2));
    expect([...perm(1)].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('draws floats in [0, 1)', () => {
    const r = mulberry32(0);
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});

describe('makeBatch', () => {
  const split: MnistSplit = {
    count: 3,
    rows: 2,
    cols: 2,
    images: Uint8Array.from([0, 255, 51, 102, 1, 2, 3, 4, 10, 20, 30, 40]),
    labels: Uint8Array.from([7, 0, 9]),
  };
  it('gathers pixels / 255 and one-hot labels in index order', () => {
    const b = makeBatch(split, [2, 0]);
    expect(Array.from(b.images)).toEqual([10, 20, 30, 40, 0, 255, 51, 102].map((v) => Math.fround(v / 255)));
    expect(Array.from(b.labels)).toEqual([9, 7]);
    expect(Array.from(b.oneHot)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
});
