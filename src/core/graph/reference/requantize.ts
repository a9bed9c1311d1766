/** Per-channel requantization setup shared by the integer CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED kernels. */

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
  };
}
