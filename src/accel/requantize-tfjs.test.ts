import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendName } from '../backends/select-backend';
import { seededRandom } from '../core/graph/random-weights';
import {
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplier64,
  quantizeMultiplier,
  requantizeFp32,
  roundHalfAway,
} from '../core/graph/reference/fixed-point';
import type { IntegerOutputStage } from '../core/graph/reference/requantize';
import { accPairOf, addAccPairs, requantConstants, requantizeTfjs, roundHalfAwayTfjs } from './requantize-tfjs';

/** Random accumulators plus values that land exactly on rounding ties of the given multiplier. */
function accumulators(count: number, limit: number, seed: number, real: number): Float64Array {
  const rand = seededRandom(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      // Near a tie of the final rounding: x ≈ (k + 1/2) / real.
      const k = Math.floor((rand() * 2 - 1) * 200);
      out[i] = Math.round((k + 0.5) / real) + Math.floor(rand() * 3) - 1;
    } else out[i] = Math.floor((rand() * 2 - 1) * limit);
  }
  return out;
}

describe.each(['wasm', 'cpu'] as BackendName[])('requantization twins on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('roundHalfAwayTfjs equals roundHalfAway(fround(v)), ties and 0.49999997 included', () => {
    const rand = seededRandom(3);
    const v = Float32Array.from({ length: 20000 }, (_, i) => (i < 200 ? (i - 100) / 2 : (rand() * 2 - 1) * 300));
    v.set([0.49999997, -0.49999997, 0.5, -0.5, 1.4999999, 2.5, -2.5, 8388607.5, -8388607.5]);
    const got = tf.tidy(() => roundHalfAwayTfjs(tf.tensor1d(v))).dataSync();
    const want = Float32Array.from(v, (x) => roundHalfAway(x));
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  // Effective scales from the lab's layers (conv 1e-3, dense 5e-5) to edge cases (left shift, tiny).
  it.each([
    { wide: false, real: 0.00131, zp: -128, limit: 2 ** 22 },
    { wide: false, real: 5.3e-5, zp: 7, limit: 2 ** 22 },
    { wide: false, real: 0.37, zp: 3, limit: 2 ** 12 },
    { wide: false, real: 1.7, zp: 0, limit: 2 ** 10 },
    { wide: true, real: 0.00213, zp: 0, limit: 2 ** 27 },
    { wide: true, real: 3.1e-6, zp: 0, limit: 2 ** 27 },
    { wide: true, real: 0.61, zp: 0, limit: 2 ** 16 },
  ])('int%s requantization equals MultiplyByQuantizedMultiplier, scale $real', ({ wide, real, zp, limit }) => {
    const channels = 3;
    const multipliers = [real, real * 0.77, real * 1.31].map((r) => quantizeMultiplier(r));
    const [qmin, qmax] = wide ? [-32768, 32767] : [-128, 127];
    const stage: IntegerOutputStage = {
      inputZeroPoint: 0,
      outputZeroPoint: zp,
      multipliers,
      clampMin: qmin,
      clampMax: qmax,
      wide,
    };
    const acc = accumulators(30000, limit, 11, real);
    const want = Float32Array.from(acc, (x, i) => {
      const m = multipliers[i % channels];
      const s = wide
        ? multiplyByQuantizedMultiplier64(x, m.multiplier, m.shift)
        : multiplyByQuantizedMultiplier(x, m.multiplier, m.shift);
      return Math.min(qmax, Math.max(qmin, s + zp));
    });
    const got = tf
      .tidy(() => {
        // Exact pairs built from two halves, as chunked sums produce them.
        const hi = Float32Array.from(acc, (x) => Math.floor(x / 4096));
        const lo = Float32Array.from(acc, (x, i) => x - hi[i] * 4096);
        const pair = addAccPairs([
          accPairOf(tf.tensor2d(hi, [10000, channels]), 4096),
          accPairOf(tf.tensor2d(lo, [10000, channels])),
        ]);
        return requantizeTfjs(pair, requantConstants(stage));
      })
      .dataSync();
    let diff = 0;
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) diff++;
    expect(diff).toBe(0);
  });

  // XNNPACK's fp32 scheme (the int8 ops LiteRT.js runs on XNNPACK): power-of-two scales put many values on
  // exact halves (rounded to even), the others test the float32 product; |acc| up to 2^26 tests the int32 ->
  // float conversion's own rounding.
  it.each([
    { scales: [2 ** -6, 2 ** -7, 2 ** -8], zp: -5, limit: 2 ** 14 },
    { scales: [0.00131, 0.00087, 0.0021], zp: -128, limit: 2 ** 22 },
    { scales: [3.1e-6, 2.3e-6, 4.7e-6], zp: 7, limit: 2 ** 26 },
  ])('fp32 requantization equals requantizeFp32, scales $scales', ({ scales, zp, limit }) => {
    const channels = 3;
    const fp32Scales = Float32Array.from(scales);
    const stage: IntegerOutputStage = {
      inputZeroPoint: 0,
      outputZeroPoint: zp,
      multipliers: scales.map((r) => quantizeMultiplier(r)),
      clampMin: -128,
      clampMax: 127,
      wide: false,
      fp32Scales,
    };
    const acc = accumulators(30000, limit, 13, scales[0]);
    const want = Float32Array.from(acc, (x, i) =>
      Math.min(127, Math.max(-128, requantizeFp32(x, fp32Scales[i % channels]) + zp)),
    );
    const got = tf
      .tidy(() => {
        const hi = Float32Array.from(acc, (x) => Math.floor(x / 4096));
        const lo = Float32Array.from(acc, (x, i) => x - hi[i] * 4096);
        const pair = addAccPairs([
          accPairOf(tf.tensor2d(hi, [10000, channels]), 4096),
          accPairOf(tf.tensor2d(lo, [10000, channels])),
        ]);
        return requantizeTfjs(pair, requantConstants(stage));
      })
      .dataSync();
    let diff = 0;
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) diff++;
    expect(diff).toBe(0);
  });
});
