import { beforeAll, describe, expect, it } from 'vitest';
import { packInt4, unpackInt4 } from '../graph/graph';
import { weightGridView } from '../eval/weight-grid';
import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { trainedFixture } from '../../node/testing/trained-fixture';
import { mergeSeries, sweepWeightBits, WEIGHT_GRANULARITIES, type BitsSeries } from './bits-sweep';
import { quantizeWeightsSymmetric, symmetricQmax } from './quant-params';

let model: TrainedModel;
let data: MnistDataset;

beforeAll(async () => {
  ({ model, data } = await trainedFixture('mnist', 'tutorial', 4000, 300));
}, 120_000);

describe('n-bit symmetric weights', () => {
  it.each([
    [8, 127],
    [6, 31],
    [5, 15],
    [4, 7],
    [3, 3],
    [2, 1],
  ])('%i bits use the grid [-%i, %i] and hit both ends', (bits, qmax) => {
    const w = model.weights[0].values;
    const q = quantizeWeightsSymmetric(w, [w.length], undefined, bits);
    expect(symmetricQmax(bits)).toBe(qmax);
    expect(Math.max(...q.values.map(Math.abs))).toBe(qmax);
    expect(q.quant.scale[0]).toBeCloseTo(Math.max(...w.map(Math.abs)) / qmax, 6);
  });

  it('int4 packs two values a byte, low nibble first, and unpacks them back', () => {
    const values = Int8Array.from([-8, 7, -1, 0, 3]);
    const packed = packInt4(values);
    expect(Array.from(packed)).toEqual([0x78, 0x0f, 0x03]);
    expect(Array.from(unpackInt4(packed, 5))).toEqual(Array.from(values));
  });

  it('the histogram grid has 2^bits - 1 levels and its error grows as bits shrink', () => {
    const w = model.weights[0].values;
    const views = [8, 4, 2].map((b) => weightGridView(w, b));
    expect(views.map((v) => v.levels.length)).toEqual([255, 15, 3]);
    expect(views[0].error.rms).toBeLessThan(views[1].error.rms);
    expect(views[1].error.rms).toBeLessThan(views[2].error.rms);
    expect(views[2].error.distinctQuantized).toBeLessThanOrEqual(3);
  });
});

describe('sweepWeightBits', () => {
  it('returns accuracy against bits per granularity, near float at 8 bits, and honours cancel', () => {
    const progress: number[] = [];
    const series = sweepWeightBits(model, data, { bits: [8, 2], onProgress: (d) => progress.push(d) });
    expect(series.map((s) => s.granularity)).toEqual(['per-channel', 'per-tensor']);
    expect(progress).toEqual([1, 2, 3, 4]);
    for (const s of series) {
      expect(s.points.map((p) => p.bits)).toEqual([8, 2]);
      expect(Math.abs(s.points[0].accuracy - model.testAccuracy)).toBeLessThan(0.02);
    }
    const perTensor2 = series[1].points[1].accuracy;
    expect(perTensor2).toBeLessThan(series[1].points[0].accuracy);
    let polls = 0;
    const cancelled = sweepWeightBits(model, data, { bits: [8, 4], shouldCancel: () => ++polls > 1 });
    expect(cancelled.flatMap((s) => s.points)).toHaveLength(1);
  });
});

describe('mergeSeries', () => {
  it('appends points per granularity, in order', () => {
    const one = (bits: number, acc: number): BitsSeries[] =>
      WEIGHT_GRANULARITIES.map((granularity, i) => ({
        granularity,
        activationBits: 8,
        points: [{ bits, accuracy: acc - i / 10 }],
      }));
    const merged = mergeSeries(mergeSeries([], one(8, 0.9)), one(4, 0.8));
    expect(merged.map((s) => s.points.map((p) => p.bits))).toEqual([
      [8, 4],
      [8, 4],
    ]);
    expect(merged[1].points[1].accuracy).toBeCloseTo(0.7, 9);
  });
});
