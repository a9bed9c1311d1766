/**
 * TFLite's integer rounding rules on tfjs float32 tensors that hold integers. Every step is exact
 * float32 arithmetic: integer-valued operands below 2^24, products split into limbs of at most 24
 * significant bits, and multiplications by powers of two. (Why float and not int32: on the WASM backend
 * int32 `floorDiv` goes through float32 and int32 `clipByValue` is broken, and int32 ops there cost about
 * 3.5 ns per element against about 1 ns for float ops.)
 *
 * Accumulators are carried as an exact pair `value = 4096 * hi + lo` (see {@link AccPair}) so that sums
 * above 2^24 (16x8, chunked reductions) stay exact.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { IntegerOutputStage } from '../core/graph/reference/requantize';

/** Largest float32 below 0.5: floor(|v| + HALF_DOWN) is round-half-away for every float32 |v| < 2^23. */
const HALF_DOWN = 0.5 - 2 ** -25;
const LIMB = 4096;

/** std::round (half away from zero) of a float32 tensor, exactly as the reference's roundHalfAway(fround(v)). */
export function roundHalfAwayTfjs(v: tf.Tensor): tf.Tensor {
  // floor(|v| + 0.5) would round 0.49999997 up (|v| + 0.5 rounds to 1.0 in float32); HALF_DOWN does not.
  return tf.tidy(() => tf.mul(tf.sign(v), tf.floor(tf.add(tf.abs(v), HALF_DOWN))));
}

/** An exact integer accumulator `4096 * hi + lo`, both float32 integer tensors of one shape. */
export interface AccPair {
  hi: tf.Tensor;
  lo: tf.Tensor;
}

/** Splits an exact integer float tensor (|x| < 2^24) times `weight` (1 or a power of two <= 4096) into a pair with lo in [0, 4096). */
export function accPairOf(x: tf.Tensor, weight = 1): AccPair {
  return tf.tidy(() => {
    const div = LIMB / weight;
    const hi = tf.floor(tf.mul(x, 1 / div));
    const lo = tf.mul(tf.sub(x, tf.mul(hi, div)), weight);
    return { hi, lo };
  });
}

/** Sum of pairs (exact while |hi| and the lo sums stay below 2^24); the result is normalized (lo in [0, 4096)). */
export function addAccPairs(pairs: AccPair[]): AccPair {
  return tf.tidy(() => {
    let hi = pairs[0].hi;
    let lo = pairs[0].lo;
    for (const p of pairs.slice(1)) {
      hi = tf.add(hi, p.hi);
      lo = tf.add(lo, p.lo);
    }
    const carry = tf.floor(tf.mul(lo, 1 / LIMB));
    return { hi: tf.add(hi, carry), lo: tf.sub(lo, tf.mul(carry, LIMB)) };
  });
}

/** Host-side per-channel constants of one integer output stage (built once per op). */
export interface RequantConstants {
  /** int8 ops XNNPACK runs: its per-channel float32 requantization scales (see IntegerOutputStage.fp32Scales). */
  fp32Scales?: Float32Array;
  /** 16x8: MultiplyByQuantizedMultiplier(int64) with a 15-bit multiplier; else the int32 double-rounding one. */
  wide: boolean;
  channels: number;
  /** Per-channel float32 limb factors (see requantize*). */
  factors: Float32Array[];
  /** Some channel has a left shift (effective scale >= 1). */
  leftShift: boolean;
  zeroPoint: number;
  clampMin: number;
  clampMax: number;
}

/**
 * Splits each channel's Q31 multiplier and shift into exact float32 limb factors.
 * int8 (MultiplyByQuantizedMultiplier, int32): M = MA*2^19 + MB*2^7 + MC, right shift e, left shift l.
 * 16x8 (int64 variant): R = round(M / 2^16) (15 bits) = RA*256 + RB, total shift t = 15 - shift.
 */
export function requantConstants(stage: IntegerOutputStage): RequantConstants {
  const { outputZeroPoint: zeroPoint, clampMin, clampMax, multipliers } = stage;
  const base = { channels: multipliers.length, zeroPoint, clampMin, clampMax };
  if (stage.fp32Scales) return { ...base, fp32Scales: stage.fp32Scales, wide: false, factors: [], leftShift: false };
  if (!stage.wide) return { ...base, ...int32Factors(stage) };
  return { ...base, ...int64Factors(stage) };
}

/** Limb factors of the int32 double-rounding MultiplyByQuantizedMultiplier (see requantizeTfjs). */
function int32Factors(stage: IntegerOutputStage): Pick<RequantConstants, 'wide' | 'factors' | 'leftShift'> {
  const C = stage.multipliers.length;
  const [ma, mb12, ma12, mc, mb32, mc12, pow2Left, halfBias, invPow] = Array.from(
    { length: 9 },
    () => new Float32Array(C),
  );
  let leftShift = false;
  stage.multipliers.forEach(({ multiplier: M, shift }, c) => {
    const left = Math.max(shift, 0);
    const e = Math.max(-shift, 0);
    if (e > 29) throw new Error(`requantize: right shift ${e} is out of the supported range`);
    if (left > 0) leftShift = true;
    const MA = Math.floor(M / 2 ** 19);
    const R19 = M - MA * 2 ** 19;
    const MB = Math.floor(R19 / 2 ** 7);
    const MC = R19 - MB * 2 ** 7;
    ma[c] = MA;
    mb12[c] = MB / 2 ** 12;
    ma12[c] = MA / 2 ** 12;
    mc[c] = MC;
    mb32[c] = MB / 32;
    mc12[c] = MC / 2 ** 12;
    pow2Left[c] = 2 ** left;
    halfBias[c] = e > 0 ? 2 ** (e - 1) - 0.5 : 0;
    invPow[c] = 2 ** -e;
  });
  return { wide: false, factors: [ma, mb12, ma12, mc, mb32, mc12, pow2Left, halfBias, invPow], leftShift };
}

/** Limb factors of the 16x8 int64 MultiplyByQuantizedMultiplier (15-bit multiplier, see requantizeTfjs). */
function int64Factors(stage: IntegerOutputStage): Pick<RequantConstants, 'wide' | 'factors' | 'leftShift'> {
  const C = stage.multipliers.length;
  const [a20, b12, a8, b0] = Array.from({ length: 4 }, () => new Float32Array(C));
  stage.multipliers.forEach(({ multiplier: M, shift }, c) => {
    const R = M < 0x7fff0000 ? Math.floor((M + 2 ** 15) / 2 ** 16) : 0x7fff;
    const t = 15 - shift;
    if (t < 1 || t > 60) throw new Error(`requantize: total shift ${t} is out of the supported range`);
    const RA = Math.floor(R / 256);
    const RB = R - RA * 256;
    a20[c] = RA * 2 ** (20 - t);
    b12[c] = RB * 2 ** (12 - t);
    a8[c] = RA * 2 ** (8 - t);
    b0[c] = RB * 2 ** -t;
  });
  return { wide: true, factors: [a20, b12, a8, b0], leftShift: false };
}

/** 1.5 * 2^23: (v + MAGIC) - MAGIC rounds a float32 |v| < 2^22 half to even, as XNNPACK's magic-bias kernels do. */
const MAGIC_BIAS = 12582912;

/**
 * XNNPACK's fp32 requantization (requantization.h xnn_qs8_requantize_fp32): (float) acc * scale[c], clamped to
 * [min - zp, max - zp], rounded half to even, plus zp. `hi * 4096 + lo` is rounded to float32 once, which is
 * the int32 -> float conversion.
 */
function requantizeFp32Tfjs(acc: AccPair | tf.Tensor, k: RequantConstants, scales: Float32Array): tf.Tensor {
  return tf.tidy(() => {
    const value = acc instanceof tf.Tensor ? acc : tf.add(tf.mul(acc.hi, LIMB), acc.lo);
    const scaled = tf.mul(value, tf.tensor1d(scales));
    const clamped = tf.clipByValue(scaled, k.clampMin - k.zeroPoint, k.clampMax - k.zeroPoint);
    const rounded = tf.sub(tf.add(clamped, MAGIC_BIAS), MAGIC_BIAS);
    return k.zeroPoint !== 0 ? tf.add(rounded, k.zeroPoint) : rounded;
  });
}

/** floor(t) and t - floor(t) (both exact). */
function split(t: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const i = tf.floor(t);
  return [i, tf.sub(t, i)];
}

/**
 * MultiplyByQuantizedMultiplier + output zero point + clamp, channels innermost (XNNPACK's fp32 scheme
 * instead when `k.fp32Scales` is set).
 *
 * int8 (double rounding): y = SaturatingRoundingDoublingHighMul(x * 2^l, M) = floor(x*M/2^31 + 1/2) is
 * assembled from exact limb products, y = hi*MA + floor(U1) + floor(U2) + floor(frac(U1) + frac(U2) +
 * small terms + 1/2); then RoundingDivideByPOT(y, e) = floor((y + [y > 0]/2 + 2^(e-1) - 1/2) / 2^e).
 * Bit-exact for |x * 2^l| < 2^23; beyond that the clamp is assumed (int8 outputs saturate there for any
 * effective scale >= 2^-15).
 *
 * 16x8: floor(x*R/2^t + 1/2) from four exact limb products; exact for |x| < 2^28 and t <= 21 (larger t:
 * the fraction sum rounds, so y may be off by one when x*R/2^t + 1/2 lies within 2^(t-21) / 2^t of an integer).
 */
export function requantizeTfjs(acc: AccPair, k: RequantConstants): tf.Tensor {
  if (k.fp32Scales) return requantizeFp32Tfjs(acc, k, k.fp32Scales);
  return tf.tidy(() => {
    const f = k.factors.map((a) => tf.tensor1d(a));
    let { hi, lo } = acc;
    let y: tf.Tensor;
    if (!k.wide) {
      const [ma, mb12, ma12, mc, mb32, mc12, pow2Left, halfBias, invPow] = f;
      if (k.leftShift) ({ hi, lo } = addAccPairs([{ hi: tf.mul(hi, pow2Left), lo: tf.mul(lo, pow2Left) }]));
      hi = tf.clipByValue(hi, -(2 ** 11), 2 ** 11 - 1); // |x| < 2^23
      // x*M/2^31 + 1/2 = hi*MA + U1 + U2 + F, U1 = hi*MB/2^12, U2 = lo*MA/2^12, and 2^19 F =
      // 2^19 (frac U1 + frac U2) + hi*MC + 2^18 + lo*MB/32 + lo*MC/2^12: every piece below is exact.
      const [i1, f1] = split(tf.mul(hi, mb12));
      const [i2, f2] = split(tf.mul(lo, ma12));
      const a = tf.add(tf.add(tf.mul(tf.add(f1, f2), 2 ** 19), tf.mul(hi, mc)), 2 ** 18);
      const [bI, bF] = split(tf.mul(lo, mb32));
      const [cI, cF] = split(tf.mul(lo, mc12));
      const d = tf.add(tf.add(a, tf.add(bI, cI)), tf.floor(tf.add(bF, cF)));
      y = tf.add(tf.add(tf.mul(hi, ma), tf.add(i1, i2)), tf.floor(tf.mul(d, 2 ** -19)));
      // RoundingDivideByPOT: ties away from zero; [y > 0] / 2 is clip(y, 0, 0.5) for integer y.
      y = tf.floor(tf.mul(tf.add(tf.add(y, tf.clipByValue(y, 0, 0.5)), halfBias), invPow));
    } else {
      const [a20, b12, a8, b0] = f;
      hi = tf.clipByValue(hi, -(2 ** 16), 2 ** 16 - 1); // |x| < 2^28: the products below stay exact
      const [i1, f1] = split(tf.mul(hi, a20));
      const [i2, f2] = split(tf.mul(hi, b12));
      const [i3, f3] = split(tf.mul(lo, a8));
      const [i4, f4] = split(tf.mul(lo, b0));
      const s = tf.floor(tf.add(tf.add(tf.add(f1, f2), tf.add(f3, f4)), 0.5));
      y = tf.add(tf.add(tf.add(i1, i2), tf.add(i3, i4)), s);
    }
    if (k.zeroPoint !== 0) y = tf.add(y, k.zeroPoint);
    return tf.clipByValue(y, k.clampMin, k.clampMax);
  });
}

/**
 * requantizeTfjs of an exact integer tensor (|acc| < 2^24): XNNPACK's fp32 scheme takes it as is (the pair's
 * hi * 4096 + lo is that same float32 value), the fixed-point ones split it into a pair first.
 */
export function requantizeExactTfjs(acc: tf.Tensor, k: RequantConstants): tf.Tensor {
  if (k.fp32Scales) return requantizeFp32Tfjs(acc, k, k.fp32Scales);
  return tf.tidy(() => requantizeTfjs(accPairOf(acc), k));
}
