/** FULLY_CONNECTED: float, integer (int8 / 16x8; per-tensor or per-channel weights) and hybrid. */

import type { FullyConnectedOp } from '../graph';
import { finishFloat, finishHybrid, finishHybridXnnpack, finishInteger, fullyConnectedAccumulate } from './accumulate';
import { quantizeRows, quantizeRowsXnnpack } from './hybrid';
import { integerOutputStage } from './requantize';
import { allocate, channelScales, getValue, runtimeShape, type RunContext, isIntegerWeight } from './tensors';

export function evalFullyConnected(ctx: RunContext, op: FullyConnectedOp): void {
  const tensors = ctx.graph.tensors;
  const [inT, wT, outT] = [tensors[op.inputs[0]], tensors[op.inputs[1]], tensors[op.outputs[0]]];
  const [units, inSize] = runtimeShape(ctx, op.inputs[1]);
  const input = getValue(ctx, op.inputs[0]);
  const weights = getValue(ctx, op.inputs[1]);
  const bias = op.inputs[2] !== undefined && op.inputs[2] >= 0 ? getValue(ctx, op.inputs[2]) : undefined;
  const batch = input.length / inSize;
  if (!Number.isInteger(batch))
    throw new Error(`FULLY_CONNECTED: input size ${input.length} is not a multiple of ${inSize}`);
  const acc = new Float64Array(batch * units);
  const out = allocate(outT.dtype, acc.length);
  if (inT.dtype === 'float32' && wT.dtype === 'float32') {
    fullyConnectedAccumulate(batch, inSize, units, input, new Float64Array(batch), weights, acc);
    finishFloat(acc, bias, units, op.activation, out as Float32Array);
  } else if (inT.dtype === 'float32' && isIntegerWeight(wT.dtype)) {
    if (op.asymmetricQuantizeInputs) {
      // LiteRT.js hands this op to XNNPACK's dynamically quantized fully-connected (qd8 rows, one per batch row).
      const rows = quantizeRowsXnnpack(input as Float32Array, batch, inSize);
      fullyConnectedAccumulate(batch, inSize, units, rows.values, rows.inputOffsets, weights, acc);
      const scales = channelScales(wT, units);
      finishHybridXnnpack(acc, bias, units, scales, rows.scales, units, op.activation, out as Float32Array);
    } else {
      // fully_connected.cc EvalHybrid with symmetric rows (not verified against LiteRT.js: the lab writes asymmetric).
      const rows = quantizeRows(input as Float32Array, batch, inSize, false);
      fullyConnectedAccumulate(batch, inSize, units, rows.values, rows.inputOffsets, weights, acc);
      finishHybrid(acc, bias, units, channelScales(wT, units), rows.scales, units, op.activation, out as Float32Array);
    }
  } else if ((inT.dtype === 'int8' || inT.dtype === 'int16') && isIntegerWeight(wT.dtype)) {
    const s = integerOutputStage(inT, wT, outT, units, op.activation);
    fullyConnectedAccumulate(
      batch,
      inSize,
      units,
      input,
      new Float64Array(batch).fill(-s.inputZeroPoint),
      weights,
      acc,
    );
    finishInteger(acc, bias, units, s, out);
  } else {
    throw new Error(`FULLY_CONNECTED: unsupported input ${inT.dtype} x weights ${wT.dtype}`);
  }
  ctx.values[op.outputs[0]] = out;
}
