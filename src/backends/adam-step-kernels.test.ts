import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdam, hasFusedAdam } from '../core/train/fused-adam';
import { registerWasmAdamStepKernel } from './adam-step-kernels';

/** Largest absolute difference allowed between fused WASM Adam and tf.train.adam on CPU after the steps below. */
const TOL = 1e-5;

const values = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 0.5);

/** Runs `steps` Adam steps on two variables with deterministic gradients; returns their final values. */
async function run(backend: string, fused: boolean, lr: number, steps: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const vars = tf.tidy(() => [
    tf.variable(tf.tensor(values(12, 1), [3, 4])),
    tf.variable(tf.tensor(values(5, 2), [5])),
  ]);
  const opt = fused ? new FusedAdam(lr) : tf.train.adam(lr);
  for (let s = 0; s < steps; s++) {
    const grads = vars.map((v, i) =>
      tf.tensor(
        values(v.size, 10 + s * 2 + i).map((g) => g * (s % 3 === 0 ? 10 : 0.1)),
        v.shape,
      ),
    );
    if (opt instanceof FusedAdam) opt.applyGradients(vars, grads);
    else opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.dispose(grads);
  }
  const out = vars.map((v) => v.dataSync() as Float32Array);
  opt.dispose();
  tf.dispose(vars);
  return out;
}

beforeAll(() => registerWasmAdamStepKernel());

describe('fused Adam on WASM', () => {
  it('is registered for wasm only', async () => {
    await tf.setBackend('wasm');
    expect(hasFusedAdam()).toBe(true);
    await tf.setBackend('cpu');
    expect(hasFusedAdam()).toBe(false);
  });

  it.each([
    { lr: 0.001, steps: 1 },
    { lr: 0.001, steps: 25 },
    { lr: 0.1, steps: 10 },
  ])('matches tf.train.adam on CPU (lr $lr, $steps steps) and leaks nothing', async ({ lr, steps }) => {
    const reference = await run('cpu', false, lr, steps);
    const before = tf.memory().numTensors;
    const fused = await run('wasm', true, lr, steps);
    expect(tf.memory().numTensors).toBe(before);
    let worst = 0;
    reference.forEach((r, i) => r.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - fused[i][k])))));
    expect(worst).toBeLessThan(TOL);
    // The comparison can fail: one step fewer moves the weights by far more than TOL.
    const shorter = await run('wasm', true, lr, steps - 1);
    expect(Math.abs(shorter[0][0] - reference[0][0])).toBeGreaterThan(TOL);
  });
});
