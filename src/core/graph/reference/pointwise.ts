/**
 * Pointwise activations LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU. Float: the function in float32.
 * Quantized (int8, int16): the function of the dequantized input, computed in float32 and quantized with
 * the output's params, as the lookup tables of XNNPACK (lut-elementwise: lrintf, half to even) and TFLite
 * (PopulateLookupTable) are built for int8. The int16 kernels of TFLite (fixed-point interpolation) differ
 * from this by a few output steps at most: litert-ops.test.ts measures it per op.
 */

import type { LeakyReluOp, UnaryOp } from '../graph';
import { multiplyByQuantizedMultiplier, quantizeMultiplier, roundHalfEven, roundingDivideByPOT } from './fixed-point';
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

/**
 * Quantized LEAKY_RELU. int8 as XNNPACK's qs8 lrelu (xnn_init_qs8_lrelu_scalar_params): the slopes
 * s_in / s_out and alpha s_in / s_out rounded to multiples of 1/256 (lrintf), q = zp_out +
 * floor(((x - zp_in) m + 128) / 256). int16 as TFLite's QuantizeLeakyRelu: MultiplyByQuantizedMultiplier of
 * x - zp_in by the identity or the alpha multiplier.
 */
function leakyReluTable(
  op: LeakyReluOp,
  inP: { scale: number; zeroPoint: number },
  outP: { scale: number; zeroPoint: number },
  [qmin, qmax]: [number, number],
  [inMin, inMax]: [number, number],
  int8: boolean,
): Int32Array {
  const table = new Int32Array(inMax - inMin + 1);
  const positive = f(f(inP.scale) / f(outP.scale));
  const negative = f(f(f(op.alpha) * f(inP.scale)) / f(outP.scale));
  const mPos = roundHalfEven(f(256 * positive));
  const mNeg = roundHalfEven(f(256 * negative));
  const identity = quantizeMultiplier(inP.scale / outP.scale);
  const alpha = quantizeMultiplier((inP.scale * f(op.alpha)) / outP.scale);
  for (let q = inMin; q <= inMax; q++) {
    const d = q - inP.zeroPoint;
    let v: number;
    if (int8) v = outP.zeroPoint + Math.floor((d * (d >= 0 ? mPos : mNeg) + 128) / 256);
    else {
      const m = d >= 0 ? identity : alpha;
      v = outP.zeroPoint + multiplyByQuantizedMultiplier(d, m.multiplier, m.shift);
    }
    table[q - inMin] = v < qmin ? qmin : v > qmax ? qmax : v;
  }
  return table;
}

/** gemmlowp SaturatingRoundingDoublingHighMul on int16 values. */
function srdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  const ab = a * b;
  return Math.trunc((ab + (ab >= 0 ? 1 << 14 : 1 - (1 << 14))) / 32768);
}

const saturate16 = (v: number) => Math.max(-32768, Math.min(32767, v));

/** DownScaleInt32ToInt16Multiplier: the top 16 bits of a Q31 multiplier, rounded. */
function downScale16(m: number): number {
  return m >= 2 ** 31 - 1 - 32768 ? 32767 : Math.floor((m + 32768) / 65536);
}

/**
 * int8 HARD_SWISH as TFLite's kernel (activations.cc HardSwishPrepare, reference_ops::HardSwish; XNNPACK
 * does not take it in LiteRT.js): the input on a 2^7 finer grid, a 16-bit "relu-ish" factor in [0, 1]
 * and 16-bit fixed-point products.
 */
function hardSwishTableInt8(
  inP: { scale: number; zeroPoint: number },
  outP: { scale: number; zeroPoint: number },
): Int32Array {
  const hires = f(f(1 / 128) * f(inP.scale));
  const outM = quantizeMultiplier(f(hires / f(outP.scale)));
  const reluM = quantizeMultiplier(f(hires / f(3 / 32768)));
  const out16 = downScale16(outM.multiplier);
  const relu16 = downScale16(reluM.multiplier);
  const table = new Int32Array(256);
  for (let q = -128; q <= 127; q++) {
    const hiresValue = (q - inP.zeroPoint) * 128;
    const preshift = srdhm16(hiresValue, out16);
    let reluish = hiresValue;
    if (reluM.shift > 0) reluish = saturate16(reluish * 2 ** (reluM.shift - 1));
    reluish = srdhm16(reluish, relu16);
    if (reluM.shift > 0) reluish = saturate16(reluish * 2);
    if (reluM.shift < 0) reluish = roundingDivideByPOT(reluish, -reluM.shift);
    reluish = (reluish + 32768) >> 1;
    const product = reluish === -32768 && preshift === -32768 ? 32767 : Math.trunc((reluish * preshift) / 32768);
    const v = roundingDivideByPOT(product, -outM.shift) + outP.zeroPoint;
    table[q + 128] = v < -128 ? -128 : v > 127 ? 127 : v;
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
    const args = [tensorParams(inT), tensorParams(outT), qRange(outT.dtype), inRange] as const;
    const table =
      op.kind === 'LEAKY_RELU'
        ? leakyReluTable(op, ...args, inT.dtype === 'int8')
        : op.kind === 'HARD_SWISH' && inT.dtype === 'int8'
          ? hardSwishTableInt8(args[0], args[1])
          : pointwiseTable(op, ...args);
    for (let i = 0; i < x.length; i++) out[i] = table[x[i] - inRange[0]];
  }
  ctx.values[op.outputs[0]] = out;
}
