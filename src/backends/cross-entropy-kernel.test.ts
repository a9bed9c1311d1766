import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { categoricalCrossEntropy, CROSS_ENTROPY_GRAD_KERNEL, EPSILON } from '../core/train/cross-entropy';
import { registerWasmCrossEntropyKernel } from './cross-entropy-kernel';

/** tfjs-core's own gradient of the unfused formula: the oracle. */
const plainLoss = (p: tf.Tensor, y: tf.Tensor) =>
  tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, EPSILON, 1 - EPSILON))), -1))) as tf.Scalar;

/** [n, 10] softmax rows, with probabilities at and beyond the clip bounds in the first rows. */
function batch(n: number): { probs: Float32Array; oneHot: Float32Array } {
  // Softmax in plain JS, so every backend gets the same bits.
  const probs = new Float32Array(n * 10);
  for (let r = 0; r < n; r++) {
    const e = Array.from({ length: 10 }, (_, k) => Math.exp(Math.sin((r * 10 + k) * 12.9898) * 6));
    const total = e.reduce((a, b) => a + b, 0);
    e.forEach((v, k) => (probs[r * 10 + k] = v / total));
  }
  probs.set([0, 1, EPSILON, 1 - EPSILON, 5e-8, 1 - 5e-8, 0.5, 0.25, 0.125, 1e-30]);
  const oneHot = new Float32Array(n * 10);
  for (let r = 0; r < n; r++) oneHot[r * 10 + ((r * 7) % 10)] = 1;
  oneHot.set([1, 1, 1, 1, 1, 1, 0, 1, 0, 1]);
  return { probs, oneHot };
}

async function gradOn(backend: string, loss: typeof plainLoss, n: number, scale = 1): Promise<number[][]> {
  await tf.setBackend(backend);
  const { probs, oneHot } = batch(n);
  return tf.tidy(() => {
    const p = tf.tensor(probs, [n, 10]);
    const y = tf.tensor(oneHot, [n, 10]);
    const value = loss(p, y);
    const g = tf.grad((t: tf.Tensor) => tf.mul(loss(t, y), scale))(p);
    return [Array.from(value.dataSync()), Array.from(g.dataSync())];
  });
}

beforeAll(() => registerWasmCrossEntropyKernel());

describe('categoricalCrossEntropy with the fused gradient', () => {
  it('registers the kernel for WASM only', () => {
    expect(tf.getKernel(CROSS_ENTROPY_GRAD_KERNEL, 'wasm')).toBeDefined();
    expect(tf.getKernel(CROSS_ENTROPY_GRAD_KERNEL, 'cpu')).toBeUndefined();
  });

  it.each([
    { backend: 'cpu', n: 32, scale: 1 },
    { backend: 'wasm', n: 32, scale: 1 },
    { backend: 'wasm', n: 7, scale: 1 },
    { backend: 'wasm', n: 16, scale: -2.5 },
  ])('$backend, batch $n, upstream gradient $scale: the bits of tfjs-core gradient', async (c) => {
    const [oracleValue, oracleGrad] = await gradOn('cpu', plainLoss, c.n, c.scale);
    const [value, grad] = await gradOn(c.backend, categoricalCrossEntropy, c.n, c.scale);
    expect(grad).toEqual(oracleGrad);
    expect(value[0]).toBeCloseTo(oracleValue[0], 5);
    // Probabilities outside the clip bounds pass no gradient.
    expect(grad.slice(0, 2)).toEqual([0, 0]);
    expect(grad[4]).toBe(0);
  });

  it('detects a wrong gradient (the comparison can fail)', async () => {
    const [, oracle] = await gradOn('cpu', plainLoss, 8);
    const [, doubled] = await gradOn('wasm', categoricalCrossEntropy, 8, 2);
    expect(doubled).not.toEqual(oracle);
  });
});
