import { describe, expect, it } from 'vitest';
import { errorShade, summarizeWeights } from './node-stats';

describe('errorShade', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    [0.1, 0],
    [0.29, 0],
    [0.4, 1],
    [0.69, 2],
    [0.7, 3],
    [1.4, 4],
    [9, 4],
  ])('%s -> %s', (value, shade) => expect(errorShade(value)).toBe(shade));
});

describe('summarizeWeights', () => {
  it('counts, bounds and mean magnitude', () => {
    expect(summarizeWeights(Float32Array.from([-2, 1, 0.5, 0.5]))).toEqual({ count: 4, min: -2, max: 1, meanAbs: 1 });
    expect(summarizeWeights(new Float32Array(0)).count).toBe(0);
  });
});
