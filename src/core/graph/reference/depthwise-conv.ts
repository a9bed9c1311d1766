/** DEPTHWISE_CONV_2D: float, integer (int8 / 16x8, per-channel along dim 3) and hybrid per-channel. */

import type { DepthwiseConv2DOp } from '../graph';
import {
  depthwiseAccumulate,
  finishFloat,
  finishHybrid,
  finishInteger,
  windowGeometry,
  type ConvGeometry,
} from './accumulate';
import { quantizeRows } from './hybrid';
import { integerOutputStage } from './requantize';
import { allocate, channelScales, getValue, runtimeShape, type RunContext, isIntegerWeight } from './tensors';

export function evalDepthwiseConv2D(ctx: RunContext, op: DepthwiseConv2DOp): void {
  const [batch, inH, inW, inC] = runtimeShape(ctx, op.inputs[0]);
  const [, kH, kW, outC] = runtimeShape(ctx, op.inputs[1]);
  if (outC !== inC * op.depthMultiplier)
    throw new Error(`DEPTHWISE_CONV_2D: ${outC} output channels != ${inC} x ${op.depthMultiplier}`);
  const g: ConvGeometry = windowGeometry(op, [batch, inH, inW, inC], outC, kH, kW);
  const { outH, outW } = g;
  const tensors = ctx.graph.tensors;
  const [inT, fT, outT] = [tensors[op.inputs[0]], tensors[op.inputs[1]], tensors[op.outputs[0]]];
  const input = getValue(ctx, op.inputs[0]);
  const filter = getValue(ctx, op.inputs[1]);
  const bias = op.inputs[2] !== undefined && op.inputs[2] >= 0 ? getValue(ctx, op.inputs[2]) : undefined;
  const acc = new Float64Array(batch * outH * outW * outC);
  const out = allocate(outT.dtype, acc.length);
  const m = op.depthMultiplier;
  if (inT.dtype === 'float32' && fT.dtype === 'float32') {
    depthwiseAccumulate(g, m, input, new Float64Array(batch), filter, acc);
    finishFloat(acc, bias, outC, op.activation, out as Float32Array);
  } else if (inT.dtype === 'float32' && isIntegerWeight(fT.dtype)) {
    // depthwise_conv.cc hybrid: asymmetric per-batch input quantization, per-channel filter scales.
    const rows = quantizeRows(input as Float32Array, batch, inH * inW * inC, true);
    depthwiseAccumulate(g, m, rows.values, rows.inputOffsets, filter, acc);
    finishHybrid(
      acc,
      bias,
      outC,
      channelScales(fT, outC),
      rows.scales,
      outH * outW * outC,
      op.activation,
      out as Float32Array,
    );
  } else if ((inT.dtype === 'int8' || inT.dtype === 'int16') && isIntegerWeight(fT.dtype)) {
    const s = integerOutputStage(inT, fT, outT, outC, op.activation);
    depthwiseAccumulate(g, m, input, new Float64Array(batch).fill(-s.inputZeroPoint), filter, acc);
    finishInteger(acc, bias, outC, s, out);
  } else {
    throw new Error(`DEPTHWISE_CONV_2D: unsupported input ${inT.dtype} x filter ${fT.dtype}`);
  }
  ctx.values[op.outputs[0]] = out;
}
