import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random-weights';
import {
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplier64,
  quantizeMultiplier,
  quantizedActivationRange,
  requantizeFp32,
  roundHalfAway,
  roundHalfEven,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
} from './fixed-point';

const TWO_30 = 2 ** 30;

/** Exact gemmlowp SaturatingRoundingDoublingHighMul in BigInt, as the C++ source reads. */
function srdhmBig(a: number, b: number): number {
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n)); // BigInt division truncates like C++
}

describe('quantizeMultiplier (frexp into Q31 + shift)', () => {
  it.each([
    [0, 0, 0],
    [0.5, TWO_30, 0],
    [0.25, TWO_30, -1],
    [1, TWO_30, 1],
    [2, TWO_30, 2],
    [0.75, 1610612736, 0],
    [1 / 3, 1431655765, -1], // 2/3 * 2^31 = 1431655765.33
    [1 - 2 ** -40, TWO_30, 1], // rounds up to 2^31: halved, shift + 1
    [2 ** -40, 0, 0], // shift < -31 flushes to zero
  ])('%s -> multiplier %s, shift %s', (m, multiplier, shift) => {
    expect(quantizeMultiplier(m)).toEqual({ multiplier, shift });
  });
});

describe('MultiplyByQuantizedMultiplier (int32, double rounding)', () => {
  it.each([
    // x, multiplier, shift, expected (hand-derived from the gemmlowp definitions)
    [100, TWO_30, 0, 50],
    [101, TWO_30, 0, 51], // 50.5: nudge rounds up
    [-101, TWO_30, 0, -50], // -50.5: SRDHM truncates (-102*2^30 + 1) / 2^31 toward zero
    [1000, TWO_30, -1, 250],
    [1001, TWO_30, -1, 251], // 250.25 -> SRDHM 501 -> RDBPOT(501, 1) = 251: the double-rounding artifact
    [-1001, TWO_30, -1, -250],
    [3, TWO_30, 2, 6], // left shift: 3 * 4 * 0.5
    [2 ** 31 - 1, 2 ** 31 - 1, 0, 2 ** 31 - 2],
  ])('x=%s m=%s shift=%s -> %s', (x, m, s, want) => {
    expect(multiplyByQuantizedMultiplier(x, m, s)).toBe(want);
  });

  it('SRDHM matches an exact BigInt evaluation on random int32 inputs', () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 5000; i++) {
      const a = Math.floor((rand() * 2 - 1) * 2 ** 31);
      const b = Math.floor(rand() * 2 ** 31);
      expect(saturatingRoundingDoublingHighMul(a, b)).toBe(srdhmBig(a, b));
    }
    expect(saturatingRoundingDoublingHighMul(-(2 ** 31), -(2 ** 31))).toBe(2 ** 31 - 1);
  });

  it.each([
    [5, 1, 3], // 2.5 -> 3 (away from zero)
    [-5, 1, -3],
    [6, 2, 2], // 1.5 -> 2
    [-6, 2, -2], // -1.5 -> -2
    [-7, 2, -2], // -1.75 -> -2
  ])('RoundingDivideByPOT(%s, %s) = %s', (x, e, want) => {
    expect(roundingDivideByPOT(x, e)).toBe(want);
  });
});

describe('MultiplyByQuantizedMultiplier (int64, 16x8 kernels)', () => {
  it.each([
    [1001, TWO_30, -1, 250], // (1001 * 16384 + 2^15) >> 16 = 250.75 -> 250
    [-1001, TWO_30, -1, -250], // floor(-249.75) = -250
    [2 ** 40, TWO_30, -20, 2 ** 19], // large accumulators stay exact
    [-(2 ** 46) - 12345, 0x7fff8000, -25, -2097088], // reduced multiplier saturates at 0x7fff: -(2^61 - 2^46) / 2^40; BigInt path
  ])('x=%s m=%s shift=%s -> %s', (x, m, s, want) => {
    expect(multiplyByQuantizedMultiplier64(x, m, s)).toBe(want);
  });
});

describe('helpers', () => {
  it.each([
    [0.5, 1],
    [-0.5, -1],
    [1.5, 2],
    [-2.5, -3],
    [2.4, 2],
  ])('roundHalfAway(%s) = %s', (x, want) => {
    expect(roundHalfAway(x)).toBe(want);
  });
  it.each([
    ['NONE', 0.1, -128, [-128, 127]],
    ['RELU', 0.1, -20, [-20, 127]],
    ['RELU6', 0.1, -128, [-128, -68]],
    ['RELU6', 0.01, -128, [-128, 127]],
  ] as const)('activation range %s scale %s zp %s', (a, s, z, want) => {
    expect(quantizedActivationRange(a, s, z, -128, 127)).toEqual(want);
  });
});

describe('XNNPACK fp32 requantization', () => {
  it.each([
    [2.5, 2],
    [3.5, 4],
    [-2.5, -2],
    [-3.5, -4],
    [0.5, 0],
    [-0.5, -0],
    [1.4999999, 1],
    [7.2, 7],
  ])('roundHalfEven(%s) = %s (lrintf)', (x, want) => {
    expect(roundHalfEven(x)).toBe(want);
  });

  it.each([
    // An exact half: MultiplyByQuantizedMultiplier rounds 20 * 1/8 = 2.5 away from zero, XNNPACK to even.
    [20, 0.125, 2, 3],
    [-20, 0.125, -2, -3],
    [28, 0.125, 4, 4],
    // float32 product: 16777217 converts to 16777216 before the multiply.
    [16777217, 0.5, 8388608, 8388609],
  ])('requantizeFp32(%s, %s) = %s (fixed point gives %s)', (acc, scale, want, fixedPoint) => {
    expect(requantizeFp32(acc, scale)).toBe(want);
    const m = quantizeMultiplier(scale);
    if (Math.abs(acc) < 2 ** 31 / 2 ** Math.max(0, m.shift))
      expect(multiplyByQuantizedMultiplier(acc, m.multiplier, m.shift)).toBe(fixedPoint);
  });
});
