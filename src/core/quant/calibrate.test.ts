import { describe, expect, it } from 'vitest';
import { modelToGraph } from '../graph/model-to-graph';
import { randomWeights, seededRandom } from '../graph/random-weights';
import {
  addToHistogram,
  calibrate,
  calibrationChunkSize,
  CAPTURE_BUDGET_FLOATS,
  expectedQuantMse,
  mseRange,
  percentileRange,
  type Histogram,
} from './calibrate';

/** Gaussian-ish bulk in [-1, 1] plus a few huge outliers: a heavy-tailed tensor. */
function heavyTailed(): Histogram {
  const rand = seededRandom(5);
  const values: number[] = [];
  for (let i = 0; i < 100_000; i++) values.push((rand() + rand() + rand() - 1.5) / 1.5);
  values.push(40, -35, 38);
  const h: Histogram = { min: Math.min(...values), max: Math.max(...values), counts: new Array<number>(2048).fill(0) };
  addToHistogram(h, values);
  return h;
}

describe('range selection', () => {
  const h = heavyTailed();

  it('percentile clips outliers but keeps the bulk', () => {
    const [lo, hi] = percentileRange(h, 99.99);
    expect(hi).toBeLessThan(5);
    expect(lo).toBeGreaterThan(-5);
    expect(hi).toBeGreaterThan(0.8);
    expect(lo).toBeLessThan(-0.8);
  });

  it.each(['int8', 'int16'] as const)(
    'mse range (%s) is inside the min/max range and lowers the expected error',
    (grid) => {
      const [lo, hi] = mseRange(h, grid);
      expect(lo).toBeGreaterThanOrEqual(h.min);
      expect(hi).toBeLessThanOrEqual(h.max);
      expect(expectedQuantMse(h, lo, hi, grid)).toBeLessThanOrEqual(expectedQuantMse(h, h.min, h.max, grid));
    },
  );

  it('int8 mse keeps most of 3 huge outliers (clipping them would cost more)', () => {
    expect(mseRange(h, 'int8')[1]).toBeGreaterThan(20);
  });

  it('int8 mse clips a Laplace tail strictly inside min/max and lowers the expected error', () => {
    const rand = seededRandom(6);
    const values = Array.from({ length: 100_000 }, () => {
      const u = rand() - 0.5;
      return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    });
    const c: Histogram = {
      min: Math.min(...values),
      max: Math.max(...values),
      counts: new Array<number>(2048).fill(0),
    };
    addToHistogram(c, values);
    const [lo, hi] = mseRange(c, 'int8');
    expect(hi).toBeLessThan(c.max);
    expect(lo).toBeGreaterThan(c.min);
    expect(expectedQuantMse(c, lo, hi, 'int8')).toBeLessThan(expectedQuantMse(c, c.min, c.max, 'int8'));
  });
});

describe('calibrate', () => {
  const graph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 2) });
  const rand = seededRandom(9);
  const images = Float32Array.from({ length: 20 * 784 }, () => rand());

  it('minmax records the global range of every activation tensor', () => {
    const s = calibrate(graph, images, 20, 'minmax', { chunkSize: 7 });
    expect(s.count).toBe(20);
    expect(Object.keys(s.tensors).sort()).toEqual([
      'conv2d_0/out',
      'dense_3/logits',
      'flatten_2/out',
      'input',
      'maxpool2d_1/out',
      'probabilities',
    ]);
    const input = s.tensors.input;
    expect(input.min).toBeGreaterThanOrEqual(0);
    expect(input.max).toBeLessThan(1);
    expect(s.tensors['conv2d_0/out'].min).toBe(0); // fused RELU
    expect(s.tensors['maxpool2d_1/out'].max).toBe(s.tensors['flatten_2/out'].max);
    expect([input.rangeMin, input.rangeMax]).toEqual([input.min, input.max]);
  });

  it('chunking does not change the stats', () => {
    const a = calibrate(graph, images, 20, 'percentile', { chunkSize: 20 });
    const b = calibrate(graph, images, 20, 'percentile', { chunkSize: 3 });
    expect(b.tensors['dense_3/logits']).toEqual(a.tensors['dense_3/logits']);
  });

  it.each(['percentile', 'mse'] as const)('%s ranges stay within min/max and carry a histogram', (method) => {
    const s = calibrate(graph, images, 20, method);
    for (const r of Object.values(s.tensors)) {
      expect(r.histogram?.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(r.rangeMin).toBeGreaterThanOrEqual(r.min);
      expect(r.rangeMax).toBeLessThanOrEqual(r.max);
    }
  });
});

describe('calibrationChunkSize', () => {
  it('takes 64 small images a chunk and few large ones, keeping captures within the budget', () => {
    const small = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) });
    expect(calibrationChunkSize(small)).toBe(64);
    const big = { ...small, tensors: [{ name: 'x', shape: [1, 224, 224, 96], dtype: 'float32' as const }] };
    const n = calibrationChunkSize(big);
    expect(n).toBe(Math.floor(CAPTURE_BUDGET_FLOATS / (224 * 224 * 96)));
    expect(n * 224 * 224 * 96).toBeLessThanOrEqual(CAPTURE_BUDGET_FLOATS);
  });
});
