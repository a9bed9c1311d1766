/** QUANTIZE (float -> int8 / int16), DEQUANTIZE (int8 / int16 / float16 -> float) and RESHAPE. */

import type { DequantizeOp, QuantizeOp, ReshapeOp } from '../graph';
import { float16BitsToFloat32 } from '../float16';
import { multiplyByQuantizedMultiplier, quantizeMultiplier } from './fixed-point';
import { allocate, dequantizeInto, getValue, qRange, quantizeInto, tensorParams, type RunContext } from './tensors';

export function evalQuantize(ctx: RunContext, op: QuantizeOp): void {
  const inT = ctx.graph.tensors[op.inputs[0]];
  const outT = ctx.graph.tensors[op.outputs[0]];
  const { scale, zeroPoint } = tensorParams(outT);
  const [qmin, qmax] = qRange(outT.dtype);
  if (inT.dtype !== 'float32') {
    // Requantize (quantize.cc, int8 -> int8): MultiplyByQuantizedMultiplier(q - zp_in, s_in / s_out) + zp_out.
    const x = getValue(ctx, op.inputs[0]);
    const inP = tensorParams(inT);
    const m = quantizeMultiplier(inP.scale / scale);
    const out = allocate(outT.dtype, x.length);
    for (let i = 0; i < x.length; i++) {
      const q = multiplyByQuantizedMultiplier(x[i] - inP.zeroPoint, m.multiplier, m.shift) + zeroPoint;
      out[i] = q < qmin ? qmin : q > qmax ? qmax : q;
    }
    ctx.values[op.outputs[0]] = out;
    return;
  }
  const input = getValue(ctx, op.inputs[0]) as Float32Array;
  const out = allocate(outT.dtype, input.length);
  quantizeInto(input, out, scale, zeroPoint, qmin, qmax);
  ctx.values[op.outputs[0]] = out;
}

export function evalDequantize(ctx: RunContext, op: DequantizeOp): void {
  const inT = ctx.graph.tensors[op.inputs[0]];
  const input = getValue(ctx, op.inputs[0]);
  const out = new Float32Array(input.length);
  if (inT.dtype === 'float16') {
    for (let i = 0; i < input.length; i++) out[i] = float16BitsToFloat32(input[i]);
  } else {
    const { scale, zeroPoint } = tensorParams(inT);
    dequantizeInto(input, out, scale, zeroPoint);
  }
  ctx.values[op.outputs[0]] = out;
}

/** RESHAPE keeps the bytes (and, quantized, the params: the spec requires equal in/out params). */
export function evalReshape(ctx: RunContext, op: ReshapeOp): void {
  ctx.values[op.outputs[0]] = getValue(ctx, op.inputs[0]);
}
