/**
 * ADD (and SUB: the same kernel with the second input's rescaled value subtracted, kernels/sub.cc) of two same-shape tensors with the fused activation. Quantized (int8, int16 with general scales)
 * as TFLite's reference kernel (kernels/add.cc Prepare + reference_ops AddElementwise): both inputs are
 * offset, shifted left by 20 (int8) or 15 (int16), rescaled to twice the larger input scale, summed,
 * and rescaled to the output.
 */

import type { AddOp, SubOp } from '../graph';
import {
  floatActivationRange,
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  quantizedActivationRange,
} from './fixed-point';
import { allocate, getValue, qRange, tensorParams, type RunContext } from './tensors';

export function evalAdd(ctx: RunContext, op: AddOp | SubOp): void {
  const sign = op.kind === 'SUB' ? -1 : 1;
  const [aT, bT] = op.inputs.map((i) => ctx.graph.tensors[i]);
  const outT = ctx.graph.tensors[op.outputs[0]];
  const a = getValue(ctx, op.inputs[0]);
  const b = getValue(ctx, op.inputs[1]);
  if (a.length % b.length !== 0)
    throw new Error(`${op.kind} ${outT.name}: inputs have ${a.length} and ${b.length} values`);
  const out = allocate(outT.dtype, a.length);
  if (outT.dtype === 'float32') {
    const [lo, hi] = floatActivationRange(op.activation);
    for (let i = 0; i < a.length; i++) out[i] = Math.min(hi, Math.max(lo, Math.fround(a[i] + sign * b[i % b.length])));
  } else {
    const pa = tensorParams(aT);
    const pb = tensorParams(bT);
    const po = tensorParams(outT);
    const leftShift = outT.dtype === 'int16' ? 15 : 20;
    const twiceMax = 2 * Math.max(pa.scale, pb.scale);
    const ma = quantizeMultiplier(pa.scale / twiceMax);
    const mb = quantizeMultiplier(pb.scale / twiceMax);
    const mo = quantizeMultiplier(twiceMax / (2 ** leftShift * po.scale));
    const [qmin, qmax] = qRange(outT.dtype);
    const [lo, hi] = quantizedActivationRange(op.activation, po.scale, po.zeroPoint, qmin, qmax);
    for (let i = 0; i < a.length; i++) {
      const sa = multiplyByQuantizedMultiplier((a[i] - pa.zeroPoint) * 2 ** leftShift, ma.multiplier, ma.shift);
      const sb = multiplyByQuantizedMultiplier(
        (b[i % b.length] - pb.zeroPoint) * 2 ** leftShift,
        mb.multiplier,
        mb.shift,
      );
      const q = multiplyByQuantizedMultiplier(sa + sign * sb, mo.multiplier, mo.shift) + po.zeroPoint;
      out[i] = q < lo ? lo : q > hi ? hi : q;
    }
  }
  ctx.values[op.outputs[0]] = out;
}
