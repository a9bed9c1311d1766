import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../node/mnist-node';
import { initBackend } from '../backends/select-backend';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomArchitectureWeights, randomWeights, seededRandom } from '../core/graph/random-weights';
import { runGraph } from '../core/graph/reference/run-graph';
import { imagesToFloat } from '../core/mnist/dataset';
import { PRESET_IDS } from '../core/model/presets';
import { calibrate } from '../core/quant/calibrate';
import { collectRangesTfjs, floatPassTfjs } from './collect-ranges-tfjs';
import { rgbBlock } from '../core/model/testing/architectures';

const images = imagesToFloat(loadMnistFromIdx().train, 0, 100);

describe.each(['wasm', 'cpu'] as const)('collectRangesTfjs on %s matches calibrate(minmax)', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(PRESET_IDS)('%s: same tensors, min/max within 1e-5 relative', (preset) => {
    const graph = modelToGraph({ preset, weights: randomWeights(preset, 3) });
    const want = calibrate(graph, images, 100, 'minmax');
    const got = collectRangesTfjs(graph, images, 100, 64);
    expect(got.count).toBe(100);
    expect(Object.keys(got.tensors).sort()).toEqual(Object.keys(want.tensors).sort());
    for (const [name, r] of Object.entries(want.tensors)) {
      const g = got.tensors[name];
      const tol = 1e-5 * Math.max(1, Math.abs(r.min), Math.abs(r.max));
      expect(Math.abs(g.min - r.min), name).toBeLessThanOrEqual(tol);
      expect(Math.abs(g.max - r.max), name).toBeLessThanOrEqual(tol);
      expect([g.rangeMin, g.rangeMax]).toEqual([g.min, g.max]);
    }
  });
});

/** A small model whose input is not MNIST (16x16 RGB), with the ops of a MobileNet block. */
const RGB = rgbBlock({ size: 16, stride: 2, filters: 8, pointwise: 16, classes: 5, pool: 'global' });

describe.each(['wasm', 'cpu'] as const)('floatPassTfjs on %s: one streamed pass, outputs and ranges', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });
  const graph = modelToGraph({
    preset: 'imported',
    architecture: RGB,
    weights: randomArchitectureWeights(RGB, 7, 0.3),
  });
  const rand = seededRandom(4);
  const count = 12;
  const rgb = Float32Array.from({ length: count * 16 * 16 * 3 }, () => rand());
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));

  // 12 images at once, and in chunks of 5 (a chunk straddling the 7 calibration images is split) and of 1.
  it.each([count, 5, 1])('chunks of %i: every output as runGraph, ranges of the first 7 as calibrate', (chunk) => {
    const pass = floatPassTfjs(graph, rgb, count, 7, chunk);
    const want = runGraph(graph, rgb, count).outputs;
    expect(pass.outputs.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(close(pass.outputs[i], want[i]), `output ${i}`).toBe(true);
    const ranges = calibrate(graph, rgb, 7, 'minmax', { chunkSize: 7 });
    expect(pass.stats.count).toBe(7);
    expect(Object.keys(pass.stats.tensors).sort()).toEqual(Object.keys(ranges.tensors).sort());
    for (const [name, r] of Object.entries(ranges.tensors)) {
      const g = pass.stats.tensors[name];
      expect(close(g.min, r.min) && close(g.max, r.max), name).toBe(true);
      expect([g.rangeMin, g.rangeMax]).toEqual([g.min, g.max]);
    }
    // Ranges of all 12 differ from those of the first 7 (the count is honoured, not rounded to a chunk).
    const all = calibrate(graph, rgb, count, 'minmax');
    expect(Object.entries(all.tensors).some(([name, r]) => r.max !== ranges.tensors[name].max)).toBe(true);
  });

  it('streamed in chunks gives the same ranges as all at once, and calibrate 0 gives outputs only', () => {
    const once = floatPassTfjs(graph, rgb, count, count, count);
    const streamed = floatPassTfjs(graph, rgb, count, count, 3);
    for (const [name, r] of Object.entries(once.stats.tensors)) {
      const g = streamed.stats.tensors[name];
      expect(close(g.min, r.min) && close(g.max, r.max), name).toBe(true);
    }
    const outputsOnly = floatPassTfjs(graph, rgb, count, 0, 4);
    expect(outputsOnly.stats).toEqual({ method: 'minmax', count: 0, tensors: {} });
    for (let i = 0; i < once.outputs.length; i++) expect(close(outputsOnly.outputs[i], once.outputs[i])).toBe(true);
  });
});
