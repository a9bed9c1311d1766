/**
 * MUL of two same-shape tensors with the fused activation. int8 as XNNPACK's qs8 vmul (the kernel
 * LiteRT.js runs): the integer product of the offset inputs, times fl(s1 * s2 / s_out) in float32,
 * rounded half to even. int16 as TFLite's reference MUL: MultiplyByQuantizedMultiplier of the product.
 */

import type { MulOp } from '../graph';
import {
  floatActivationRange,
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  quantizedActivationRange,
  requantizeFp32,
} from './fixed-point';
import { allocate, getValue, qRange, tensorParams, type RunContext } from './tensors';

export function evalMul(ctx: RunContext, op: MulOp): void {
  const [aT, bT] = op.inputs.map((i) => ctx.graph.tensors[i]);
  const outT = ctx.graph.tensors[op.outputs[0]];
  const a = getValue(ctx, op.inputs[0]);
  const b = getValue(ctx, op.inputs[1]);
  if (a.length % b.length !== 0) throw new Error(`MUL ${outT.name}: inputs have ${a.length} and ${b.length} values`);
  const out = allocate(outT.dtype, a.length);
  if (outT.dtype === 'float32') {
    const [lo, hi] = floatActivationRange(op.activation);
    for (let i = 0; i < a.length; i++) out[i] = Math.min(hi, Math.max(lo, Math.fround(a[i] * b[i % b.length])));
  } else {
    const pa = tensorParams(aT);
    const pb = tensorParams(bT);
    const po = tensorParams(outT);
    const [qmin, qmax] = qRange(outT.dtype);
    const [lo, hi] = quantizedActivationRange(op.activation, po.scale, po.zeroPoint, qmin, qmax);
    const fp32 = outT.dtype === 'int8';
    const scale = Math.fround(Math.fround(Math.fround(pa.scale) * Math.fround(pb.scale)) / Math.fround(po.scale));
    const m = quantizeMultiplier((pa.scale * pb.scale) / po.scale);
    for (let i = 0; i < a.length; i++) {
      const p = (a[i] - pa.zeroPoint) * (b[i % b.length] - pb.zeroPoint);
      const q =
        (fp32 ? requantizeFp32(p, scale) : multiplyByQuantizedMultiplier(p, m.multiplier, m.shift)) + po.zeroPoint;
      out[i] = q < lo ? lo : q > hi ? hi : q;
    }
  }
  ctx.values[op.outputs[0]] = out;
}
