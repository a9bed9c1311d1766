/**
 * Quantization parameters, after TF's quantization spec and tensorflow/lite/tools/optimize/quantization_utils.cc:
 * int8 weights symmetric in [-127, 127] with zero point 0 (per channel or per tensor); int8 activations
 * asymmetric in [-128, 127] with 0 inside the range; int16 activations symmetric, zero point 0; biases int32
 * (int64 for 16x8) with scale input_scale * weight_scale[c].
 */

import type { QuantParams } from '../graph/graph';
import { roundHalfAway } from '../graph/reference/fixed-point';

export {
  float16ArrayToFloat32,
  float16BitsToFloat32,
  float32ArrayToFloat16,
  float32ToFloat16Bits,
} from '../graph/float16';

export interface QuantizedWeights {
  values: Int8Array;
  quant: QuantParams;
}

/** Largest integer of a symmetric n-bit weight grid, [-qmax, qmax]: 2^(n-1) - 1 (127 for int8, 7 for int4). */
export function symmetricQmax(bits: number): number {
  if (!Number.isInteger(bits) || bits < 2 || bits > 8) throw new RangeError(`weight bits must be 2..8, got ${bits}`);
  return 2 ** (bits - 1) - 1;
}

/**
 * Symmetric n-bit weights (int8 by default), held in an Int8Array. `channelDim` undefined: per tensor;
 * otherwise one scale per index of that dimension (CONV_2D 0, DEPTHWISE_CONV_2D 3, FULLY_CONNECTED 0).
 * scale = max|w| / qmax with qmax = 2^(bits-1) - 1 (the narrow range TFLite uses for int8, [-127, 127],
 * and for int4, [-7, 7]); an all-zero channel gets scale 1 (TF would write 0, which runtimes reject).
 */
export function quantizeWeightsSymmetric(
  values: Float32Array,
  shape: number[],
  channelDim?: number,
  bits = 8,
): QuantizedWeights {
  const qmax = symmetricQmax(bits);
  const channels = channelDim === undefined ? 1 : shape[channelDim];
  const inner = channelDim === undefined ? values.length : shape.slice(channelDim + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => (channelDim === undefined ? 0 : Math.floor(i / inner) % channels);
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c], Math.abs(values[i]));
  }
  const scale = Array.from(maxAbs, (m) => (m === 0 ? 1 : Math.fround(m / qmax)));
  const inv = Array.from(maxAbs, (m) => (m === 0 ? 0 : Math.fround(qmax / m)));
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = roundHalfAway(Math.fround(values[i] * inv[channelOf(i)]));
    q[i] = v < -qmax ? -qmax : v > qmax ? qmax : v;
  }
  return {
    values: q,
    quant: {
      scale,
      zeroPoint: scale.map(() => 0),
      quantizedDimension: channelDim ?? 0,
      min: Array.from(maxAbs, (m) => -m),
      max: Array.from(maxAbs),
    },
  };
}

/**
 * Asymmetric int8 activation params (GetAsymmetricQuantizationParams): the range is widened to include 0,
 * scale = (max - min) / 255, zero point = round(-128 - min / scale) clamped to [-128, 127].
 */
export function activationParamsInt8(min: number, max: number): QuantParams {
  const lo = Math.min(Math.fround(min), 0);
  let hi = Math.max(Math.fround(max), 0);
  if (hi === lo) hi = lo + 1e-6; // an all-zero tensor: any positive scale is exact for 0
  const scale = Math.fround((hi - lo) / 255);
  const zpFloat = Math.fround(-128 - Math.fround(lo / scale));
  const zp = zpFloat < -128 ? -128 : zpFloat > 127 ? 127 : roundHalfAway(zpFloat);
  return { scale: [scale], zeroPoint: [zp], quantizedDimension: 0, min: [lo], max: [hi] };
}

/** Symmetric int16 activation params: scale = max(|min|, |max|) / 32767, zero point 0. */
export function activationParamsInt16(min: number, max: number): QuantParams {
  let m = Math.max(Math.abs(min), Math.abs(max));
  if (m === 0) m = 1e-6;
  return { scale: [Math.fround(m / 32767)], zeroPoint: [0], quantizedDimension: 0, min: [-m], max: [m] };
}

/** Fixed output params of SOFTMAX: int8 (1/256, -128), int16 (1/32768, 0). */
export function softmaxOutputParams(dtype: 'int8' | 'int16'): QuantParams {
  return dtype === 'int8'
    ? { scale: [1 / 256], zeroPoint: [-128], quantizedDimension: 0 }
    : { scale: [1 / 32768], zeroPoint: [0], quantizedDimension: 0 };
}

/** Bias scales: input_scale * weight_scale[c] (one per weight scale), as float32. */
export function biasScales(inputScale: number, weightScales: number[]): number[] {
  return weightScales.map((s) => Math.fround(inputScale * s));
}

/**
 * Quantizes a bias to int32 (int8 mode) or int64 (16x8): q = round(b / scale_c), clamped to
 * [-(2^31 - 1), 2^31 - 1] for int32. Returns the values as an Int32Array or BigInt64Array.
 */
export function quantizeBias(
  bias: Float32Array,
  inputScale: number,
  weightScales: number[],
  dtype: 'int32' | 'int64',
): { values: Int32Array | BigInt64Array; quant: QuantParams } {
  const scale = biasScales(inputScale, weightScales);
  const q = Array.from(bias, (b, c) => roundHalfAway(b / scale[scale.length === 1 ? 0 : c]));
  const limit = 2147483647;
  const values =
    dtype === 'int32'
      ? Int32Array.from(q, (v) => Math.max(-limit, Math.min(limit, v)))
      : BigInt64Array.from(q, (v) => BigInt(v));
  return { values, quant: { scale, zeroPoint: scale.map(() => 0), quantizedDimension: 0 } };
}
