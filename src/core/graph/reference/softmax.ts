/**
 * SOFTMAX over the last dimension. Quantized inputs (int8 / int16) are computed in double precision
 * from the dequantized input and quantized with the output tensor's fixed params (1/256, -128 for int8;
 * 1/32768, 0 for int16). TFLite's int8 kernel (activations.cc SoftmaxPrepare / optimized_ops.h Softmax,
 * the float exp table of PopulateSoftmaxLookupTable off aarch64; XNNPACK does not take quantized softmax)
 * rounds differently only when a probability lands within float32 error of a half step: on LiteRT.js the
 * outputs were equal on every MNIST test image measured and on random logits (litert-ops.test.ts).
 */

import type { SoftmaxOp } from '../graph';
import { roundHalfAway } from './fixed-point';
import { allocate, getValue, qRange, runtimeShape, tensorParams, type RunContext } from './tensors';

export function evalSoftmax(ctx: RunContext, op: SoftmaxOp): void {
  const shape = runtimeShape(ctx, op.inputs[0]);
  const depth = shape[shape.length - 1];
  const inT = ctx.graph.tensors[op.inputs[0]];
  const outT = ctx.graph.tensors[op.outputs[0]];
  const input = getValue(ctx, op.inputs[0]);
  const out = allocate(outT.dtype, input.length);
  const inP = inT.dtype === 'float32' ? { scale: 1, zeroPoint: 0 } : tensorParams(inT);
  const outP = outT.dtype === 'float32' ? undefined : tensorParams(outT);
  const [qmin, qmax] = outP ? qRange(outT.dtype) : [0, 0];
  const e = new Float64Array(depth);
  for (let r = 0; r < input.length / depth; r++) {
    const base = r * depth;
    let max = -Infinity;
    for (let i = 0; i < depth; i++) max = Math.max(max, input[base + i]);
    let sum = 0;
    for (let i = 0; i < depth; i++) {
      e[i] = Math.exp(op.beta * inP.scale * (input[base + i] - max));
      sum += e[i];
    }
    for (let i = 0; i < depth; i++) {
      const p = e[i] / sum;
      if (!outP) out[base + i] = p;
      else {
        const q = roundHalfAway(p / outP.scale) + outP.zeroPoint;
        out[base + i] = q < qmin ? qmin : q > qmax ? qmax : q;
      }
    }
  }
  ctx.values[op.outputs[0]] = out;
}
