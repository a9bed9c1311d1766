import { CNN_CHANNELS, CNN_CLASSES } from '../train/cnn-geometry';
import type { AdamStepAttrs } from '../train/fused-adam';
import type { ActivationQuant } from './fake-quant';
import type { QatWeightGranularity } from './qat-forward';

/**
 * The fake-quantized training step of the tutorial CNN outside tfjs. The kernel holds the float
 * master weights and their Adam moments; a step runs in phases so the caller can fold each quantized
 * point's batch [min, max] into its moving range between them (the range a point is quantized with
 * depends on the whole batch, see qat-forward.ts):
 * 0. {@link input}: takes the batch; returns the images' [min, max] (the input point);
 * 1. {@link conv}: fake-quantizes the images with the input point and the master weights with the
 *    granularity (fakeQuantWeightsFlat), conv 3x3 + bias, ReLU; returns the ReLU output's [min, max];
 * 2. {@link dense}: fake-quantizes the conv point, max pool 2x2/2 of those values (first on ties),
 *    dense with the fake-quantized weights + bias; returns the batch [min, max] of the logits;
 * 3. {@link backward}: fake-quantizes the logits, softmax, clipped cross-entropy, and the gradient of
 *    the batch mean with straight-through estimators (activation: dy where nudgedMin <= x <=
 *    nudgedMax; weights: identity), held for {@link gradients} and {@link adam}; returns the softmax rows [n, 10].
 * Two implementations: the WASM SIMD kernel (QAT entry points of kernels/cnn-train.ts) and the plain
 * TypeScript twin (qat-cnn-twin.ts), held to tf.variableGrads of qatForward by the tests. Weights
 * and gradients cross in TF.js order and layouts (see cnn-train-kernel.ts).
 */
export interface QatCnnKernel {
  readonly kind: 'wasm-simd' | 'typescript';
  /** Replaces the float master weights (TF.js order and layouts). */
  setWeights(weights: readonly Float32Array[]): void;
  /** Copies of the float master weights. */
  weights(): Float32Array[];
  /** Zeroes Adam's moments (a fresh optimizer). */
  resetMoments(): void;
  /** Takes `n` images ([n, 784] pixels / 255) and their labels; returns the images' [min, max]. */
  input(images: Float32Array, labels: Uint8Array, n: number): [number, number];
  conv(inputPoint: ActivationQuant, granularity: QatWeightGranularity): [number, number];
  dense(convPoint: ActivationQuant): [number, number];
  backward(logitsPoint: ActivationQuant): Float32Array;
  /** Copies of the last computed gradients (TF.js order and layouts). */
  gradients(): Float32Array[];
  /** Copies of the fake-quantized weights the last {@link conv} computed with. */
  quantizedWeights(): Float32Array[];
  /** One Adam step of the master weights from the held gradients (tf.train.adam's formula, fused-adam.ts). */
  adam(attrs: AdamStepAttrs): void;
}

/**
 * Output channels of the tutorial CNN's weights (TF.js order: conv kernel, conv bias, dense kernel,
 * dense bias), the axis per-channel fake quant groups by; 0: not fake-quantized (the biases).
 */
export const WEIGHT_CHANNELS: readonly number[] = [CNN_CHANNELS, 0, CNN_CLASSES, 0];

const roundHalfAway = (t: number) => (t < 0 ? -Math.floor(Math.fround(-t + 0.5)) : Math.floor(Math.fround(t + 0.5)));
const TINY = Math.fround(1e-30);

/** scale * (clamp(roundHalfAway(x / scale) + zp, -128, 127) - zp) in float32 steps, as quantizeDequantizeActivation. */
export function fakeQuantValue(x: number, scale: number, zeroPoint: number): number {
  let c = Math.fround(roundHalfAway(Math.fround(x / scale)) + zeroPoint);
  c = c < -128 ? -128 : c > 127 ? 127 : c;
  return Math.fround(Math.fround(c - zeroPoint) * scale);
}

/**
 * The weight fake quant of quantizeDequantizeWeights on a flat TF.js-layout array whose output
 * channel is the last axis (`channels` of them; 1 or per tensor when `perChannel` is false).
 */
export function fakeQuantWeightsFlat(w: Float32Array, channels: number, perChannel: boolean): Float32Array {
  const groups = perChannel ? channels : 1;
  const m = new Float32Array(groups);
  for (let i = 0; i < w.length; i++) {
    const g = perChannel ? i % channels : 0;
    m[g] = Math.max(m[g], Math.abs(w[i]));
  }
  const inv = m.map((v) => (v > 0 ? Math.fround(127 / Math.max(v, TINY)) : 0));
  const scale = m.map((v) => (v > 0 ? Math.fround(v / 127) : 1));
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const g = perChannel ? i % channels : 0;
    const c = roundHalfAway(Math.fround(w[i] * inv[g]));
    out[i] = Math.fround((c < -127 ? -127 : c > 127 ? 127 : c) * scale[g]);
  }
  return out;
}
