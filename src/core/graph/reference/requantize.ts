/**
 * Per-channel requantization setup shared by the integer CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED kernels,
 * for the kernels that run them in LiteRT.js: XNNPACK takes int8 ops (fp32 requantization), TFLite's own
 * kernels take 16x8 ops (XNNPACK has no int16 activations) and scales XNNPACK rejects.
 */

import type { Activation, GraphTensor } from '../graph';
import { quantizeMultiplier, quantizedActivationRange, type QuantizedMultiplier } from './fixed-point';
import { channelScales, qRange, tensorParams } from './tensors';

export interface IntegerOutputStage {
  inputZeroPoint: number;
  outputZeroPoint: number;
  multipliers: QuantizedMultiplier[];
  clampMin: number;
  clampMax: number;
  /** int16 activations: 64-bit requantization. */
  wide: boolean;
  /**
   * int8 ops that XNNPACK runs: per-channel float32 requantization scales, fl(fl(input_scale * filter_scale[c]) /
   * output_scale) as XNNPACK's create_convolution2d_nhwc / create_fully_connected_nc compute them; absent when
   * the TFLite kernel runs the op (its fixed-point `multipliers` apply).
   */
  fp32Scales?: Float32Array;
}

/**
 * XNNPACK refuses requantization scales of 256 or more (convolution-nhwc.c, fully-connected-nc.c), and the
 * op then stays with TFLite's kernel; XNNPACK has no int16 activations.
 */
const XNNPACK_MAX_REQUANTIZATION_SCALE = 256;

/** XNNPACK's float32 requantization scales, or undefined when the TFLite kernel runs the op. */
function xnnpackScales(input: GraphTensor, fs: Float64Array, outScale: number): Float32Array | undefined {
  if (input.dtype !== 'int8') return undefined;
  const inScale = Math.fround(tensorParams(input).scale);
  const scales = Float32Array.from(fs, (f) =>
    Math.fround(Math.fround(inScale * Math.fround(f)) / Math.fround(outScale)),
  );
  return scales.every((s) => s < XNNPACK_MAX_REQUANTIZATION_SCALE) ? scales : undefined;
}

/** effective_scale[c] = input_scale * filter_scale[c] / output_scale, as Q31 multipliers (PopulateConvolutionQuantizationParams). */
export function integerOutputStage(
  input: GraphTensor,
  filter: GraphTensor,
  output: GraphTensor,
  channels: number,
  activation: Activation,
): IntegerOutputStage {
  const inp = tensorParams(input);
  const out = tensorParams(output);
  const fs = channelScales(filter, channels);
  const multipliers: QuantizedMultiplier[] = [];
  for (let c = 0; c < channels; c++) {
    // TFLite computes the effective scale in double from the float32 scales.
    multipliers.push(quantizeMultiplier((inp.scale * fs[c]) / out.scale));
  }
  const [qmin, qmax] = qRange(output.dtype);
  const [clampMin, clampMax] = quantizedActivationRange(activation, out.scale, out.zeroPoint, qmin, qmax);
  return {
    inputZeroPoint: inp.zeroPoint,
    outputZeroPoint: out.zeroPoint,
    multipliers,
    clampMin,
    clampMax,
    wide: input.dtype === 'int16',
    fp32Scales: xnnpackScales(input, fs, out.scale),
  };
}
