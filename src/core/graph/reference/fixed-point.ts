/**
 * TFLite's integer requantization arithmetic (tensorflow/lite/kernels/internal/quantization_util.cc
 * QuantizeMultiplier; common.h MultiplyByQuantizedMultiplier, the default double-rounding variant;
 * gemmlowp fixedpoint SaturatingRoundingDoublingHighMul and RoundingDivideByPOT), exact in JS doubles.
 */

import type { Activation } from '../graph';

const TWO_31 = 2 ** 31;
const TWO_15 = 2 ** 15;
const POW2 = Float64Array.from({ length: 64 }, (_, i) => 2 ** i);
/** 2^-i: multiplying by it is exact, as dividing by 2^i is, and cheaper. */
const INV_POW2 = Float64Array.from({ length: 64 }, (_, i) => 2 ** -i);

/** std::round / TfLiteRound: half away from zero (Math.round rounds half up). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** lrintf / nearbyint in the default rounding mode: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * XNNPACK's fp32 requantization of an int32 accumulator, the scheme of its qs8 / qc8 GEMM, IGEMM and
 * DWCONV microkernels (XNNPACK src/xnnpack/requantization.h xnn_qs8_requantize_fp32, and the
 * *-minmax-fp32-wasmsimd kernels that LiteRT.js runs): (float) acc * scale in float32, rounded half to
 * even (lrintf, or the magic-bias add of the SIMD kernels). It differs from MultiplyByQuantizedMultiplier
 * (half away from zero on a Q31 multiplier) in the last bit for some accumulators.
 */
export function requantizeFp32(acc: number, scale: number): number {
  return roundHalfEven(Math.fround(Math.fround(acc) * scale));
}

/** A real multiplier as a Q31 fixed-point `multiplier` in [2^30, 2^31) and a power-of-two `shift` (left if > 0). */
export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

/** QuantizeMultiplier: m = multiplier * 2^(shift - 31). Zero maps to {0, 0}. */
export function quantizeMultiplier(realMultiplier: number): QuantizedMultiplier {
  if (realMultiplier === 0) return { multiplier: 0, shift: 0 };
  // frexp: real = q * 2^shift with q in [0.5, 1).
  let shift = Math.floor(Math.log2(Math.abs(realMultiplier))) + 1;
  let q = realMultiplier / 2 ** shift;
  if (Math.abs(q) >= 1) {
    q /= 2;
    shift++;
  }
  if (Math.abs(q) < 0.5) {
    q *= 2;
    shift--;
  }
  let qFixed = roundHalfAway(q * TWO_31);
  if (qFixed === TWO_31) {
    qFixed /= 2;
    shift++;
  }
  if (shift < -31) {
    shift = 0;
    qFixed = 0;
  }
  if (shift > 30) {
    shift = 30;
    qFixed = TWO_31 - 1;
  }
  return { multiplier: qFixed, shift };
}

/** gemmlowp SaturatingRoundingDoublingHighMul for int32 a and b >= 0: (a*b*2 + nudge) >> 32, truncating. */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  if (a === -TWO_31 && b === -TWO_31) return TWO_31 - 1;
  // a*b can reach 2^62: split b into 16-bit halves so every partial product is exact in a double.
  const bHi = Math.floor(b / 65536);
  const bLo = b - bHi * 65536;
  const hi = a * bHi; // |hi| < 2^47
  const lo = a * bLo; // |lo| < 2^47
  const negative = hi * 65536 + lo < 0; // sign is exact enough: both parts share a's sign
  const nudge = negative ? 1 - 2 ** 30 : 2 ** 30;
  const hq = Math.floor(hi / TWO_15);
  const r = (hi - hq * TWO_15) * 65536 + lo + nudge; // exact, |r| < 2^48
  const rq = Math.floor(r / TWO_31);
  const q = hq + rq; // floor((a*b + nudge) / 2^31)
  const rem = r - rq * TWO_31;
  // C++ int64 division truncates toward zero.
  const total = q < 0 && rem !== 0 ? q + 1 : q;
  return total;
}

/** gemmlowp RoundingDivideByPOT: x / 2^exponent rounded half away from zero, int32 x. */
export function roundingDivideByPOT(x: number, exponent: number): number {
  if (exponent === 0) return x;
  const mask = (1 << exponent) - 1;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/** MultiplyByQuantizedMultiplier(int32 x, int32 multiplier, int shift): x * multiplier * 2^(shift-31), rounded. */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  const leftShift = shift > 0 ? shift : 0;
  const rightShift = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul((x * 2 ** leftShift) | 0, multiplier), rightShift);
}

/**
 * MultiplyByQuantizedMultiplier(int64 x, ...) used by the 16x8 kernels: the multiplier is reduced to
 * 15 bits, then (x * reduced + 2^(total-1)) >> total with total = 15 - shift.
 */
export function multiplyByQuantizedMultiplier64(x: number, multiplier: number, shift: number): number {
  const reduced = multiplier < 0x7fff0000 ? (multiplier + TWO_15) >> 16 : 0x7fff;
  const totalShift = 15 - shift;
  const prod = x * reduced;
  if (prod < 4503599627370496 && prod > -4503599627370496)
    return Math.floor((prod + POW2[totalShift - 1]) * INV_POW2[totalShift]);
  const big = (BigInt(x) * BigInt(reduced) + (1n << BigInt(totalShift - 1))) >> BigInt(totalShift);
  return Number(big);
}

/** CalculateActivationRangeQuantized: the clamp [min, max] in the quantized domain of the output. */
export function quantizedActivationRange(
  activation: Activation,
  scale: number,
  zeroPoint: number,
  qmin: number,
  qmax: number,
): [number, number] {
  const quantize = (f: number) => zeroPoint + roundHalfAway(Math.fround(f / scale));
  if (activation === 'RELU') return [Math.max(qmin, quantize(0)), qmax];
  if (activation === 'RELU6') return [Math.max(qmin, quantize(0)), Math.min(qmax, quantize(6))];
  return [qmin, qmax];
}

/** Float fused-activation clamp bounds (CalculateActivationRange). */
export function floatActivationRange(activation: Activation): [number, number] {
  if (activation === 'RELU') return [0, Infinity];
  if (activation === 'RELU6') return [0, 6];
  return [-Infinity, Infinity];
}
