import { describe, expect, it } from 'vitest';
import { bitsAxisMin, bitsChartRows } from './bits-chart-data';

describe('bitsChartRows', () => {
  it('joins the granularities per bit-width, widest first, and leaves unmeasured cells empty', () => {
    const rows = bitsChartRows([
      {
        granularity: 'per-channel',
        activationBits: 8,
        points: [
          { bits: 4, accuracy: 0.9 },
          { bits: 8, accuracy: 0.98 },
        ],
      },
      { granularity: 'per-tensor', activationBits: 8, points: [{ bits: 8, accuracy: 0.97 }] },
    ]);
    expect(rows).toEqual([
      { bits: 8, 'per-channel': 0.98, 'per-tensor': 0.97 },
      { bits: 4, 'per-channel': 0.9 },
    ]);
  });
});

describe('bitsAxisMin', () => {
  it.each([
    [[], 0],
    [[0.98], 0.9],
    [[0.98, 0.12], 0.05],
    [[0.03], 0],
    [[0.71, 0.99], 0.65],
  ])('%j -> %d', (values, expected) => {
    const rows = values.map((v, i) => ({ bits: 8 - i, 'per-channel': v }));
    expect(bitsAxisMin(rows)).toBeCloseTo(expected, 9);
  });
});
