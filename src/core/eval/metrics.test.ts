import { describe, expect, it } from 'vitest';
import { accuracyOf, agreement, argmaxRows, confusionMatrix, disagreements, histogram, latencyStats } from './metrics';

const u8 = (...xs: number[]) => Uint8Array.from(xs);

describe('accuracyOf', () => {
  it.each<[string, number[], number[], number]>([
    ['all right', [1, 2, 3], [1, 2, 3], 1],
    ['all wrong', [0, 0, 0], [1, 2, 3], 0],
    ['half', [1, 2, 0, 0], [1, 2, 3, 4], 0.5],
    ['one of three', [7, 0, 0], [7, 1, 1], 1 / 3],
  ])('%s', (_, p, l, want) => {
    expect(accuracyOf(u8(...p), u8(...l))).toBeCloseTo(want, 12);
  });

  it('is NaN for no images', () => expect(accuracyOf(u8(), u8())).toBeNaN());
  it('rejects different lengths', () => expect(() => accuracyOf(u8(1), u8(1, 2))).toThrow(/lengths differ/));
});

describe('argmaxRows', () => {
  it.each<[string, number[], number, number[]]>([
    ['10 classes', [0, 0, 0.9, 0, 0, 0, 0, 0, 0.1, 0, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0], 10, [2, 0]],
    ['ties go to the first index', [0.3, 0.3, 0.3], 3, [0]],
    ['negative logits', [-5, -1, -3, -2, -9, -0.5], 3, [1, 2]],
    ['NaN never wins', [NaN, 1, 2, NaN], 2, [1, 0]],
    ['no rows', [], 10, []],
  ])('%s', (_, probs, classes, want) => {
    expect([...argmaxRows(Float32Array.from(probs), classes)]).toEqual(want);
  });

  it('rejects a partial row', () => expect(() => argmaxRows(new Float32Array(11))).toThrow(/whole number of rows/));
  it('rejects classes that do not fit a byte', () =>
    expect(() => argmaxRows(new Float32Array(257), 257)).toThrow(/1..256/));
});

describe('agreement', () => {
  it.each<[number[], number[], number]>([
    [[1, 2, 3, 4], [1, 2, 3, 4], 1],
    [[1, 2, 3, 4], [1, 2, 0, 0], 0.5],
    [[9], [8], 0],
  ])('%j vs %j', (a, b, want) => expect(agreement(u8(...a), u8(...b))).toBe(want));
});

describe('confusionMatrix', () => {
  it('rows are labels, columns predictions', () => {
    const m = confusionMatrix(u8(0, 1, 1, 2, 0), u8(0, 1, 2, 2, 1), 3);
    expect(m).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('defaults to 10 classes and sums to the image count', () => {
    const m = confusionMatrix(u8(9, 9, 3), u8(9, 3, 3));
    expect(m).toHaveLength(10);
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(m[3][9]).toBe(1);
  });

  it('rejects out-of-range classes', () => expect(() => confusionMatrix(u8(5), u8(0), 3)).toThrow(/out of range/));
});

describe('latencyStats', () => {
  it.each<[string, number[], number, number]>([
    ['one sample', [4], 4, 4],
    ['odd count', [3, 1, 2], 2, 2.8],
    ['even count interpolates', [1, 2, 3, 4], 2.5, 3.7],
    ['1..10 (numpy linear)', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5.5, 9.1],
  ])('%s', (_, samples, median, p90) => {
    const s = latencyStats(samples);
    expect(s.median_ms).toBeCloseTo(median, 12);
    expect(s.p90_ms).toBeCloseTo(p90, 12);
    expect(s.samples).toBe(samples.length);
  });

  it('does not reorder the caller array', () => {
    const xs = [3, 1, 2];
    latencyStats(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it.each([[[]], [[1, NaN]], [[-1]]])('rejects %j', (xs) => expect(() => latencyStats(xs)).toThrow(RangeError));
});

describe('histogram', () => {
  it.each<[string, number[], number, [number, number] | undefined, number[], number[]]>([
    ['default range, max in last bin', [0, 1, 2, 3, 4], 4, undefined, [0, 1, 2, 3, 4], [1, 1, 1, 2]],
    ['explicit range drops outliers', [-5, 0, 0.5, 1, 5], 2, [0, 1], [0, 0.5, 1], [1, 2]],
    ['all equal widens by 0.5', [2, 2, 2], 2, undefined, [1.5, 2, 2.5], [0, 3]],
    ['empty uses [0, 1]', [], 2, undefined, [0, 0.5, 1], [0, 0]],
    ['NaN is skipped', [NaN, 0, 1], 1, undefined, [0, 1], [2]],
  ])('%s', (_, values, bins, range, edges, counts) => {
    const h = histogram(Float32Array.from(values), bins, range);
    expect(h.edges.length).toBe(bins + 1);
    h.edges.forEach((e, i) => expect(e).toBeCloseTo(edges[i], 12));
    expect(h.counts).toEqual(counts);
  });

  it('counts every in-range value exactly once', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    expect(histogram(values, 37).counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it.each<[number, [number, number] | undefined]>([
    [0, undefined],
    [1.5, undefined],
    [4, [2, 1]],
  ])('rejects bins %s range %j', (bins, range) => expect(() => histogram([1, 2], bins, range)).toThrow(RangeError));
});

describe('disagreements', () => {
  it.each<[string, number[], number[], number[], number[]]>([
    ['mode wrong, float right', [0, 1, 2], [0, 9, 2], [0, 9, 2], [1]],
    ['both wrong is not listed', [5, 5], [6, 6], [1, 1], []],
    ['mode right, float wrong is not listed', [1, 2], [0, 0], [1, 2], []],
    ['several, ascending', [3, 3, 3, 3], [0, 1, 3, 3], [0, 1, 2, 3], [0, 1]],
  ])('%s', (_, a, b, labels, want) => expect(disagreements(u8(...a), u8(...b), u8(...labels))).toEqual(want));
});
