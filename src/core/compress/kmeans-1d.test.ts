import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../train/batches';
import { initialCentroids, kmeans1d, nearestCentroid } from './kmeans-1d';

describe('initialCentroids', () => {
  const values = new Float32Array([0, 0.1, 0.1, 0.1, 0.2, 1]);
  it('linear spaces them evenly from min to max', () => {
    expect(Array.from(initialCentroids(values, 3, 'linear'))).toEqual([0, 0.5, 1]);
  });
  it('density places them at evenly spaced CDF levels (dense regions get more)', () => {
    const c = initialCentroids(values, 3, 'density');
    expect(c[0]).toBe(0);
    expect(c[1]).toBeCloseTo(0.1, 6);
    expect(c[2]).toBe(1);
  });
});

describe('kmeans1d', () => {
  it('finds three well separated groups and assigns every value to its nearest centroid', () => {
    const random = mulberry32(2);
    const values = Float32Array.from({ length: 300 }, (_, i) => [-1, 0.2, 3][i % 3] + (random() - 0.5) * 0.1);
    for (const init of ['linear', 'density'] as const) {
      const { centroids, assignments } = kmeans1d(values, 3, init);
      expect(Array.from(centroids, (c) => Math.round(c * 10) / 10)).toEqual([-1, 0.2, 3]);
      values.forEach((v, i) => expect(assignments[i]).toBe(nearestCentroid(centroids, v)));
    }
  });

  it('lowers the squared error of the linear init on Gaussian-like weights', () => {
    const random = mulberry32(9);
    const values = Float32Array.from({ length: 2000 }, () => (random() + random() + random() - 1.5) * 0.2);
    const sse = (c: Float32Array) => values.reduce((s, v) => s + (v - c[nearestCentroid(c, v)]) ** 2, 0);
    const init = initialCentroids(values, 8, 'linear');
    expect(sse(kmeans1d(values, 8, 'linear').centroids)).toBeLessThan(sse(init));
  });
});
