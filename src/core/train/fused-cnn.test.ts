import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadFusedKernelsNode } from '../../node/kernels-node';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import { PRESETS } from '../model/presets';
import { linkedPair } from './data-parallel';
import { canTrainFused, fusedCnnSupports, type FusedKernels } from './fused-cnn';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './settings';
import { trainModel } from './train';

let data: MnistDataset;
let fusedKernels: FusedKernels;
beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 1000) };
  fusedKernels = loadFusedKernelsNode();
});

const settings = (extra: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_TRAIN_SETTINGS,
  // 20 batches of 32 and a last one of 10.
  trainLimit: 650,
  seed: 9,
  ...extra,
});

function maxDiff(a: { values: Float32Array }[], b: { values: Float32Array }[]): number {
  let worst = 0;
  a.forEach((w, i) => w.values.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - b[i].values[k])))));
  return worst;
}

describe('trainModel on the fused WASM SIMD step matches the tfjs step from the same seed', () => {
  it.each([
    { optimizer: 'adam' as const, learningRate: 0.001, epochs: 2, learnsTo: 0.6 },
    { optimizer: 'sgd' as const, learningRate: 0.05, epochs: 1, learnsTo: 0.4 },
  ])('$optimizer, $epochs epoch(s) of 650 images', async ({ optimizer, learningRate, epochs, learnsTo }) => {
    const s = settings({ optimizer, learningRate, epochs });
    const tfjs = await trainModel(data, s);
    const fused = await trainModel(data, s, { fusedKernels });
    expect(tfjs.model.trainer).toBe('tfjs');
    expect(fused.model.trainer).toBe('fused-simd');
    expect(fused.model.backend).toBe('wasm');
    expect(fused.model.weights.map((w) => [w.name, w.shape])).toEqual(tfjs.model.weights.map((w) => [w.name, w.shape]));
    // The weights move by about 0.05 over these steps; float rounding (amplified by Adam's 1 / (sqrt(v) + 1e-7)
    // for near-zero gradients) leaves them within a few thousandths of a learning-rate step of each other.
    expect(maxDiff(fused.model.weights, tfjs.model.weights)).toBeLessThan(1e-4);
    fused.model.history.forEach((h, i) => {
      expect(Math.abs(h.loss - tfjs.model.history[i].loss)).toBeLessThan(1e-4);
      expect(Math.abs(h.testAccuracy - tfjs.model.history[i].testAccuracy)).toBeLessThanOrEqual(0.002);
    });
    expect(fused.model.testAccuracy).toBeGreaterThan(learnsTo);
  });

  it('as two data-parallel replicas equals one fused replica up to float rounding', async () => {
    const s = settings();
    const single = await trainModel(data, s, { fusedKernels, skipTestEvaluation: true });
    const [l0, l1] = linkedPair();
    const [r0, r1] = await Promise.all([
      trainModel(data, s, { fusedKernels, dataParallel: { rank: 0, link: l0 }, skipTestEvaluation: true }),
      trainModel(data, s, { fusedKernels, dataParallel: { rank: 1, link: l1 } }),
    ]);
    expect(r0.model.trainer).toBe('fused-simd');
    expect(r1.model.weights.map((w) => w.values)).toEqual(r0.model.weights.map((w) => w.values));
    expect(maxDiff(r0.model.weights, single.model.weights)).toBeLessThan(1e-4);
  });

  it('on cancel keeps the last epoch, as the tfjs step does', async () => {
    let epochs = 0;
    const once = await trainModel(data, settings(), { fusedKernels, skipTestEvaluation: true });
    const { model, cancelled } = await trainModel(data, settings({ epochs: 3 }), {
      fusedKernels,
      skipTestEvaluation: true,
      onProgress: (p) => (epochs += p.phase === 'epoch' ? 1 : 0),
      shouldCancel: () => epochs >= 1,
    });
    expect(cancelled).toBe(true);
    expect(model.weights.map((w) => w.values)).toEqual(once.model.weights.map((w) => w.values));
  });
});

describe('which runs train on the fused step', () => {
  it.each([
    { preset: 'tutorial' as const, supported: true },
    { preset: 'deep' as const, supported: false },
    { preset: 'separable' as const, supported: false },
  ])('$preset: supported $supported', ({ preset, supported }) => {
    expect(fusedCnnSupports(PRESETS[preset])).toBe(supported);
  });

  it.each([
    { what: 'adam on wasm', optimizer: 'adam' as const, backend: 'wasm', hook: false, fused: true },
    { what: 'sgd on cpu', optimizer: 'sgd' as const, backend: 'cpu', hook: false, fused: true },
    { what: 'rmsprop', optimizer: 'rmsprop' as const, backend: 'wasm', hook: false, fused: false },
    { what: 'webgpu', optimizer: 'adam' as const, backend: 'webgpu', hook: false, fused: false },
    {
      what: 'a step hook (pruning, clustering)',
      optimizer: 'adam' as const,
      backend: 'wasm',
      hook: true,
      fused: false,
    },
  ])('$what: fused $fused', ({ optimizer, backend, hook, fused }) => {
    expect(canTrainFused(PRESETS.tutorial, { optimizer }, backend, hook)).toBe(fused);
  });

  it('a layer that differs (another filter count) is not the fused architecture', () => {
    const layers = PRESETS.tutorial.layers.map((l) => (l.type === 'conv2d' ? { ...l, filters: 16 } : l));
    expect(fusedCnnSupports({ ...PRESETS.tutorial, layers })).toBe(false);
  });

  it('trains the deep preset on tfjs even when kernels are given', async () => {
    const { model } = await trainModel(data, settings({ preset: 'deep', trainLimit: 16, batchSize: 8 }), {
      fusedKernels,
      skipTestEvaluation: true,
    });
    expect(model.trainer).toBe('tfjs');
  });
});
