import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadFusedKernelsNode } from '../../node/kernels-node';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { argmaxRows } from '../eval/metrics';
import { runGraph } from '../graph/reference/run-graph';
import { imagesToFloat, takeFirst, type MnistDataset } from '../mnist/dataset';
import { PRESETS } from '../model/presets';
import type { TrainedModel } from '../model/trained-model';
import { DEFAULT_TRAIN_SETTINGS } from '../train/settings';
import { trainModel } from '../train/train';
import { convertQatModel } from './export-qat';
import { canTrainQatFused, trainQat, type QatResult } from './qat-train';
import type { QatSettings } from './qat-settings';

let data: MnistDataset;
let trained: TrainedModel;
let stock: QatResult;
let fused: QatResult;
const settings: QatSettings = { epochs: 1, batchSize: 32, learningRate: 2e-4, seed: 3, trainLimit: 3007 };
const EVAL = 1000;

/** Accuracy of the exported int8 file, run by the reference interpreter on the first EVAL test images. */
function int8Accuracy(r: QatResult): number {
  const { graph } = convertQatModel(r);
  const out = runGraph(graph, imagesToFloat(data.test, 0, EVAL), EVAL).outputs;
  const predicted = argmaxRows(out, 10);
  let right = 0;
  for (let i = 0; i < EVAL; i++) if (predicted[i] === data.test.labels[i]) right++;
  return right / EVAL;
}

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 2000) };
  const fusedKernels = loadFusedKernelsNode();
  ({ model: trained } = await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 3000 }, { fusedKernels }));
  stock = await trainQat(data, trained, settings);
  fused = await trainQat(data, trained, settings, { fusedKernels });
});

describe('trainQat with the fused QAT step', () => {
  it('runs only where the fused step applies', () => {
    expect(canTrainQatFused(PRESETS.tutorial, 'wasm', false)).toBe(true);
    expect(canTrainQatFused(PRESETS.tutorial, 'webgpu', false)).toBe(false);
    expect(canTrainQatFused(PRESETS.tutorial, 'wasm', true)).toBe(false);
    const other = Object.values(PRESETS).find((p) => p !== PRESETS.tutorial)!;
    expect(canTrainQatFused(other, 'wasm', false)).toBe(false);
  });

  it('ends close to the tf-ops step from the same seed: ranges, weights, accuracies (last batch short)', () => {
    expect(stock.trainer).toBe('tfjs');
    expect(fused.trainer).toBe('fused-simd');
    expect(settings.trainLimit % settings.batchSize).not.toBe(0);
    expect(fused.imagesSeen).toBe(stock.imagesSeen);
    expect(Object.keys(fused.ranges)).toEqual(Object.keys(stock.ranges));
    for (const [name, r] of Object.entries(stock.ranges)) {
      const f = fused.ranges[name];
      expect(f.batches).toBe(r.batches);
      const scale = Math.max(Math.abs(r.min), Math.abs(r.max));
      for (const k of ['min', 'max', 'seenMin', 'seenMax'] as const)
        expect(Math.abs(f[k] - r[k]) / scale, `${name} ${k}`).toBeLessThan(1e-3);
    }
    // Weights moved by QAT, and both runs moved them the same way: the difference is a small part of the change.
    stock.model.weights.forEach((w, i) => {
      const start = trained.weights[i].values;
      let moved = 0;
      let apart = 0;
      for (let k = 0; k < w.values.length; k++) {
        moved = Math.max(moved, Math.abs(w.values[k] - start[k]));
        apart = Math.max(apart, Math.abs(fused.model.weights[i].values[k] - w.values[k]));
      }
      expect(moved, `weight ${i} moved`).toBeGreaterThan(0);
      expect(apart / moved, `weight ${i}`).toBeLessThan(0.1);
    });
    expect(Math.abs(fused.history[0].loss - stock.history[0].loss)).toBeLessThan(2e-3);
    expect(Math.abs(fused.simulatedTestAccuracy - stock.simulatedTestAccuracy)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(fused.model.testAccuracy - stock.model.testAccuracy)).toBeLessThanOrEqual(0.005);
  });

  it('exports an int8 file as accurate as the tf-ops step', () => {
    const a = int8Accuracy(stock);
    const b = int8Accuracy(fused);
    expect(a).toBeGreaterThan(0.85);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(0.005);
  });

  it('leaks no tensors and keeps cancel semantics (weights and ranges a matching pair)', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    const r = await trainQat(data, trained, settings, {
      fusedKernels: loadFusedKernelsNode(),
      shouldCancel: () => ++calls > 5,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.trainer).toBe('fused-simd');
    expect(r.cancelled).toBe(true);
    expect(r.imagesSeen).toBe(5 * 32);
    expect(r.ranges['dense_3/logits'].batches).toBe(5);
    expect(r.model.weights[2].values).not.toEqual(trained.weights[2].values);
  });
});
