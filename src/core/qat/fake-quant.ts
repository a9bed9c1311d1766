/**
 * Fake quantization for quantization-aware training: quantize-then-dequantize in float, with
 * straight-through gradients. The numbers are the exporter's own (src/core/quant/quant-params.ts), so
 * what training sees is what the int8 file computes:
 * - weights: symmetric int8 in [-127, 127], zero point 0, scale max|w| / 127 per output channel or per
 *   tensor; gradient passes straight through (TF's weight quantizer uses the weights' own min/max, so
 *   nothing is ever clipped);
 * - activations: asymmetric int8 per tensor from a moving-average [min, max] (TF's MovingAverageQuantize),
 *   nudged so 0 is exact; gradient passes inside the nudged range and is 0 outside, as in TF's
 *   FakeQuantWithMinMaxVarsGradient.
 * Rounding is half away from zero (TFLite's std::round), not tf.round's half-to-even.
 */

import * as tf from '@tensorflow/tfjs-core';
import { activationParamsInt8 } from '../quant/quant-params';

/** Asymmetric int8 activation parameters with the float range they can represent exactly. */
export interface ActivationQuant {
  scale: number;
  zeroPoint: number;
  /** scale * (-128 - zeroPoint): the smallest representable value (TF's nudged_min). */
  nudgedMin: number;
  /** scale * (127 - zeroPoint): the largest representable value (TF's nudged_max). */
  nudgedMax: number;
}

/** int8 activation params of a float range, exactly as the exporter computes them (range widened to include 0). */
export function activationQuant(min: number, max: number): ActivationQuant {
  const p = activationParamsInt8(min, max);
  const scale = p.scale[0];
  const zeroPoint = p.zeroPoint[0];
  return {
    scale,
    zeroPoint,
    nudgedMin: Math.fround(scale * (-128 - zeroPoint)),
    nudgedMax: Math.fround(scale * (127 - zeroPoint)),
  };
}

/** round half away from zero, elementwise, in tf ops. */
export function roundHalfAwayTf(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.sign(x), tf.floor(tf.add(tf.abs(x), 0.5))));
}

/** Forward of the activation fake quant: scale * (clamp(round(x / scale) + zp, -128, 127) - zp). No gradient rule. */
export function quantizeDequantizeActivation(x: tf.Tensor, q: ActivationQuant): tf.Tensor {
  return tf.tidy(() => {
    const codes = tf.clipByValue(
      tf.add(roundHalfAwayTf(tf.div(x, tf.scalar(q.scale))), tf.scalar(q.zeroPoint)),
      -128,
      127,
    );
    return tf.mul(tf.sub(codes, tf.scalar(q.zeroPoint)), tf.scalar(q.scale));
  });
}

/**
 * Activation fake quant with the straight-through estimator: forward is
 * {@link quantizeDequantizeActivation}; backward passes dy where nudgedMin <= x <= nudgedMax, else 0.
 */
export function fakeQuantActivation<T extends tf.Tensor>(x: T, q: ActivationQuant): T {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([input]);
    return {
      value: quantizeDequantizeActivation(input, q),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const inside = tf.logicalAnd(
            tf.greaterEqual(saved[0], tf.scalar(q.nudgedMin)),
            tf.lessEqual(saved[0], tf.scalar(q.nudgedMax)),
          );
          return tf.mul(dy, tf.cast(inside, 'float32'));
        }),
    };
  });
  return op(x) as T;
}

/** Where a kernel's output channels are, in TF.js layouts. */
export type KernelLayout = 'conv2d' | 'depthwiseConv2d' | 'dense';

/**
 * Axes reduced to find max|w| for each scale, or undefined for one scale per tensor.
 * conv2d HWIO [kh, kw, in, out]: per out (reduce 0, 1, 2); depthwise [kh, kw, in, mult]: per in * mult
 * channel (reduce 0, 1); dense [in, out]: per out (reduce 0), matching FULLY_CONNECTED dim 0 of [out, in].
 */
export function weightReduceAxes(layout: KernelLayout, perChannel: boolean): number[] | undefined {
  if (!perChannel) return undefined;
  if (layout === 'conv2d') return [0, 1, 2];
  if (layout === 'depthwiseConv2d') return [0, 1];
  return [0];
}

/**
 * Forward of the weight fake quant: q = clamp(round(w * (127 / m)), -127, 127), w' = q * (m / 127) with
 * m = max|w| over `reduceAxes` (all axes when undefined); an all-zero channel stays 0 (the exporter
 * gives it scale 1). Same float32 steps as quantizeWeightsSymmetric, so the values are bit-identical.
 */
export function quantizeDequantizeWeights(w: tf.Tensor, reduceAxes: number[] | undefined): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.max(tf.abs(w), reduceAxes, reduceAxes !== undefined);
    const nonZero = tf.greater(m, 0);
    const inv = tf.where(nonZero, tf.div(tf.scalar(127), tf.maximum(m, 1e-30)), tf.zerosLike(m));
    const scale = tf.where(nonZero, tf.div(m, tf.scalar(127)), tf.onesLike(m));
    const codes = tf.clipByValue(roundHalfAwayTf(tf.mul(w, inv)), -127, 127);
    return tf.mul(codes, scale);
  });
}

/** Weight fake quant with the straight-through estimator: identity gradient. */
export function fakeQuantWeights<T extends tf.Tensor>(w: T, reduceAxes: number[] | undefined): T {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: quantizeDequantizeWeights(args[0] as tf.Tensor, reduceAxes),
    gradFunc: (dy: tf.Tensor) => dy,
  }));
  return op(w) as T;
}

/** An activation range tracked during QAT. */
export interface MovingRange {
  /** Exponential moving average of the per-batch min and max: the range the int8 file uses. */
  min: number;
  max: number;
  /** Extremes over every batch seen (for comparison with post-training calibration). */
  seenMin: number;
  seenMax: number;
  /** Batches folded in. */
  batches: number;
}

/** Default EMA momentum: each batch moves the range by 1 % of the difference (a window of about 100 batches). */
export const RANGE_MOMENTUM = 0.99;

/**
 * Folds one batch's [min, max] into a moving range (initialised from the first batch):
 * range = momentum * range + (1 - momentum) * batch.
 */
export function updateMovingRange(
  range: MovingRange | undefined,
  batchMin: number,
  batchMax: number,
  momentum = RANGE_MOMENTUM,
): MovingRange {
  if (!range) return { min: batchMin, max: batchMax, seenMin: batchMin, seenMax: batchMax, batches: 1 };
  return {
    min: momentum * range.min + (1 - momentum) * batchMin,
    max: momentum * range.max + (1 - momentum) * batchMax,
    seenMin: Math.min(range.seenMin, batchMin),
    seenMax: Math.max(range.seenMax, batchMax),
    batches: range.batches + 1,
  };
}
