import { describe, expect, it } from 'vitest';
import { weightErrorStats, weightHistogramBins } from './weight-histogram';

const f32 = (...xs: number[]) => Float32Array.from(xs);

describe('weightHistogramBins', () => {
  it('uses one range for both arrays', () => {
    const bins = weightHistogramBins(f32(-1, 0, 1), f32(-2, 0, 2), 4);
    expect(bins.map((b) => b.lo)).toEqual([-2, -1, 0, 1]);
    expect(bins.map((b) => b.center)).toEqual([-1.5, -0.5, 0.5, 1.5]);
    expect(bins.map((b) => b.float)).toEqual([0, 1, 1, 1]);
    expect(bins.map((b) => b.quantized)).toEqual([1, 0, 1, 1]);
  });

  it('keeps every weight', () => {
    const w = Float32Array.from({ length: 500 }, (_, i) => Math.cos(i));
    const q = w.map((v) => Math.round(v * 8) / 8);
    const bins = weightHistogramBins(w, q, 33);
    expect(bins.reduce((s, b) => s + b.float, 0)).toBe(500);
    expect(bins.reduce((s, b) => s + b.quantized, 0)).toBe(500);
  });

  it('copes with empty layers', () => {
    expect(weightHistogramBins(f32(), f32(), 2).map((b) => b.float)).toEqual([0, 0]);
  });
});

describe('weightErrorStats', () => {
  it.each<[string, number[], number[], number, number, number, number]>([
    ['identical', [0.5, -0.25], [0.5, -0.25], 0, 0, 2, 2],
    [
      'rounded to a grid',
      [0.1, 0.2, 0.3, 0.4],
      [0, 0, 0.5, 0.5],
      0.2,
      Math.sqrt((0.01 + 0.04 + 0.04 + 0.01) / 4),
      4,
      2,
    ],
    ['empty', [], [], 0, 0, 0, 0],
  ])('%s', (_, a, b, maxAbs, rms, df, dq) => {
    const s = weightErrorStats(f32(...a), f32(...b));
    expect(s.maxAbs).toBeCloseTo(maxAbs, 6);
    expect(s.rms).toBeCloseTo(rms, 6);
    expect(s.distinctFloat).toBe(df);
    expect(s.distinctQuantized).toBe(dq);
  });

  it('rejects different lengths', () => expect(() => weightErrorStats(f32(1), f32())).toThrow(/lengths differ/));
});
