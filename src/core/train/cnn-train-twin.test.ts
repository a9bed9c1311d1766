import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { readKernel } from '../../node/kernels-node';
import { loadMnistFromIdx } from '../../node/mnist-node';
import type { MnistSplit } from '../mnist/dataset';
import { buildModel } from '../model/build-model';
import { PRESETS } from '../model/presets';
import type { Batch } from './batches';
import { instantiateCnnTrainKernel, type CnnTrainKernel } from './cnn-train-kernel';
import { CnnTrainTwin } from './cnn-train-twin';
import { ADAM_DEFAULTS } from './fused-adam';
import { DEFAULT_TRAIN_SETTINGS } from './settings';
import { mnistBatch, relativeError, tutorialWeights } from './testing/tutorial-cnn';
import { tfjsTrainer } from './tfjs-trainer';

let train: MnistSplit;
beforeAll(async () => {
  await initBackend('wasm');
  train = loadMnistFromIdx().train;
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** Gradients (weight order) and softmax rows of the tfjs model at `weights`: trainModel's tfjs step (tfjs-trainer.ts). */
function tfjsGradients(weights: Float32Array[], batch: Batch) {
  const model = buildModel(PRESETS.tutorial, 1);
  const trainer = tfjsTrainer(model, DEFAULT_TRAIN_SETTINGS);
  try {
    const shapes = model.weights.map((w) => w.shape as number[]);
    tf.tidy(() => model.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i]))));
    return trainer.gradients(batch);
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

/** Mean clipped cross-entropy of softmax rows, in float32 as tfjs computes the loss value. */
function meanLoss(probs: Float32Array, labels: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++)
    sum += Math.log(Math.min(Math.max(probs[i * 10 + labels[i]], 1e-7), 1 - 1e-7));
  return -sum / labels.length;
}

const CASES = [
  { name: 'a batch of 32 at the seeded init', start: 0, n: 32, seed: 1, denseScale: 1 },
  { name: 'a last batch of 7', start: 5000, n: 7, seed: 2, denseScale: 1 },
  // Dense weights x40 make many softmax rows saturate: p_true above 1 - 1e-7 (or below 1e-7) is clipped,
  // and those rows get no gradient at all (cross-entropy.ts), which the twin must reproduce.
  { name: 'confident rows clipped at 1e-7 / 1 - 1e-7', start: 100, n: 32, seed: 3, denseScale: 40 },
];

describe('CnnTrainTwin matches tf.variableGrads of the tfjs tutorial CNN on real MNIST', () => {
  it.each(CASES)('$name', ({ start, n, seed, denseScale }) => {
    const weights = tutorialWeights(seed, denseScale);
    const batch = mnistBatch(train, start, n);
    const ref = tfjsGradients(weights, batch);
    const twin = new CnnTrainTwin();
    twin.setWeights(weights);
    const probs = twin.computeGradients(batch.images, batch.labels, n);
    expect(relativeError(probs, ref.probs)).toBeLessThan(1e-5);
    const loss = meanLoss(ref.probs, batch.labels);
    expect(Math.abs(meanLoss(probs, batch.labels) - loss)).toBeLessThan(1e-5 * Math.max(1, loss));
    const grads = twin.gradients();
    grads.forEach((g, i) => expect(relativeError(g, ref.grads[i]), `weight ${i}`).toBeLessThan(1e-5));
    if (denseScale > 1) {
      // The case does what it says: some rows are clipped.
      const clipped = batch.labels.filter((t, i) => {
        const p = ref.probs[i * 10 + t];
        return p > Math.fround(1 - 1e-7) || p < Math.fround(1e-7);
      });
      expect(clipped.length).toBeGreaterThan(0);
    }
  });
});

describe('the WASM SIMD kernel matches its TypeScript twin', () => {
  let wasm: CnnTrainKernel;
  beforeAll(async () => {
    wasm = await instantiateCnnTrainKernel(readKernel('cnn-train'));
  });

  it.each(CASES)(
    '$name: softmax rows, gradients, then three Adam steps and an SGD step',
    ({ start, n, seed, denseScale }) => {
      const weights = tutorialWeights(seed, denseScale);
      const twin = new CnnTrainTwin();
      for (const k of [wasm, twin]) {
        k.setWeights(weights);
        k.resetMoments();
      }
      expect(wasm.kind).toBe('wasm-simd');
      const b = mnistBatch(train, start, n);
      for (let step = 1; step <= 4; step++) {
        const pw = wasm.computeGradients(b.images, b.labels, n);
        const pt = twin.computeGradients(b.images, b.labels, n);
        expect(relativeError(pw, pt)).toBeLessThan(1e-5);
        const gw = wasm.gradients();
        twin
          .gradients()
          .forEach((g, i) => expect(relativeError(gw[i], g), `step ${step} grad ${i}`).toBeLessThan(1e-5));
        if (step < 4) {
          const { beta1, beta2, epsilon } = ADAM_DEFAULTS;
          const attrs = {
            learningRate: 0.001,
            beta1,
            beta2,
            epsilon,
            biasCorrection1: 1 - beta1 ** step,
            biasCorrection2: 1 - beta2 ** step,
          };
          wasm.adam(attrs);
          twin.adam(attrs);
        } else {
          wasm.sgd(0.05);
          twin.sgd(0.05);
        }
        // Adam divides by sqrt(v) + 1e-7: for a gradient near 1e-7 a float-rounding difference in it moves the
        // step by a visible fraction of the learning rate (0.001), so weights are held to a hundredth of it.
        const ww = wasm.weights();
        twin.weights().forEach((w, i) => expect(maxAbsDiff(ww[i], w), `step ${step} weight ${i}`).toBeLessThan(1e-5));
      }
    },
  );

  it('round-trips weights and gradients through its layout (the dense kernel is transposed inside)', () => {
    const weights = tutorialWeights(4);
    wasm.setWeights(weights);
    expect(wasm.weights()).toEqual(weights);
    const grads = weights.map((w) => w.map((v) => v * 3));
    wasm.setGradients(grads);
    expect(wasm.gradients()).toEqual(grads);
  });

  it('grows its memory for a batch larger than any before', () => {
    const weights = tutorialWeights(5);
    const twin = new CnnTrainTwin();
    wasm.setWeights(weights);
    twin.setWeights(weights);
    const b = mnistBatch(train, 0, 300);
    const pw = wasm.computeGradients(b.images, b.labels, 300);
    expect(relativeError(pw, twin.computeGradients(b.images, b.labels, 300))).toBeLessThan(1e-5);
  });
});
