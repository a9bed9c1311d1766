/** CONV_2D: float, int8 / int16x8 integer (per-channel) and hybrid (int8 weights, float activations). */

import type { Conv2DOp, GraphTensor } from '../graph';
import {
  convAccumulate,
  finishFloat,
  finishHybrid,
  finishHybridXnnpack,
  fullyConnectedAccumulate,
  finishInteger,
  windowGeometry,
  type ConvGeometry,
} from './accumulate';
import { quantizeRows, quantizeRowsXnnpack } from './hybrid';
import { integerOutputStage } from './requantize';
import { allocate, channelScales, getValue, runtimeShape, type RunContext, isIntegerWeight } from './tensors';

export function convGeometry(ctx: RunContext, op: Conv2DOp): ConvGeometry {
  const [outC, kH, kW] = runtimeShape(ctx, op.inputs[1]);
  return windowGeometry(op, runtimeShape(ctx, op.inputs[0]), outC, kH, kW);
}

/**
 * How LiteRT.js quantizes the input of a hybrid CONV_2D with per-channel filters: XNNPACK's dynamically
 * quantized (qd8) convolution takes them, with one qd8 row per pixel for pointwise (1x1, stride 1)
 * convolutions (run as a GEMM over pixels) and one row per image otherwise. Measured op by op against
 * LiteRT.js (litert-ops.test.ts); per-tensor filters stay with TFLite's EvalHybrid (not measured).
 */
export function xnnpackQd8Rows(op: Conv2DOp, filter: GraphTensor): 'pixel' | 'image' | undefined {
  const [, kH, kW] = filter.shape;
  if ((filter.quant?.scale.length ?? 1) <= 1) return undefined;
  return kH === 1 && kW === 1 && op.strideH === 1 && op.strideW === 1 ? 'pixel' : 'image';
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
  } else if (inT.dtype === 'float32' && isIntegerWeight(fT.dtype) && xnnpackQd8Rows(op, fT) === 'pixel') {
    // XNNPACK's qd8 path as a GEMM over pixels: one qd8 row per pixel (inC values).
    const pixels = g.batch * g.inH * g.inW;
    const rows = quantizeRowsXnnpack(input as Float32Array, pixels, g.inC);
    fullyConnectedAccumulate(pixels, g.inC, g.outC, rows.values, rows.inputOffsets, filter, acc);
    const scales = channelScales(fT, g.outC);
    finishHybridXnnpack(acc, bias, g.outC, scales, rows.scales, g.outC, op.activation, out as Float32Array);
  } else if (inT.dtype === 'float32' && isIntegerWeight(fT.dtype) && xnnpackQd8Rows(op, fT) === 'image') {
    // XNNPACK's qd8 convolution: one qd8 row per image.
    const rows = quantizeRowsXnnpack(input as Float32Array, g.batch, g.inH * g.inW * g.inC);
    convAccumulate(g, rows.values, rows.inputOffsets, filter, acc);
    const scales = channelScales(fT, g.outC);
    const perImage = g.outH * g.outW * g.outC;
    finishHybridXnnpack(acc, bias, g.outC, scales, rows.scales, perImage, op.activation, out as Float32Array);
  } else if (inT.dtype === 'float32' && isIntegerWeight(fT.dtype)) {
    // conv.cc EvalHybrid: per-tensor filters, symmetric rows.
    const rows = quantizeRows(input as Float32Array, g.batch, g.inH * g.inW * g.inC, false);
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
    finishInteger(acc, bias, g.outC, s, out);
  } else {
    throw new Error(`CONV_2D: unsupported input ${inT.dtype} x filter ${fT.dtype}`);
  }
  ctx.values[op.outputs[0]] = out;
}
