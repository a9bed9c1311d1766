import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../train/batches';
import { applyMask, magnitudeMask, sparsityOf } from './magnitude-mask';
import { magnitudeMaskTensor } from './pruning-hook';

const random = mulberry32(5);
const values = Float32Array.from({ length: 1000 }, () => random() * 2 - 1);

describe('magnitudeMask', () => {
  it.each([0, 0.5, 0.8, 0.95, 0.999])('zeros exactly round(n * %f) of the smallest magnitudes', (s) => {
    const mask = magnitudeMask(values, s);
    const pruned = applyMask(values, mask);
    expect(sparsityOf(pruned)).toBe(Math.round(1000 * s) / 1000);
    const keptMin = Math.min(
      ...Array.from(
        pruned.filter((v) => v !== 0),
        Math.abs,
      ),
    );
    const prunedMax = Math.max(
      0,
      ...Array.from(
        values.filter((_, i) => !mask[i]),
        Math.abs,
      ),
    );
    expect(prunedMax).toBeLessThanOrEqual(keptMin);
  });

  it('breaks ties by index so the count is exact', () => {
    expect(Array.from(magnitudeMask(new Float32Array([1, -1, 1, 1]), 0.5))).toEqual([1, 1, 0, 0]);
  });
});

describe('magnitudeMaskTensor (on-device twin)', () => {
  it.each([0, 0.3, 0.8, 0.97])('matches magnitudeMask at sparsity %f on the CPU backend', async (s) => {
    await tf.setBackend('cpu');
    const t = tf.tensor(values, [25, 40]);
    const m = magnitudeMaskTensor(t, s);
    expect(m.shape).toEqual([25, 40]);
    expect(Array.from(await m.data())).toEqual(Array.from(magnitudeMask(values, s)));
    tf.dispose([t, m]);
  });
});
