import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { readKernel } from '../../node/kernels-node';
import { loadMnistFromIdx } from '../../node/mnist-node';
import type { MnistSplit } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import type { Batch } from '../train/batches';
import { categoricalCrossEntropy } from '../train/cross-entropy';
import { mnistBatch, relativeError, tutorialModel } from '../train/testing/tutorial-cnn';
import {
  buildQatNetwork,
  disposeQatNetwork,
  qatForward,
  type QatWeightGranularity,
  type RangeTable,
} from './qat-forward';
import { instantiateQatCnnKernel } from './qat-cnn-wasm';
import { FusedQatStep } from './qat-cnn-step';
import { QatCnnTwin } from './qat-cnn-twin';
import { fakeQuantValue, type QatCnnKernel } from './qat-cnn-kernel';
import { quantizeDequantizeActivation, quantizeDequantizeWeights } from './fake-quant';

let train: MnistSplit;
beforeAll(async () => {
  await initBackend('wasm');
  train = loadMnistFromIdx().train;
});

const cloneRanges = (r: RangeTable): RangeTable => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v }]));
const MOMENTUM = 0.99;

/** qatForward's taped step (as qat-tfjs-trainer.ts's qatBatch), without the optimizer: gradients, softmax rows, ranges. */
function tfjsQatGradients(trained: TrainedModel, granularity: QatWeightGranularity, b: Batch, ranges: RangeTable) {
  const net = buildQatNetwork(trained, granularity);
  try {
    const n = b.labels.length;
    const result = tf.tidy(() => {
      const x = tf.tensor4d(b.images, [n, 28, 28, 1]);
      const y = tf.tensor2d(b.oneHot, [n, 10]);
      let probs: tf.Tensor | undefined;
      const { grads } = tf.variableGrads(() => {
        const p = qatForward(net, x, { quantize: true, updateRanges: true, ranges, momentum: MOMENTUM });
        probs = tf.keep(p);
        return categoricalCrossEntropy(p, y);
      }, net.variables);
      const out = {
        grads: net.variables.map((v) => grads[v.name].dataSync() as Float32Array),
        probs: probs!.dataSync() as Float32Array,
      };
      probs!.dispose();
      return out;
    }) as unknown as { grads: Float32Array[]; probs: Float32Array };
    return { ...result, points: net.quantPoints };
  } finally {
    disposeQatNetwork(net);
  }
}

/** Two batches, each a run of training rows [start, n]. */
const CASES: {
  name: string;
  first: [number, number];
  second: [number, number];
  granularity: QatWeightGranularity;
}[] = [
  {
    name: 'two batches of 32, conv per channel, dense per tensor',
    first: [0, 32],
    second: [32, 32],
    granularity: { perChannel: true, fcPerChannel: false },
  },
  {
    name: 'then a short last batch of 7, both per tensor',
    first: [1000, 32],
    second: [5000, 7],
    granularity: { perChannel: false, fcPerChannel: false },
  },
  {
    name: 'both per channel',
    first: [2000, 32],
    second: [2032, 32],
    granularity: { perChannel: true, fcPerChannel: true },
  },
];

/** Runs both batches through `kernel` (ranges folded as in training) and returns the second's result. */
function fusedGradients(kernel: QatCnnKernel, trained: TrainedModel, c: (typeof CASES)[number], points: string[]) {
  const ranges: RangeTable = {};
  const step = new FusedQatStep(
    kernel,
    trained.weights.map((w) => w.values.slice()),
    c.granularity,
    points,
    1e-3,
  );
  const a = mnistBatch(train, ...c.first);
  step.gradients(a.images, a.labels, ranges, MOMENTUM);
  const b = mnistBatch(train, ...c.second);
  const probs = step.gradients(b.images, b.labels, ranges, MOMENTUM);
  return { probs, grads: kernel.gradients(), ranges };
}

describe('QatCnnTwin matches tf.variableGrads of qatForward on real MNIST', () => {
  it.each(CASES)('$name', (c) => {
    const trained = tutorialModel(7);
    const refRanges: RangeTable = {};
    tfjsQatGradients(trained, c.granularity, mnistBatch(train, ...c.first), refRanges);
    const before = cloneRanges(refRanges);
    const ref = tfjsQatGradients(trained, c.granularity, mnistBatch(train, ...c.second), refRanges);
    const got = fusedGradients(new QatCnnTwin(), trained, c, ref.points);
    expect(Object.keys(got.ranges)).toEqual(ref.points);
    for (const name of ref.points) {
      expect(got.ranges[name].batches).toBe(2);
      for (const k of ['min', 'max', 'seenMin', 'seenMax'] as const)
        expect(Math.abs(got.ranges[name][k] - refRanges[name][k]), `${name} ${k}`).toBeLessThan(1e-5);
    }
    expect(refRanges).not.toEqual(before);
    expect(relativeError(got.probs, ref.probs)).toBeLessThan(1e-4);
    got.grads.forEach((g, i) => expect(relativeError(g, ref.grads[i]), `weight ${i}`).toBeLessThan(1e-3));
  });
});

describe('the WASM SIMD QAT entry points match the TypeScript twin', () => {
  let wasm: QatCnnKernel;
  beforeAll(async () => {
    wasm = await instantiateQatCnnKernel(readKernel('cnn-train'));
  });

  it.each(CASES)('$name: ranges, softmax rows, gradients, then three Adam steps', (c) => {
    expect(wasm.kind).toBe('wasm-simd');
    const trained = tutorialModel(11);
    const points = ['input', 'conv2d_0/out', 'dense_3/logits'];
    const ranges = [{}, {}] as RangeTable[];
    const steps = [wasm, new QatCnnTwin()].map(
      (k) =>
        new FusedQatStep(
          k,
          trained.weights.map((w) => w.values.slice()),
          c.granularity,
          points,
          1e-3,
        ),
    );
    for (const [i, indices] of [c.first, c.second, c.first, c.second].entries()) {
      const b = mnistBatch(train, ...indices);
      const [pw, pt] = steps.map((s, k) => s.step(b.images, b.labels, ranges[k], MOMENTUM));
      expect(relativeError(pw, pt), `step ${i} probs`).toBeLessThan(1e-4);
      for (const name of points)
        expect(Math.abs(ranges[0][name].max - ranges[1][name].max), `step ${i} ${name}`).toBeLessThan(1e-5);
      const [ww, wt] = steps.map((s) => s.weights());
      ww.forEach((w, j) => expect(relativeError(w, wt[j]), `step ${i} weight ${j}`).toBeLessThan(1e-4));
    }
  });
});

describe('both implementations round ties half away from zero, as fake-quant.ts does', () => {
  // scale 1/8 is exact: a pixel of 2.5 steps at the conv point and a logit of -2.5 steps are true ties.
  const q = (zeroPoint: number) => ({
    scale: 0.125,
    zeroPoint,
    nudgedMin: 0.125 * (-128 - zeroPoint),
    nudgedMax: 0.125 * (127 - zeroPoint),
  });
  const weights = () => {
    const w = [new Float32Array(108), new Float32Array(12), new Float32Array(20280), new Float32Array(10)];
    w[0][0] = 1; // tap (0, 0) of channel 0
    w[2][0] = 1; // class 0 reads feature 0 (position (0, 0), channel 0)
    w[3][1] = -0.3125; // class 1's logit is -2.5 steps
    return w;
  };

  it('fakeQuantValue agrees with the tfjs fake quant on ties', () => {
    const xs = Float32Array.from([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5].map((v) => v * 0.125));
    const ref = tf.tidy(() => quantizeDequantizeActivation(tf.tensor1d(xs), q(0)).dataSync() as Float32Array);
    expect(Array.from(xs, (x) => fakeQuantValue(x, 0.125, 0))).toEqual(Array.from(ref));
    expect(fakeQuantValue(2.5 * 0.125, 0.125, 0)).toBe(0.375);
  });

  it.each(['wasm', 'twin'])('%s', async (which) => {
    const kernel = which === 'wasm' ? await instantiateQatCnnKernel(readKernel('cnn-train')) : new QatCnnTwin();
    const image = new Float32Array(784);
    image[0] = 2.5 * 0.125;
    kernel.setWeights(weights());
    expect(kernel.input(image, Uint8Array.of(0), 1)).toEqual([0, 0.3125]);
    // The input point's steps (1/512) hold the pixel exactly; a weight of 1 is its tensor's max |w|, code 127 -> 1.
    kernel.conv(
      { scale: 1 / 512, zeroPoint: -128, nudgedMin: 0, nudgedMax: 255 / 512 },
      { perChannel: false, fcPerChannel: false },
    );
    expect(kernel.quantizedWeights()).toEqual(weights());
    const [lo, hi] = kernel.dense(q(-128));
    expect(hi).toBe(0.375); // not 0.25 (half to even)
    expect(lo).toBe(-0.3125);
    const probs = kernel.backward(q(0));
    // Logits after their fake quant: [0.375, -0.375, 0, ...].
    const e = [Math.exp(0.375), Math.exp(-0.375), ...Array(8).fill(1)];
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, k) => expect(probs[k]).toBeCloseTo(v / sum, 6));
  });
});

describe('the WASM SIMD weight fake quant equals quantizeDequantizeWeights bit for bit', () => {
  const GRANULARITIES: QatWeightGranularity[] = [
    { perChannel: true, fcPerChannel: false },
    { perChannel: false, fcPerChannel: false },
    { perChannel: true, fcPerChannel: true },
    { perChannel: false, fcPerChannel: true },
  ];
  /** Seeded weights with an all-zero conv channel and dense class (scale 1, codes 0) and exact ties (code x.5). */
  const weights = () => {
    const w = tutorialModel(13).weights.map((t) => t.values.slice());
    for (let i = 5; i < 108; i += 12) w[0][i] = 0;
    for (let i = 3; i < w[2].length; i += 10) w[2][i] = 0;
    w[2][0] = 1;
    w[2][10] = 2.5 / 127;
    w[2][20] = -6.5 / 127;
    return w;
  };
  const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

  it.each(GRANULARITIES)('conv per channel $perChannel, dense per channel $fcPerChannel', async (g) => {
    const w = weights();
    const ref = tf.tidy(() =>
      w.map((values, i) => {
        if (i % 2 === 1) return values;
        const shape = i === 0 ? [3, 3, 1, 12] : [2028, 10];
        const perChannel = i === 0 ? g.perChannel : g.fcPerChannel;
        const axes = perChannel ? (i === 0 ? [0, 1, 2] : [0]) : undefined;
        return quantizeDequantizeWeights(tf.tensor(values, shape), axes).dataSync() as Float32Array;
      }),
    );
    const image = mnistBatch(train, 0, 1).images;
    const point = { scale: 1 / 255, zeroPoint: -128, nudgedMin: 0, nudgedMax: 1 };
    for (const kernel of [await instantiateQatCnnKernel(readKernel('cnn-train')), new QatCnnTwin()]) {
      kernel.setWeights(w);
      kernel.input(image, Uint8Array.of(0), 1);
      kernel.conv(point, g);
      kernel.quantizedWeights().forEach((q, i) => expect(same(q, ref[i]), `${kernel.kind} weight ${i}`).toBe(true));
      // The float master weights stay as they were.
      expect(kernel.weights()).toEqual(w);
    }
  });
});
