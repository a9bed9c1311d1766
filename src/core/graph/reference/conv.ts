/** CONV_2D: float, int8 / int16x8 integer (per-channel) and hybrid (int8 weights, float activations). */

import type { Conv2DOp } from '../graph';
import {
  convAccumulate,
  finishFloat,
  finishHybrid,
  finishInteger,
  leadingPad,
  outputSize,
  type ConvGeometry,
} from './accumulate';
import { quantizeRows } from './hybrid';
import { integerOutputStage } from './requantize';
import { allocate, channelScales, getValue, runtimeShape, type RunContext, isIntegerWeight } from './tensors';

export function convGeometry(ctx: RunContext, op: Conv2DOp): ConvGeometry {
  const [batch, inH, inW, inC] = runtimeShape(ctx, op.inputs[0]);
  const [outC, kH, kW] = runtimeShape(ctx, op.inputs[1]);
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

export function evalConv2D(ctx: RunContext, op: Conv2DOp): void {
  const g = convGeometry(ctx, op);
  const tensors = ctx.graph.tensors;
  const [inT, fT, outT] = [tensors[op.inputs[0]], tensors[op.inputs[1]], tensors[op.outputs[0]]];
  const input = getValue(ctx, op.inputs[0]);
  const filter = getValue(ctx, op.inputs[1]);
  const bias = op.inputs[2] !== undefined && op.inputs[2] >= 0 ? getValue(ctx, op.inputs[2]) : undefined;
  const acc = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  const out = allocate(outT.dtype, acc.length);
  if (inT.dtype === 'float32' && fT.dtype === 'float32') {
    convAccumulate(g, input, new Float64Array(g.batch), filter, acc);
    finishFloat(acc, bias, g.outC, op.activation, out as Float32Array);
  } else if (inT.dtype === 'float32' && isIntegerWeight(fT.dtype)) {
    // conv.cc: per-channel filters use EvalHybridPerChannel (asymmetric rows), per-tensor EvalHybrid (symmetric).
    const perChannel = (fT.quant?.scale.length ?? 1) > 1;
    const rows = quantizeRows(input as Float32Array, g.batch, g.inH * g.inW * g.inC, perChannel);
    convAccumulate(g, rows.values, rows.inputOffsets, filter, acc);
    finishHybrid(
      acc,
      bias,
      g.outC,
      channelScales(fT, g.outC),
      rows.scales,
      g.outH * g.outW * g.outC,
      op.activation,
      out as Float32Array,
    );
  } else if ((inT.dtype === 'int8' || inT.dtype === 'int16') && isIntegerWeight(fT.dtype)) {
    const s = integerOutputStage(inT, fT, outT, g.outC, op.activation);
    convAccumulate(g, input, new Float64Array(g.batch).fill(-s.inputZeroPoint), filter, acc);
    finishInteger(acc, bias, g.outC, s.multipliers, s.outputZeroPoint, s.clampMin, s.clampMax, s.wide, out);
  } else {
    throw new Error(`CONV_2D: unsupported input ${inT.dtype} x filter ${fT.dtype}`);
  }
  ctx.values[op.outputs[0]] = out;
}
