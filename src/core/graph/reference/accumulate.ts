/**
 * Shared inner loops of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, and the output stages that turn
 * accumulators into float, requantized integer, or hybrid (dequantized) outputs. Accumulators are doubles:
 * integer sums stay exact (they are far below 2^53), which matches TFLite's int32/int64 accumulators.
 */

import type { Activation, Padding } from '../graph';
import { floatActivationRange, multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64, type QuantizedMultiplier } from './fixed-point';
import type { TensorData } from './tensors';

/** NHWC geometry of a convolution-like op. */
export interface ConvGeometry {
  batch: number;
  inH: number; inW: number; inC: number;
  outH: number; outW: number; outC: number;
  kH: number; kW: number;
  strideH: number; strideW: number;
  dilH: number; dilW: number;
  padH: number; padW: number;
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

/**
 * CONV_2D sums: acc[b,y,x,o] = sum filter[o,ky,kx,i] * (input[b,iy,ix,i] + inputOffset[b]); padded positions
 * contribute nothing (they are the real value 0, as in TFLite).
 */
export function convAccumulate(g: ConvGeometry, input: TensorData, inputOffset: Float64Array, filter: TensorData, acc: Float64Array): void {
  const { inH, inW, inC, outH, outW, outC, kH, kW } = g;
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    const off = inputOffset[b];
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * g.strideH - g.padH;
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * g.strideW - g.padW;
        for (let oc = 0; oc < outC; oc++, o++) {
          let sum = 0;
          for (let ky = 0; ky < kH; ky++) {
            const iy = iy0 + ky * g.dilH;
            if (iy < 0 || iy >= inH) continue;
            for (let kx = 0; kx < kW; kx++) {
              const ix = ix0 + kx * g.dilW;
              if (ix < 0 || ix >= inW) continue;
              const ib = ((b * inH + iy) * inW + ix) * inC;
              const fb = ((oc * kH + ky) * kW + kx) * inC;
              for (let ic = 0; ic < inC; ic++) sum += filter[fb + ic] * (input[ib + ic] + off);
            }
          }
          acc[o] = sum;
        }
      }
    }
  }
}

/** DEPTHWISE_CONV_2D sums, filter [1, kh, kw, outC], output channel oc = ic * multiplier + m. */
export function depthwiseAccumulate(
  g: ConvGeometry, multiplier: number, input: TensorData, inputOffset: Float64Array, filter: TensorData, acc: Float64Array,
): void {
  const { inH, inW, inC, outH, outW, outC, kH, kW } = g;
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    const off = inputOffset[b];
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
              const x = input[ib + ic] + off;
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
  batch: number, inSize: number, units: number, input: TensorData, inputOffset: Float64Array, weights: TensorData, acc: Float64Array,
): void {
  for (let b = 0; b < batch; b++) {
    const ib = b * inSize;
    const off = inputOffset[b];
    for (let u = 0; u < units; u++) {
      const wb = u * inSize;
      let sum = 0;
      for (let i = 0; i < inSize; i++) sum += weights[wb + i] * (input[ib + i] + off);
      acc[b * units + u] = sum;
    }
  }
}

/** Float output stage: out = clamp(acc + bias[c]). Channels are the innermost dimension. */
export function finishFloat(acc: Float64Array, bias: TensorData | undefined, channels: number, activation: Activation, out: Float32Array): void {
  const [lo, hi] = floatActivationRange(activation);
  for (let i = 0; i < acc.length; i++) {
    const v = acc[i] + (bias ? bias[i % channels] : 0);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
}

/**
 * Integer output stage: out = clamp(MultiplyByQuantizedMultiplier(acc + bias[c], m_c, shift_c) + outZp).
 * `wide` selects the int64 requantization of the 16x8 kernels.
 */
export function finishInteger(
  acc: Float64Array, bias: TensorData | undefined, channels: number, multipliers: QuantizedMultiplier[],
  outZeroPoint: number, clampMin: number, clampMax: number, wide: boolean, out: TensorData,
): void {
  for (let i = 0; i < acc.length; i++) {
    const c = i % channels;
    const a = acc[i] + (bias ? bias[c] : 0);
    const { multiplier, shift } = multipliers[c];
    const scaled = wide ? multiplyByQuantizedMultiplier64(a, multiplier, shift) : multiplyByQuantizedMultiplier(a, multiplier, shift);
    const q = scaled + outZeroPoint;
    out[i] = q < clampMin ? clampMin : q > clampMax ? clampMax : q;
  }
}

/** Hybrid output stage: out = clamp(acc * filterScale[c] * inputScale[b] + bias[c]) in float. */
export function finishHybrid(
  acc: Float64Array, bias: TensorData | undefined, channels: number, filterScales: Float64Array,
  batchScales: Float64Array, perBatch: number, activation: Activation, out: Float32Array,
): void {
  const [lo, hi] = floatActivationRange(activation);
  for (let i = 0; i < acc.length; i++) {
    const c = i % channels;
    const v = Math.fround(acc[i] * Math.fround(filterScales[c] * batchScales[Math.floor(i / perBatch)])) + (bias ? bias[c] : 0);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
}
