import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { initBackend } from '../../backends/select-backend';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import { buildModel } from '../model/build-model';
import { PRESETS } from '../model/presets';
import { DEFAULT_TRAIN_SETTINGS, type TrainProgress, type TrainSettings } from './settings';
import { evaluateModel, modelFromTrained, readWeights, trainModel, TrainingDivergedError, weightsOf } from './train';

let data: MnistDataset;
const small = (limit: number, extra: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_TRAIN_SETTINGS,
  trainLimit: limit,
  ...extra,
});

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  // 1,000 test images keep each epoch's evaluation short; trainModel uses whatever split it gets.
  data = { train: full.train, test: takeFirst(full.test, 1000) };
});

const initialWeights = (seed: number) => {
  const m = buildModel(PRESETS.tutorial, seed);
  const w = weightsOf(m);
  m.dispose();
  return w;
};

describe('trainModel', () => {
  it('learns the tutorial CNN from 1,920 images, reports progress and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const events: TrainProgress[] = [];
    const { model, cancelled } = await trainModel(data, small(1920), { onProgress: (p) => events.push(p) });
    expect(cancelled).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    expect(model.testAccuracy).toBeGreaterThan(0.7);
    expect(model.history).toHaveLength(1);
    expect(model.history[0].testAccuracy).toBe(model.testAccuracy);
    expect(model.backend).toBe('wasm');
    expect(model.params).toBe(20410);
    expect(model.weights.map((w) => w.name)).toEqual([
      'conv2d_0/kernel',
      'conv2d_0/bias',
      'dense_3/kernel',
      'dense_3/bias',
    ]);
    const epoch = events.filter((e) => e.phase === 'epoch');
    expect(epoch).toHaveLength(1);
    expect(epoch[0].testAccuracy).toBe(model.testAccuracy);
    expect(epoch[0].batchesPerEpoch).toBe(60);
    // Batch reports are throttled to about 10 per second.
    const batches = events.filter((e) => e.phase === 'batch');
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(epoch[0].elapsedSeconds * 10) + 1);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const a = await trainModel(data, small(320, { seed: 7 }), { skipTestEvaluation: true });
    const b = await trainModel(data, small(320, { seed: 7 }), { skipTestEvaluation: true });
    const c = await trainModel(data, small(320, { seed: 8 }), { skipTestEvaluation: true });
    expect(b.model.weights[2].values).toEqual(a.model.weights[2].values);
    expect(c.model.weights[2].values).not.toEqual(a.model.weights[2].values);
  });

  it('on cancel returns cancelled and the initial weights when no epoch finished', async () => {
    const start = initialWeights(3).map((w) => ({ ...w, values: w.values.map((v) => v * 0.5) }));
    let calls = 0;
    const { model, cancelled } = await trainModel(data, small(3200, { seed: 3 }), {
      initialWeights: start,
      skipTestEvaluation: true,
      shouldCancel: () => ++calls > 5,
    });
    expect(cancelled).toBe(true);
    expect(model.weights.map((w) => w.values)).toEqual(start.map((w) => w.values));
  });

  it('on cancel keeps the weights of the last completed epoch', async () => {
    let epochsDone = 0;
    const settings = small(320, { epochs: 3, seed: 4 });
    const once = await trainModel(data, { ...settings, epochs: 1 }, { skipTestEvaluation: true });
    const epochWeights = once.model.weights[2].values;
    const { model, cancelled } = await trainModel(data, settings, {
      skipTestEvaluation: true,
      onProgress: (p) => {
        if (p.phase === 'epoch') epochsDone++;
      },
      shouldCancel: () => epochsDone >= 1,
    });
    expect(cancelled).toBe(true);
    expect(model.history).toHaveLength(1);
    expect(model.weights[2].values).toEqual(epochWeights);
  });

  it('yields to the event loop so a timer (a worker message) can cancel it', async () => {
    let cancel = false;
    // A macrotask, like a worker's incoming message: it runs only if training yields between batches.
    setTimeout(() => (cancel = true), 0);
    let lastBatch = 0;
    let batchesPerEpoch = 0;
    const { cancelled } = await trainModel(data, small(60000), {
      skipTestEvaluation: true,
      shouldCancel: () => cancel,
      onProgress: (p) => {
        lastBatch = p.batch;
        batchesPerEpoch = p.batchesPerEpoch;
      },
    });
    expect(cancelled).toBe(true);
    expect(lastBatch).toBeLessThan(batchesPerEpoch - 1);
  });

  it('stops with a TrainingDivergedError that names the batch and suggests a learning rate', async () => {
    const run = trainModel(data, small(6400, { learningRate: 5, optimizer: 'adam' }), { skipTestEvaluation: true });
    await expect(run).rejects.toBeInstanceOf(TrainingDivergedError);
    await expect(run).rejects.toThrow(/at epoch 1, batch \d+: .*the learning rate 5 is too high for adam; try 0.001$/);
  });

  it('rejects invalid settings', async () => {
    await expect(trainModel(data, small(0))).rejects.toThrow(/training images must be/);
  });
});

describe('training on WASM (lab kernels, fused Adam) matches the CPU backend', () => {
  it.each(['tutorial', 'deep', 'separable'] as const)('%s: weights after 2 batches within 1e-5', async (preset) => {
    const settings = small(16, { preset, seed: 5, batchSize: 8 });
    const wasm = await trainModel(data, settings, { skipTestEvaluation: true });
    await initBackend('cpu');
    try {
      const cpu = await trainModel(data, settings, { skipTestEvaluation: true });
      let worst = 0;
      wasm.model.weights.forEach((w, i) =>
        w.values.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - cpu.model.weights[i].values[k])))),
      );
      expect(worst).toBeLessThan(1e-5);
      expect(wasm.model.backend).toBe('wasm');
      expect(cpu.model.backend).toBe('cpu');
    } finally {
      await initBackend('wasm');
    }
  });
});

describe('evaluateModel, modelFromTrained, weightsOf, readWeights', () => {
  it('round-trips a trained model and reproduces its test accuracy', async () => {
    const { model: trained } = await trainModel(data, small(640));
    const model = modelFromTrained(trained);
    const before = tf.memory().numTensors;
    const { accuracy, predictions } = await evaluateModel(model, data.test);
    expect(tf.memory().numTensors).toBe(before);
    expect(accuracy).toBe(trained.testAccuracy);
    expect(predictions).toHaveLength(1000);
    expect(Math.max(...predictions)).toBeLessThanOrEqual(9);
    expect(weightsOf(model)).toEqual(trained.weights);
    expect(await readWeights(model)).toEqual(trained.weights);
    model.dispose();
  });

  it('refuses weights of another preset', () => {
    const wrong = initialWeights(1).slice(0, 2);
    expect(() => modelFromTrained({ preset: 'tutorial', seed: 1, weights: wrong })).toThrow(/Expected 4 weight arrays/);
  });
});
