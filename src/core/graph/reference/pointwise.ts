/**
 * Pointwise activations LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU. Float: the function in float32.
 * Quantized (int8, int16): the function of the dequantized input, computed in float32 and quantized with
 * the output's params, as the lookup tables of XNNPACK (lut-elementwise: lrintf, half to even) and TFLite
 * (PopulateLookupTable) are built for int8. The int16 kernels of TFLite (fixed-point interpolation) differ
 * from this by a few output steps at most: litert-ops.test.ts measures it per op.
 */

import type { LeakyReluOp, UnaryOp } from '../graph';
import { roundHalfEven } from './fixed-point';
import { allocate, getValue, qRange, tensorParams, type RunContext } from './tensors';

type PointwiseOp = UnaryOp | LeakyReluOp;

const f = Math.fround;

/** sigmoid in float32, written as XNNPACK writes it so the large-|x| tail keeps its precision. */
export function sigmoid(x: number): number {
  return x < 0 ? f(1 - f(1 / f(1 + f(Math.exp(x))))) : f(1 / f(1 + f(Math.exp(-x))));
}

export function hardSwish(x: number): number {
  return f(f(x * Math.min(6, Math.max(0, f(x + 3)))) / 6);
}

/** The real function of one pointwise op. */
export function pointwiseFunction(op: PointwiseOp): (x: number) => number {
  switch (op.kind) {
    case 'LOGISTIC':
      return (x) => (x < 0 ? 1 - 1 / (1 + Math.exp(x)) : 1 / (1 + Math.exp(-x)));
    case 'TANH':
      return Math.tanh;
    case 'HARD_SWISH':
      return hardSwish;
    case 'LEAKY_RELU': {
      const alpha = f(op.alpha);
      return (x) => (x >= 0 ? x : f(alpha * x));
    }
  }
}

/**
 * The lookup table of a quantized pointwise op over every input value (int8: 256 entries indexed by
 * q + 128; int16: 65,536 indexed by q + 32768).
 */
export function pointwiseTable(
  op: PointwiseOp,
  inP: { scale: number; zeroPoint: number },
  outP: { scale: number; zeroPoint: number },
  [qmin, qmax]: [number, number],
  [inMin, inMax]: [number, number],
): Int32Array {
  const fn = pointwiseFunction(op);
  const inv = f(1 / outP.scale);
  const table = new Int32Array(inMax - inMin + 1);
  for (let q = inMin; q <= inMax; q++) {
    const y = f(fn(f(f(q - inP.zeroPoint) * f(inP.scale))));
    const v = roundHalfEven(f(y * inv)) + outP.zeroPoint;
    table[q - inMin] = v < qmin ? qmin : v > qmax ? qmax : v;
  }
  return table;
}

export function evalPointwise(ctx: RunContext, op: PointwiseOp): void {
  const inT = ctx.graph.tensors[op.inputs[0]];
  const outT = ctx.graph.tensors[op.outputs[0]];
  const x = getValue(ctx, op.inputs[0]);
  const out = allocate(outT.dtype, x.length);
  if (inT.dtype === 'float32') {
    const fn = pointwiseFunction(op);
    for (let i = 0; i < x.length; i++) out[i] = fn(x[i]);
  } else {
    const inRange = qRange(inT.dtype);
    const table = pointwiseTable(op, tensorParams(inT), tensorParams(outT), qRange(outT.dtype), inRange);
    for (let i = 0; i < x.length; i++) out[i] = table[x[i] - inRange[0]];
  }
  ctx.values[op.outputs[0]] = out;
}
