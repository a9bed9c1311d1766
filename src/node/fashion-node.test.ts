import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, DATASET_IDS } from '../core/mnist/datasets';
import { FASHION_TEST_PER_CLASS, splitFashion } from '../core/mnist/fashion-split';
import { fashionJsonDir, loadDatasetForNode } from './fashion-node';

const PX = 28 * 28;
const fashion = loadDatasetForNode('fashion');

function classImages(label: number): number[][] {
  return (JSON.parse(readFileSync(join(fashionJsonDir(), `${label}.json`), 'utf8')) as { data: number[][] }).data;
}

describe('Fashion-MNIST split (last 1,000 of each class are test)', () => {
  it('has 60,000 training and 10,000 test images, 1,000 test images per class', () => {
    expect([fashion.train.count, fashion.test.count]).toEqual([60000, 10000]);
    const perClass = new Array(10).fill(0);
    for (const l of fashion.test.labels) perClass[l]++;
    expect(perClass).toEqual(new Array(10).fill(FASHION_TEST_PER_CLASS));
  });

  it('interleaves classes, so a prefix is balanced', () => {
    expect(Array.from(fashion.test.labels.subarray(0, 20))).toEqual([...Array(20).keys()].map((i) => i % 10));
  });

  it('holds the package images: test image k of class 3 is the (6000 + k)-th of 3.json', () => {
    const images = classImages(3);
    for (const k of [0, 517, 999]) {
      const at = (k * 10 + 3) * PX;
      expect(Array.from(fashion.test.images.subarray(at, at + PX))).toEqual(images[6000 + k]);
    }
    const first = Array.from(fashion.train.images.subarray(3 * PX, 4 * PX));
    expect(first).toEqual(images[0]);
  });

  it('drops empty entries and rejects images of the wrong size', () => {
    const img = (v: number) => new Array(PX).fill(v);
    const classes = [[img(1), [], ...new Array(FASHION_TEST_PER_CLASS).fill(img(2))]];
    const split = splitFashion(classes);
    expect([split.train.count, split.test.count]).toEqual([1, FASHION_TEST_PER_CLASS]);
    expect(() => splitFashion([[[1, 2, 3]]])).toThrow(/has 3 pixels/);
  });

  it('declares ten class names and two packed files per dataset', () => {
    for (const id of DATASET_IDS) {
      expect(DATASETS[id].classNames).toHaveLength(10);
      expect(DATASETS[id].files.train).toMatch(/\.qlm$/);
    }
  });
});
