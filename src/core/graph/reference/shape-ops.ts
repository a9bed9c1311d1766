/**
 * CONCATENATION, PAD and MEAN over NHWC tensors (kernels/concatenation.cc, pad.cc, reduce.cc).
 * Quantized CONCATENATION and PAD keep the integers: the spec gives their inputs and output one set of
 * params, and PAD fills with the zero point (the quantized 0). Quantized MEAN follows XNNPACK's qs8 mean
 * (the kernel LiteRT.js runs for a 4-D mean over H and W): the integer sum minus count x input zero point,
 * times fl(s_in / (count x s_out)) in float32, rounded half to even.
 */

import { shapeSize, type ConcatenationOp, type MeanOp, type PadOp } from '../graph';
import { requantizeFp32 } from './fixed-point';
import { allocate, decodeConstant, getValue, qRange, runtimeShape, tensorParams, type RunContext } from './tensors';

export function evalConcatenation(ctx: RunContext, op: ConcatenationOp): void {
  const outT = ctx.graph.tensors[op.outputs[0]];
  const shapes = op.inputs.map((i) => runtimeShape(ctx, i));
  const rank = shapes[0].length;
  const axis = op.axis < 0 ? op.axis + rank : op.axis;
  // Static inputs (batch 1) repeat for every image of the batch.
  const outer = Math.max(...shapes.map((s) => shapeSize(s.slice(0, axis))));
  const widths = shapes.map((s) => shapeSize(s.slice(axis)));
  const total = widths.reduce((a, b) => a + b, 0);
  const out = allocate(outT.dtype, outer * total);
  op.inputs.forEach((index, k) => {
    const x = getValue(ctx, index);
    const offset = widths.slice(0, k).reduce((a, b) => a + b, 0);
    const rows = x.length / widths[k];
    for (let o = 0; o < outer; o++) {
      const r = o % rows;
      out.set(x.subarray(r * widths[k], (r + 1) * widths[k]), o * total + offset);
    }
  });
  ctx.values[op.outputs[0]] = out;
}

export function evalPad(ctx: RunContext, op: PadOp): void {
  const outT = ctx.graph.tensors[op.outputs[0]];
  const [batch, h, w, c] = runtimeShape(ctx, op.inputs[0]);
  const pads = decodeConstant(ctx.graph.tensors[op.inputs[1]]);
  const [top, left] = [pads[2], pads[4]];
  const outH = h + pads[2] + pads[3];
  const outW = w + pads[4] + pads[5];
  if (pads[0] !== 0 || pads[1] !== 0 || pads[6] !== 0 || pads[7] !== 0)
    throw new Error(`PAD ${outT.name}: only H and W padding is supported`);
  const x = getValue(ctx, op.inputs[0]);
  const out = allocate(outT.dtype, batch * outH * outW * c);
  if (outT.dtype !== 'float32') out.fill(tensorParams(outT).zeroPoint);
  for (let b = 0; b < batch; b++)
    for (let y = 0; y < h; y++) {
      const src = (b * h + y) * w * c;
      out.set(x.subarray(src, src + w * c), ((b * outH + y + top) * outW + left) * c);
    }
  ctx.values[op.outputs[0]] = out;
}

export function evalMean(ctx: RunContext, op: MeanOp): void {
  const inT = ctx.graph.tensors[op.inputs[0]];
  const outT = ctx.graph.tensors[op.outputs[0]];
  const [batch, h, w, c] = runtimeShape(ctx, op.inputs[0]);
  const axes = Array.from(decodeConstant(ctx.graph.tensors[op.inputs[1]]));
  if (axes.length !== 2 || !axes.includes(1) || !axes.includes(2))
    throw new Error(`MEAN ${outT.name}: only the mean over H and W (axes [1, 2]) is supported`);
  const x = getValue(ctx, op.inputs[0]);
  const out = allocate(outT.dtype, batch * c);
  const n = h * w;
  const isFloat = inT.dtype === 'float32';
  const inP = isFloat ? undefined : tensorParams(inT);
  const outP = isFloat ? undefined : tensorParams(outT);
  const scale = inP && outP ? Math.fround(Math.fround(inP.scale) / Math.fround(n * Math.fround(outP.scale))) : 1;
  const [qmin, qmax] = isFloat ? [0, 0] : qRange(outT.dtype);
  for (let b = 0; b < batch; b++)
    for (let ch = 0; ch < c; ch++) {
      let acc = 0;
      for (let p = 0; p < n; p++) acc += x[(b * n + p) * c + ch];
      if (isFloat) out[b * c + ch] = acc / n;
      else {
        const q = requantizeFp32(acc - n * inP!.zeroPoint, scale) + outP!.zeroPoint;
        out[b * c + ch] = q < qmin ? qmin : q > qmax ? qmax : q;
      }
    }
  ctx.values[op.outputs[0]] = out;
}
