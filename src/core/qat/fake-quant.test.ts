import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers gradient functions
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { roundHalfAway } from '../graph/reference/fixed-point';
import { activationParamsInt8, quantizeWeightsSymmetric } from '../quant/quant-params';
import {
  activationQuant,
  fakeQuantActivation,
  fakeQuantWeights,
  quantizeDequantizeActivation,
  quantizeDequantizeWeights,
  roundHalfAwayTf,
  updateMovingRange,
  weightReduceAxes,
  type KernelLayout,
} from './fake-quant';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Reference quantize-dequantize of an activation, as QUANTIZE then DEQUANTIZE in the reference interpreter. */
function referenceActivation(x: number, scale: number, zp: number): number {
  const q = Math.min(127, Math.max(-128, roundHalfAway(Math.fround(x / scale)) + zp));
  return Math.fround(scale * (q - zp));
}

/** Plain numbers with -0 as 0 (tf's sign() * floor() gives -0 where the reference gives 0; equal as numbers). */
const plain = (a: ArrayLike<number>) => Array.from(a, (v) => v + 0);

/** A seeded spread of values in [-a, a]. */
function values(n: number, a: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 2 * a;
  });
}

describe('roundHalfAwayTf', () => {
  it('rounds halves away from zero, as TFLite does', () => {
    const x = [-2.5, -1.5, -0.5, -0.4, 0, 0.4, 0.5, 1.5, 2.5, 3.7];
    expect(plain(roundHalfAwayTf(tf.tensor1d(x)).dataSync())).toEqual(plain(x.map(roundHalfAway)));
  });
});

describe('activation fake quant', () => {
  const cases: { name: string; min: number; max: number }[] = [
    { name: 'relu output [0, 6.3]', min: 0, max: 6.3 },
    { name: 'logits [-11.2, 17.9]', min: -11.2, max: 17.9 },
    { name: 'all-negative range widened to 0', min: -3, max: -1 },
    { name: 'all-positive range widened to 0', min: 0.5, max: 2 },
    { name: 'image input [0, 1]', min: 0, max: 1 },
  ];
  it.each(cases)("params equal the exporter's for $name", ({ min, max }) => {
    const q = activationQuant(min, max);
    const p = activationParamsInt8(min, max);
    expect(q.scale).toBe(p.scale[0]);
    expect(q.zeroPoint).toBe(p.zeroPoint[0]);
    // 0 is exactly representable, and the nudged range spans 255 steps.
    expect(referenceActivation(0, q.scale, q.zeroPoint)).toBe(0);
    expect((q.nudgedMax - q.nudgedMin) / q.scale).toBeCloseTo(255, 3);
  });

  it.each(cases)('forward equals quantize-dequantize for $name', ({ min, max }) => {
    const q = activationQuant(min, max);
    const span = Math.max(Math.abs(min), Math.abs(max)) * 1.3;
    const x = values(2000, span);
    // Exact grid points and halfway points are the tie cases.
    const extra = Array.from({ length: 20 }, (_, i) => Math.fround((i - 10 + 0.5) * q.scale));
    const all = Float32Array.from([...x, ...extra, min, max, 0]);
    const y = quantizeDequantizeActivation(tf.tensor1d(all), q).dataSync();
    const want = Array.from(all, (v) => referenceActivation(v, q.scale, q.zeroPoint));
    expect(plain(y)).toEqual(plain(want));
    expect(plain(fakeQuantActivation(tf.tensor1d(all), q).dataSync())).toEqual(plain(want));
  });

  it('passes gradients straight through inside the nudged range and blocks them outside', () => {
    const q = activationQuant(-1, 3);
    const x = tf.tensor1d([
      -5,
      q.nudgedMin - 0.01,
      q.nudgedMin,
      -0.5,
      0,
      0.37,
      2.9,
      q.nudgedMax,
      q.nudgedMax + 0.01,
      10,
    ]);
    const dy = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const g = tf
      .grad((t: tf.Tensor) => fakeQuantActivation(t, q))(x, dy)
      .dataSync();
    expect(Array.from(g)).toEqual([0, 0, 3, 4, 5, 6, 7, 8, 0, 0]);
  });
});

describe('weight fake quant', () => {
  const cases: {
    name: string;
    layout: KernelLayout;
    shape: number[];
    perChannel: boolean;
    channelShape: number[];
    channelDim?: number;
  }[] = [
    // Exporter view in TF.js memory order: the channel is the innermost index of channelShape.
    {
      name: 'conv2d HWIO per channel',
      layout: 'conv2d',
      shape: [3, 3, 2, 5],
      perChannel: true,
      channelShape: [3, 3, 2, 5],
      channelDim: 3,
    },
    { name: 'conv2d per tensor', layout: 'conv2d', shape: [3, 3, 2, 5], perChannel: false, channelShape: [3, 3, 2, 5] },
    {
      name: 'depthwise [kh, kw, in, mult] per in*mult channel',
      layout: 'depthwiseConv2d',
      shape: [3, 3, 4, 2],
      perChannel: true,
      channelShape: [9, 8],
      channelDim: 1,
    },
    { name: 'dense [in, out] per tensor', layout: 'dense', shape: [20, 10], perChannel: false, channelShape: [20, 10] },
    {
      name: 'dense [in, out] per output',
      layout: 'dense',
      shape: [20, 10],
      perChannel: true,
      channelShape: [20, 10],
      channelDim: 1,
    },
  ];
  it.each(cases)(
    "forward equals the exporter's int8 weights dequantized: $name",
    ({ layout, shape, perChannel, channelShape, channelDim }) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const w = values(n, 0.4, 7);
      // Vary the channel magnitudes, and zero one channel entirely (the exporter gives it scale 1, codes 0).
      const c = channelShape[channelShape.length - 1];
      for (let i = 0; i < n; i++) w[i] = i % c === 0 ? 0 : w[i] * (1 + (i % c));
      const ref = quantizeWeightsSymmetric(w, channelShape, channelDim);
      const want = Array.from(ref.values, (q, i) =>
        Math.fround(q * ref.quant.scale[channelDim === undefined ? 0 : i % c]),
      );
      const axes = weightReduceAxes(layout, perChannel);
      const got = quantizeDequantizeWeights(tf.tensor(w, shape), axes).dataSync();
      expect(plain(got)).toEqual(plain(want));
    },
  );

  it('has an identity (straight-through) gradient', () => {
    const w = tf.tensor(values(3 * 3 * 1 * 4, 0.5), [3, 3, 1, 4]);
    const dy = tf.tensor(values(36, 2, 3), [3, 3, 1, 4]);
    const g = tf.grad((t: tf.Tensor) => fakeQuantWeights(t, [0, 1, 2]))(w, dy);
    expect(Array.from(g.dataSync())).toEqual(Array.from(dy.dataSync()));
  });
});

describe('updateMovingRange', () => {
  it('starts from the first batch, then moves by (1 - momentum) of the difference', () => {
    let r = updateMovingRange(undefined, -1, 4);
    expect(r).toEqual({ min: -1, max: 4, seenMin: -1, seenMax: 4, batches: 1 });
    r = updateMovingRange(r, -3, 2, 0.9);
    expect(r.min).toBeCloseTo(-1.2, 12);
    expect(r.max).toBeCloseTo(3.8, 12);
    expect([r.seenMin, r.seenMax, r.batches]).toEqual([-3, 4, 2]);
  });
});
