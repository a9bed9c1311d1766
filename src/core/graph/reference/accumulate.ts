/**
 * Shared inner loops of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, and the output stages that turn
 * accumulators into float, requantized integer, or hybrid (dequantized) outputs. Accumulators are doubles:
 * integer sums stay exact (they are far below 2^53), which matches TFLite's int32/int64 accumulators.
 */

import type { Activation, Padding } from '../graph';
import {
  floatActivationRange,
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplier64,
  requantizeFp32,
} from './fixed-point';
import type { IntegerOutputStage } from './requantize';
import type { TensorData } from './tensors';

/** NHWC geometry of a convolution-like op. */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilH: number;
  dilW: number;
  padH: number;
  padW: number;
}

/** TFLite ComputeOutSize. */
export function outputSize(padding: Padding, inSize: number, filter: number, stride: number, dilation = 1): number {
  const eff = (filter - 1) * dilation + 1;
  return padding === 'SAME' ? Math.floor((inSize + stride - 1) / stride) : Math.floor((inSize + stride - eff) / stride);
}

/** TFLite ComputePadding: the leading pad (floor of half the total). */
export function leadingPad(inSize: number, filter: number, stride: number, dilation: number, outSize: number): number {
  const eff = (filter - 1) * dilation + 1;
  return Math.max(0, Math.floor(((outSize - 1) * stride + eff - inSize) / 2));
}

/** Output size, padding and strides of a conv-like op (CONV_2D, DEPTHWISE_CONV_2D) from its NHWC input and filter size. */
export function windowGeometry(
  op: { padding: Padding; strideH: number; strideW: number; dilationH: number; dilationW: number },
  [batch, inH, inW, inC]: number[],
  outC: number,
  kH: number,
  kW: number,
): ConvGeometry {
  const outH = outputSize(op.padding, inH, kH, op.strideH, op.dilationH);
  const outW = outputSize(op.padding, inW, kW, op.strideW, op.dilationW);
  return {
    batch,
    inH,
    inW,
    inC,
    outH,
    outW,
    outC,
    kH,
    kW,
    strideH: op.strideH,
    strideW: op.strideW,
    dilH: op.dilationH,
    dilW: op.dilationW,
    padH: op.padding === 'SAME' ? leadingPad(inH, kH, op.strideH, op.dilationH, outH) : 0,
    padW: op.padding === 'SAME' ? leadingPad(inW, kW, op.strideW, op.dilationW, outW) : 0,
  };
}

const f64Cache = new WeakMap<TensorData, Float64Array>();

/** A constant (filter) as Float64Array, cached: keeps the inner loops monomorphic (one array type). */
export function asFloat64(t: TensorData): Float64Array {
  if (t instanceof Float64Array) return t;
  let v = f64Cache.get(t);
  if (!v) {
    v = Float64Array.from(t);
    f64Cache.set(t, v);
  }
  return v;
}

/** input[b, ...] + inputOffset[b] as doubles (the offset is applied once, outside the inner loops). */
export function withOffsets(input: TensorData, inputOffset: Float64Array): Float64Array {
  const per = input.length / inputOffset.length;
  const out = new Float64Array(input.length);
  for (let b = 0; b < inputOffset.length; b++) {
    const off = inputOffset[b];
    for (let i = b * per; i < (b + 1) * per; i++) out[i] = input[i] + off;
  }
  return out;
}

/**
 * CONV_2D sums: acc[b,y,x,o] = sum filter[o,ky,kx,i] * (input[b,iy,ix,i] + inputOffset[b]); padded positions
 * contribute nothing (they are the real value 0, as in TFLite). Each window is gathered once into a patch
 * in (ky, kx, i) order, the OHWI filter's own order, and each output channel is one dot product with a
 * register accumulator, summed in that order (an all-zero window, common in MNIST, is skipped whole).
 */
export function convAccumulate(
  g: ConvGeometry,
  inputRaw: TensorData,
  inputOffset: Float64Array,
  filterRaw: TensorData,
  acc: Float64Array,
): void {
  const { inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilH, dilW, padH, padW } = g;
  const input = withOffsets(inputRaw, inputOffset);
  const filter = asFloat64(filterRaw);
  const K = kH * kW * inC;
  const patch = new Float64Array(K);
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    const imageBase = b * inH * inW * inC;
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - padH;
      for (let ox = 0; ox < outW; ox++, o += outC) {
        const ix0 = ox * strideW - padW;
        let nonzero = false;
        let k = 0;
        for (let ky = 0; ky < kH; ky++) {
          const iy = iy0 + ky * dilH;
          const rowInside = iy >= 0 && iy < inH;
          for (let kx = 0; kx < kW; kx++) {
            const ix = ix0 + kx * dilW;
            if (!rowInside || ix < 0 || ix >= inW) {
              for (let ic = 0; ic < inC; ic++) patch[k++] = 0;
              continue;
            }
            const ib = imageBase + (iy * inW + ix) * inC;
            for (let ic = 0; ic < inC; ic++) {
              const x = input[ib + ic];
              if (x !== 0) nonzero = true;
              patch[k++] = x;
            }
          }
        }
        if (!nonzero) {
          for (let oc = 0; oc < outC; oc++) acc[o + oc] = 0;
          continue;
        }
        for (let oc = 0, f = 0; oc < outC; oc++) {
          let sum = 0;
          for (let j = 0; j < K; j++, f++) sum += patch[j] * filter[f];
          acc[o + oc] = sum;
        }
      }
    }
  }
}

/** DEPTHWISE_CONV_2D sums, filter [1, kh, kw, outC], output channel oc = ic * multiplier + m. */
export function depthwiseAccumulate(
  g: ConvGeometry,
  multiplier: number,
  inputRaw: TensorData,
  inputOffset: Float64Array,
  filterRaw: TensorData,
  acc: Float64Array,
): void {
  const { inH, inW, inC, outH, outW, outC, kH, kW } = g;
  const input = withOffsets(inputRaw, inputOffset);
  const filter = asFloat64(filterRaw);
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * g.strideH - g.padH;
      for (let ox = 0; ox < outW; ox++, o += outC) {
        const ix0 = ox * g.strideW - g.padW;
        for (let oc = 0; oc < outC; oc++) acc[o + oc] = 0;
        for (let ky = 0; ky < kH; ky++) {
          const iy = iy0 + ky * g.dilH;
          if (iy < 0 || iy >= inH) continue;
          for (let kx = 0; kx < kW; kx++) {
            const ix = ix0 + kx * g.dilW;
            if (ix < 0 || ix >= inW) continue;
            const ib = ((b * inH + iy) * inW + ix) * inC;
            const fb = (ky * kW + kx) * outC;
            for (let ic = 0; ic < inC; ic++) {
              const x = input[ib + ic];
              for (let m = 0; m < multiplier; m++) {
                const oc = ic * multiplier + m;
                acc[o + oc] += filter[fb + oc] * x;
              }
            }
          }
        }
      }
    }
  }
}

/** FULLY_CONNECTED sums: acc[b,u] = sum weights[u,i] * (input[b,i] + inputOffset[b]). */
export function fullyConnectedAccumulate(
  batch: number,
  inSize: number,
  units: number,
  inputRaw: TensorData,
  inputOffset: Float64Array,
  weightsRaw: TensorData,
  acc: Float64Array,
): void {
  const input = withOffsets(inputRaw, inputOffset);
  const weights = asFloat64(weightsRaw);
  for (let b = 0; b < batch; b++) {
    const ib = b * inSize;
    for (let u = 0; u < units; u++) {
      const wb = u * inSize;
      let sum = 0;
      for (let i = 0; i < inSize; i++) sum += weights[wb + i] * input[ib + i];
      acc[b * units + u] = sum;
    }
  }
}

/** Float output stage: out = clamp(acc + bias[c]). Channels are the innermost dimension. */
export function finishFloat(
  acc: Float64Array,
  bias: TensorData | undefined,
  channels: number,
  activation: Activation,
  out: Float32Array,
): void {
  const [lo, hi] = floatActivationRange(activation);
  const b64 = bias ? asFloat64(bias) : new Float64Array(channels);
  for (let base = 0; base < acc.length; base += channels) {
    for (let c = 0; c < channels; c++) {
      const v = acc[base + c] + b64[c];
      out[base + c] = v < lo ? lo : v > hi ? hi : v;
    }
  }
}

/**
 * Integer output stage: out = clamp(requantize(acc + bias[c]) + outZp), with XNNPACK's fp32 requantization
 * when `stage.fp32Scales` is set, else TFLite's MultiplyByQuantizedMultiplier (the int64 one for 16x8).
 */
export function finishInteger(
  acc: Float64Array,
  bias: TensorData | undefined,
  channels: number,
  stage: IntegerOutputStage,
  out: TensorData,
): void {
  const { fp32Scales, wide, outputZeroPoint, clampMin, clampMax } = stage;
  const mult = Float64Array.from(stage.multipliers, (m) => m.multiplier);
  const shifts = Int32Array.from(stage.multipliers, (m) => m.shift);
  const b64 = bias ? asFloat64(bias) : new Float64Array(channels);
  // Results go to doubles first (exact: they are clamped integers), then to `out` in one native copy,
  // so the loop writes one array type whatever the output dtype.
  const result = new Float64Array(acc.length);
  for (let base = 0; base < acc.length; base += channels) {
    for (let c = 0; c < channels; c++) {
      const a = acc[base + c] + b64[c];
      const scaled = fp32Scales
        ? requantizeFp32(a, fp32Scales[c])
        : wide
          ? multiplyByQuantizedMultiplier64(a, mult[c], shifts[c])
          : multiplyByQuantizedMultiplier(a, mult[c], shifts[c]);
      const q = scaled + outputZeroPoint;
      result[base + c] = q < clampMin ? clampMin : q > clampMax ? clampMax : q;
    }
  }
  out.set(result);
}

/** Hybrid output stage: out = clamp(acc * filterScale[c] * inputScale[b] + bias[c]) in float. */
export function finishHybrid(
  acc: Float64Array,
  bias: TensorData | undefined,
  channels: number,
  filterScales: Float64Array,
  batchScales: Float64Array,
  perBatch: number,
  activation: Activation,
  out: Float32Array,
): void {
  const [lo, hi] = floatActivationRange(activation);
  const b64 = bias ? asFloat64(bias) : new Float64Array(channels);
  for (let i = 0; i < acc.length; i++) {
    const c = i % channels;
    const v = Math.fround(acc[i] * Math.fround(filterScales[c] * batchScales[Math.floor(i / perBatch)])) + b64[c];
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
}

/**
 * Hybrid output stage of XNNPACK's qd8-f32-qc8w GEMM (src/qd8-f32-qc8w-gemm/*-minmax-*.c): every step rounds to
 * float32, in this order: (float) acc * rowScale[r], times filterScale[c], plus bias[c], then the activation clamp.
 * Row r covers `perRow` consecutive outputs.
 */
export function finishHybridXnnpack(
  acc: Float64Array,
  bias: TensorData | undefined,
  channels: number,
  filterScales: Float64Array,
  rowScales: Float64Array,
  perRow: number,
  activation: Activation,
  out: Float32Array,
): void {
  const f = Math.fround;
  const [lo, hi] = floatActivationRange(activation);
  const b64 = bias ? asFloat64(bias) : new Float64Array(channels);
  for (let i = 0; i < acc.length; i++) {
    const c = i % channels;
    const v = f(f(f(f(acc[i]) * rowScales[Math.floor(i / perRow)]) * f(filterScales[c])) + b64[c]);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
}
