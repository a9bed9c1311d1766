import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { readKernel } from '../../node/kernels-node';
import { loadMnistFromIdx } from '../../node/mnist-node';
import type { MnistSplit } from '../mnist/dataset';
import { buildModel } from '../model/build-model';
import { PRESETS } from '../model/presets';
import { makeBatch } from './batches';
import { instantiateCnnTrainKernel, type CnnTrainKernel } from './cnn-train-kernel';
import { CnnTrainTwin } from './cnn-train-twin';
import { categoricalCrossEntropy } from './cross-entropy';
import { ADAM_DEFAULTS } from './fused-adam';
import { weightsOf } from './model-weights';

let train: MnistSplit;
beforeAll(async () => {
  await initBackend('wasm');
  train = loadMnistFromIdx().train;
});

/** Largest |a - b| over the largest |b|: an error relative to the tensor's scale (zeros stay comparable). */
function relativeError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / Math.max(scale, 1e-30);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

/** The tutorial CNN's seeded initial weights, with the dense kernel scaled by `denseScale` (large: confident rows). */
function initialWeights(seed: number, denseScale = 1): Float32Array[] {
  const model = buildModel(PRESETS.tutorial, seed);
  const w = weightsOf(model).map((t) => t.values);
  model.dispose();
  w[2] = w[2].map((v) => v * denseScale);
  return w;
}

/** Loss, gradients (weight order) and softmax rows of the tfjs model, as trainModel's tfjs step computes them. */
function tfjsGradients(weights: Float32Array[], indices: number[]) {
  const model = buildModel(PRESETS.tutorial, 1);
  try {
    const shapes = model.weights.map((w) => w.shape as number[]);
    tf.tidy(() => model.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i]))));
    const b = makeBatch(train, indices);
    const n = indices.length;
    const out = tf.tidy(() => {
      const x = tf.tensor4d(b.images, [n, 28, 28, 1]);
      const y = tf.tensor2d(b.oneHot, [n, 10]);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      let probs: tf.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const p = model.apply(x, { training: true }) as tf.Tensor;
        probs = tf.keep(p);
        return categoricalCrossEntropy(p, y);
      }, variables);
      const out = {
        loss: value.dataSync()[0],
        grads: variables.map((v) => grads[v.name].dataSync() as Float32Array),
        probs: probs!.dataSync() as Float32Array,
      };
      probs!.dispose();
      return out;
    });
    return { ...out, batch: b };
  } finally {
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

const range = (start: number, n: number) => Array.from({ length: n }, (_, i) => start + i);

const CASES = [
  { name: 'a batch of 32 at the seeded init', indices: range(0, 32), seed: 1, denseScale: 1 },
  { name: 'a last batch of 7', indices: range(5000, 7), seed: 2, denseScale: 1 },
  // Dense weights x40 make many softmax rows saturate: p_true above 1 - 1e-7 (or below 1e-7) is clipped,
  // and those rows get no gradient at all (cross-entropy.ts), which the twin must reproduce.
  { name: 'confident rows clipped at 1e-7 / 1 - 1e-7', indices: range(100, 32), seed: 3, denseScale: 40 },
];

describe('CnnTrainTwin matches tf.variableGrads of the tfjs tutorial CNN on real MNIST', () => {
  it.each(CASES)('$name', ({ indices, seed, denseScale }) => {
    const weights = initialWeights(seed, denseScale);
    const ref = tfjsGradients(weights, indices);
    const twin = new CnnTrainTwin();
    twin.setWeights(weights);
    const probs = twin.computeGradients(ref.batch.images, ref.batch.labels, indices.length);
    expect(relativeError(probs, ref.probs)).toBeLessThan(1e-5);
    expect(Math.abs(meanLoss(probs, ref.batch.labels) - ref.loss)).toBeLessThan(1e-5 * Math.max(1, ref.loss));
    const grads = twin.gradients();
    grads.forEach((g, i) => expect(relativeError(g, ref.grads[i]), `weight ${i}`).toBeLessThan(1e-5));
    if (denseScale > 1) {
      // The case does what it says: some rows are clipped.
      const clipped = ref.batch.labels.filter((t, i) => {
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
    ({ indices, seed, denseScale }) => {
      const weights = initialWeights(seed, denseScale);
      const twin = new CnnTrainTwin();
      for (const k of [wasm, twin]) {
        k.setWeights(weights);
        k.resetMoments();
      }
      expect(wasm.kind).toBe('wasm-simd');
      const b = makeBatch(train, indices);
      const n = indices.length;
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
    const weights = initialWeights(4);
    wasm.setWeights(weights);
    expect(wasm.weights()).toEqual(weights);
    const grads = weights.map((w) => w.map((v) => v * 3));
    wasm.setGradients(grads);
    expect(wasm.gradients()).toEqual(grads);
  });

  it('grows its memory for a batch larger than any before', () => {
    const weights = initialWeights(5);
    const twin = new CnnTrainTwin();
    wasm.setWeights(weights);
    twin.setWeights(weights);
    const b = makeBatch(train, range(0, 300));
    const pw = wasm.computeGradients(b.images, b.labels, 300);
    expect(relativeError(pw, twin.computeGradients(b.images, b.labels, 300))).toBeLessThan(1e-5);
  });
});
