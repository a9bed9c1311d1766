/**
 * MAX_POOL_2D and AVERAGE_POOL_2D on float, int8 and int16 data (reference_ops / reference_integer_ops
 * pooling.h): windows clipped to the input, integer average rounded half away from zero, output
 * params equal to input params, fused activation clamp.
 */

import type { Pool2DOp } from '../graph';
import { leadingPad, outputSize } from './accumulate';
import { floatActivationRange, quantizedActivationRange } from './fixed-point';
import { allocate, asDoubles, getValue, qRange, runtimeShape, tensorParams, type RunContext } from './tensors';

export function evalPool2D(ctx: RunContext, op: Pool2DOp): void {
  const [batch, inH, inW, C] = runtimeShape(ctx, op.inputs[0]);
  const outH = outputSize(op.padding, inH, op.filterH, op.strideH);
  const outW = outputSize(op.padding, inW, op.filterW, op.strideW);
  const padH = op.padding === 'SAME' ? leadingPad(inH, op.filterH, op.strideH, 1, outH) : 0;
  const padW = op.padding === 'SAME' ? leadingPad(inW, op.filterW, op.strideW, 1, outW) : 0;
  const inT = ctx.graph.tensors[op.inputs[0]];
  const outT = ctx.graph.tensors[op.outputs[0]];
  const raw = getValue(ctx, op.inputs[0]);
  // The loops read and write doubles only (one array type whatever the dtype keeps them monomorphic);
  // every value is exact in a double, and the results are in the output dtype's range when copied back.
  const input = asDoubles(raw);
  const result = new Float64Array(batch * outH * outW * C);
  const isFloat = inT.dtype === 'float32';
  let lo: number;
  let hi: number;
  if (isFloat) {
    [lo, hi] = floatActivationRange(op.activation);
  } else {
    const p = tensorParams(outT);
    const [qmin, qmax] = qRange(outT.dtype);
    [lo, hi] = quantizedActivationRange(op.activation, p.scale, p.zeroPoint, qmin, qmax);
  }
  const isMax = op.kind === 'MAX_POOL_2D';
  const { filterH, filterW, strideH, strideW } = op;
  const rowStride = inW * C;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const imageBase = b * inH * rowStride;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padH;
      const fy0 = Math.max(0, -y0);
      const fy1 = Math.min(filterH, inH - y0);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * strideW - padW;
        const fx0 = Math.max(0, -x0);
        const fx1 = Math.min(filterW, inW - x0);
        const count = (fy1 - fy0) * (fx1 - fx0);
        const windowBase = imageBase + (y0 * inW + x0) * C;
        for (let c = 0; c < C; c++, o++) {
          let acc = isMax ? -Infinity : 0;
          for (let fy = fy0; fy < fy1; fy++) {
            const rowBase = windowBase + fy * rowStride + c;
            for (let fx = fx0; fx < fx1; fx++) {
              const v = input[rowBase + fx * C];
              if (isMax) {
                if (v > acc) acc = v;
              } else acc += v;
            }
          }
          let v = acc;
          if (!isMax) {
            if (isFloat) v = acc / count;
            else {
              // Integer division truncates in C++: (acc +- count/2) / count rounds half away from zero.
              const half = Math.floor(count / 2);
              v = Math.trunc(acc > 0 ? (acc + half) / count : (acc - half) / count);
            }
          }
          result[o] = v < lo ? lo : v > hi ? hi : v;
        }
      }
    }
  }
  const out = allocate(outT.dtype, result.length);
  out.set(result);
  ctx.values[op.outputs[0]] = out;
}
