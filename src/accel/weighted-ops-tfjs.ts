/**
 * CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED on tfjs: float, integer (int8 / 16x8) and hybrid
 * (dynamic range). Integer sums are float32 convolutions / matmuls of integer-valued tensors, exact while
 * every partial sum stays below 2^24: reductions are split into chunks of at most MAX_EXACT_TERMS terms
 * (255 * 127 * 518 < 2^24) and int16 activations into a high byte and a low byte; chunk sums are
 * combined as exact {@link AccPair}s.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DOp, DepthwiseConv2DOp, FullyConnectedOp, Graph, GraphOp, GraphTensor } from '../core/graph/graph';
import { asymmetricRowParams, symmetricRowParams, xnnpackRowParams } from './row-params';
import { xnnpackQd8Rows } from '../core/graph/reference/conv';
import { integerOutputStage, type IntegerOutputStage } from '../core/graph/reference/requantize';
import { channelScales, tensorParams, type TensorData } from '../core/graph/reference/tensors';
import {
  accPairOf,
  addAccPairs,
  requantConstants,
  requantizeExactTfjs,
  requantizeTfjs,
  roundHalfAwayTfjs,
  type AccPair,
  type RequantConstants,
} from './requantize-tfjs';

/** Largest reduction length whose partial sums of |a| <= 255 times |w| <= 127 stay below 2^24. */
export const MAX_EXACT_TERMS = Math.floor((2 ** 24 - 1) / (255 * 127));

export type WeightedOp = Conv2DOp | DepthwiseConv2DOp | FullyConnectedOp;

export function isWeightedOp(op: GraphOp): op is WeightedOp {
  return op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED';
}

type Mode = 'float' | 'hybrid' | 'integer';

/** Per-op tensors and constants, built once per run (owned: dispose with {@link disposeWeighted}). */
export interface PreparedWeighted {
  op: WeightedOp;
  mode: Mode;
  /** Filter in tfjs layout, split along the reduction into exact chunks: conv HWIO / depthwise [kh, kw, in, mult] by input
   * channel ranges; FC [in, units], zero outside each chunk's input range. */
  filters: tf.Tensor[];
  /** Input channel (conv) or input index (FC) ranges of the chunks. */
  ranges: [number, number][];
  /** Float bias (float and hybrid) or integer bias as an exact pair [C]. */
  floatBias?: tf.Tensor;
  intBias?: AccPair;
  requant?: RequantConstants;
  /** Integer ops: the reference's output stage and the raw bias (for the host output stage, wide-output-host.ts). */
  stage?: IntegerOutputStage;
  bias?: TensorData;
  inputZeroPoint: number;
  /** int16 activations (split into bytes). */
  wideInput: boolean;
  /** Hybrid: per-channel filter scales [C] and row quantization kind. */
  filterScales?: tf.Tensor;
  asymmetricRows: boolean;
  /** Hybrid ops LiteRT.js runs on XNNPACK's qd8 kernels: one quantization row per batch row (FC, KxK conv) or per pixel (1x1 conv). */
  xnnpackRows?: 'row' | 'pixel';
  channels: number;
  /** FULLY_CONNECTED split into chunks: the whole filter [in, units] (the chunks are slices of it), for inputs whose
   * sums are exact in one matmul. */
  wholeFilter?: tf.Tensor2D;
  /** Largest |filter| value (bounds every partial sum of a row by maxAbsFilter * sum |x|). */
  maxAbsFilter: number;
}

/** Prepares op tensors. `values` holds decoded constants (static ops already evaluated, float16 expanded). */
export function prepareWeighted(graph: Graph, op: WeightedOp, values: (TensorData | undefined)[]): PreparedWeighted {
  const T = graph.tensors;
  const inT = T[op.inputs[0]];
  const fT = T[op.inputs[1]];
  const outT = T[op.outputs[0]];
  const filter = values[op.inputs[1]];
  if (!filter) throw new Error(`${op.kind}: filter ${fT.name} is not constant`);
  const biasIndex = op.inputs[2];
  const bias = biasIndex !== undefined && biasIndex >= 0 ? values[biasIndex] : undefined;
  const mode: Mode = inT.dtype === 'float32' ? (fT.dtype === 'float32' ? 'float' : 'hybrid') : 'integer';
  if (mode !== 'float' && fT.dtype !== 'int8' && fT.dtype !== 'int4')
    throw new Error(`${op.kind}: unsupported filter dtype ${fT.dtype}`);
  // Known gap: hybrid kernels with INT4 filters disagree with the reference here; refuse, so callers fall back.
  if (mode === 'hybrid' && fT.dtype === 'int4') throw new Error(`${op.kind}: hybrid INT4 filters are not supported`);
  if (mode === 'integer' && inT.dtype !== 'int8' && inT.dtype !== 'int16')
    throw new Error(`${op.kind}: unsupported input ${inT.dtype}`);
  const f32 = Float32Array.from(filter);
  const ranges: [number, number][] = [];
  const filters: tf.Tensor[] = [];
  let channels: number;
  let wholeFilter: tf.Tensor2D | undefined;
  let maxAbsFilter = 0;
  for (const v of f32) maxAbsFilter = Math.max(maxAbsFilter, Math.abs(v));
  if (op.kind === 'FULLY_CONNECTED') {
    const [units, inSize] = fT.shape;
    channels = units;
    const step = mode === 'float' ? inSize : MAX_EXACT_TERMS;
    // [in, units]: tfjs-wasm runs an untransposed fused matMul on XNNPACK's fully-connected kernel, about 8x
    // faster than BatchMatMul or a transposed B (measured: 3 ms against 23 ms for [500, 1352] x [1352, 10]).
    // Chunks are the whole filter with zeros outside their input range: zero terms add exactly nothing, and a
    // matMul of the whole input costs less than slicing the input on tfjs-wasm.
    const w = tf.tidy(() => tf.transpose(tf.tensor2d(f32, [units, inSize])) as tf.Tensor2D);
    for (let k = 0; k < inSize; k += step) {
      const end = Math.min(inSize, k + step);
      ranges.push([k, end]);
      if (k === 0 && end === inSize) filters.push(w);
      else
        filters.push(
          tf.tidy(() =>
            tf.pad(tf.slice(w, [k, 0], [end - k, units]), [
              [k, inSize - end],
              [0, 0],
            ]),
          ),
        );
    }
    if (ranges.length > 1) wholeFilter = w;
    else if (filters[0] !== w) w.dispose();
  } else if (op.kind === 'CONV_2D') {
    const [out, kh, kw, cin] = fT.shape;
    channels = out;
    const perChunk = mode === 'float' ? cin : Math.max(1, Math.floor(MAX_EXACT_TERMS / (kh * kw)));
    if (mode !== 'float' && kh * kw > MAX_EXACT_TERMS)
      throw new Error(`CONV_2D: a ${kh}x${kw} window is too large for exact float sums`);
    const hwio = tf.tidy(() => tf.transpose(tf.tensor4d(f32, [out, kh, kw, cin]), [1, 2, 3, 0]));
    for (let c = 0; c < cin; c += perChunk) {
      const end = Math.min(cin, c + perChunk);
      ranges.push([c, end]);
      filters.push(tf.slice(hwio, [0, 0, c, 0], [kh, kw, end - c, out]));
    }
    hwio.dispose();
  } else {
    const [, kh, kw, outC] = fT.shape;
    channels = outC;
    if (mode !== 'float' && kh * kw > MAX_EXACT_TERMS)
      throw new Error('DEPTHWISE_CONV_2D: window too large for exact float sums');
    const inC = outC / op.depthMultiplier;
    ranges.push([0, inC]);
    filters.push(tf.tensor4d(f32, [kh, kw, inC, op.depthMultiplier]));
  }
  const prepared: PreparedWeighted = {
    op,
    mode,
    filters,
    ranges,
    inputZeroPoint: 0,
    wideInput: inT.dtype === 'int16',
    asymmetricRows: false,
    channels,
    wholeFilter,
    maxAbsFilter,
  };
  if (mode === 'integer') {
    const stage = integerOutputStage(inT, fT, outT, channels, op.activation);
    prepared.stage = stage;
    prepared.bias = bias;
    prepared.requant = requantConstants(stage);
    prepared.inputZeroPoint = stage.inputZeroPoint;
    if (bias) {
      const b = Float64Array.from(bias);
      const hi = b.map((v) => Math.floor(v / 4096));
      prepared.intBias = {
        hi: tf.tensor1d(Float32Array.from(hi)),
        lo: tf.tensor1d(Float32Array.from(b, (v, i) => v - hi[i] * 4096)),
      };
    }
  } else if (bias) {
    prepared.floatBias = tf.tensor1d(Float32Array.from(bias));
  }
  if (mode === 'hybrid') prepareHybrid(prepared, fT);
  if (mode === 'integer' && tensorParams(inT).zeroPoint !== prepared.inputZeroPoint)
    throw new Error('inconsistent input zero point');
  return prepared;
}

/**
 * Hybrid row quantization of `p.op`: conv.cc quantizes per-channel filters' inputs asymmetrically, per-tensor
 * symmetrically, depthwise always asymmetrically; FULLY_CONNECTED follows asymmetric_quantize_inputs. The ops
 * LiteRT.js hands to XNNPACK's qd8 kernels use its rows instead (see the reference's conv.ts / fully-connected.ts).
 */
function prepareHybrid(p: PreparedWeighted, fT: GraphTensor): void {
  const op = p.op;
  p.filterScales = tf.tensor1d(Float32Array.from(channelScales(fT, p.channels)));
  p.asymmetricRows =
    op.kind === 'FULLY_CONNECTED'
      ? op.asymmetricQuantizeInputs
      : op.kind === 'DEPTHWISE_CONV_2D' || (fT.quant?.scale.length ?? 1) > 1;
  if (op.kind === 'FULLY_CONNECTED' && op.asymmetricQuantizeInputs) p.xnnpackRows = 'row';
  if (op.kind === 'CONV_2D') {
    const rows = xnnpackQd8Rows(op, fT);
    if (rows) p.xnnpackRows = rows === 'pixel' ? 'pixel' : 'row';
  }
}

export function disposeWeighted(p: PreparedWeighted): void {
  tf.dispose(
    [...p.filters, p.floatBias, p.intBias?.hi, p.intBias?.lo, p.filterScales, p.wholeFilter].filter(
      (t): t is tf.Tensor => t !== undefined,
    ),
  );
}

/** The raw sums of one chunk: conv / depthwise / FC of `x` (already offset) with chunk `i`. */
export function chunkSum(p: PreparedWeighted, x: tf.Tensor, i: number): tf.Tensor {
  const op = p.op;
  const [a, b] = p.ranges[i];
  if (op.kind === 'FULLY_CONNECTED') {
    const x2 = tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
    return tf.fused.matMul({ a: x2, b: p.filters[i] as tf.Tensor2D });
  }
  const x4 = x as tf.Tensor4D;
  const part = p.ranges.length === 1 ? x4 : tf.slice(x4, [0, 0, 0, a], [-1, -1, -1, b - a]);
  const pad = op.padding === 'SAME' ? 'same' : 'valid';
  if (op.kind === 'CONV_2D') {
    return tf.conv2d(part, p.filters[i] as tf.Tensor4D, [op.strideH, op.strideW], pad, 'NHWC', [
      op.dilationH,
      op.dilationW,
    ]);
  }
  return tf.depthwiseConv2d(part, p.filters[i] as tf.Tensor4D, [op.strideH, op.strideW], pad, 'NHWC', [
    op.dilationH,
    op.dilationW,
  ]);
}

function floatActivation(x: tf.Tensor, activation: WeightedOp['activation']): tf.Tensor {
  if (activation === 'RELU') return tf.relu(x);
  if (activation === 'RELU6') return tf.clipByValue(x, 0, 6);
  return x;
}

/**
 * The sums of a chunked FULLY_CONNECTED in one matmul when that is exact for this input: every partial sum of
 * row b is at most maxAbsFilter * sum |x[b]| in magnitude, so below 2^24 no float32 addition rounds, in any
 * order. Returns undefined (use the chunks) when some row could exceed it. One row-sum read back per chunk of
 * images replaces a slice and a matmul per chunk of the reduction.
 */
export function wholeSum(p: PreparedWeighted, x: tf.Tensor): tf.Tensor | undefined {
  if (!p.wholeFilter) return undefined;
  const x2 = tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
  const rowSums = tf.tidy(() => tf.max(tf.sum(tf.abs(x2), 1)));
  const largest = rowSums.dataSync()[0];
  rowSums.dispose();
  if (!(largest * p.maxAbsFilter < 2 ** 24)) return undefined;
  return tf.fused.matMul({ a: x2, b: p.wholeFilter });
}

const FUSED_ACTIVATION = { NONE: 'linear', RELU: 'relu', RELU6: 'relu6' } as const;

/**
 * A float op as one fused tfjs kernel (sum, bias and activation: XNNPACK's on tfjs-wasm, as LiteRT.js runs
 * float ops). Rounding may differ from sum-then-add in the last bits (the twin's float tolerance).
 */
function fusedFloat(p: PreparedWeighted, x: tf.Tensor): tf.Tensor {
  const op = p.op;
  const bias = p.floatBias;
  const activation = FUSED_ACTIVATION[op.activation];
  if (op.kind === 'FULLY_CONNECTED') {
    const a = tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
    return tf.fused.matMul({ a, b: p.filters[0] as tf.Tensor2D, bias, activation });
  }
  const args = {
    x: x as tf.Tensor4D,
    filter: p.filters[0] as tf.Tensor4D,
    strides: [op.strideH, op.strideW] as [number, number],
    pad: op.padding === 'SAME' ? ('same' as const) : ('valid' as const),
    dataFormat: 'NHWC' as const,
    dilations: [op.dilationH, op.dilationW] as [number, number],
    bias,
    activation,
  };
  return op.kind === 'CONV_2D' ? tf.fused.conv2d(args) : tf.fused.depthwiseConv2d(args);
}

/** Sum of all chunks in float (float mode; hybrid sums are exact integers unless they exceed 2^24). */
function floatSum(p: PreparedWeighted, x: tf.Tensor): tf.Tensor {
  const whole = wholeSum(p, x);
  if (whole) return whole;
  let acc = chunkSum(p, x, 0);
  for (let i = 1; i < p.ranges.length; i++) acc = tf.add(acc, chunkSum(p, x, i));
  return acc;
}

/**
 * Integer accumulators acc + bias of an integer op (input = raw quantized values). Returns a single exact
 * float tensor when one int8 chunk suffices (|acc + bias| < 2^24), else an exact pair. `biasLater` leaves
 * the bias out of a single tensor (the caller adds it with addIntegerBias, e.g. after a max pool, which
 * commutes with adding a per-channel constant); pairs always include it.
 */
export function integerAccumulators(p: PreparedWeighted, q: tf.Tensor, biasLater = false): tf.Tensor | AccPair {
  const x = p.inputZeroPoint === 0 ? q : tf.sub(q, p.inputZeroPoint);
  if (!p.wideInput && p.ranges.length === 1) {
    const acc = chunkSum(p, x, 0);
    return biasLater ? acc : addIntegerBias(p, acc);
  }
  const pairs: AccPair[] = [];
  const parts: [tf.Tensor, number][] = [];
  if (p.wideInput) {
    // q = 256 * high + low, low in [0, 255], high in [-128, 127]: each product fits the exact chunk bound.
    const high = tf.floor(tf.mul(x, 1 / 256));
    parts.push([tf.sub(x, tf.mul(high, 256)), 1], [high, 256]);
  } else {
    parts.push([x, 1]);
  }
  for (const [part, weight] of parts) {
    const whole = wholeSum(p, part);
    if (whole) pairs.push(accPairOf(whole, weight));
    else for (let i = 0; i < p.ranges.length; i++) pairs.push(accPairOf(chunkSum(p, part, i), weight));
  }
  if (p.intBias) pairs.push(p.intBias);
  return addAccPairs(pairs);
}

/** acc + the integer op's bias, broadcast over channels (exact while |acc + bias| < 2^24). */
export function addIntegerBias(p: PreparedWeighted, acc: tf.Tensor): tf.Tensor {
  return p.intBias ? tf.add(acc, tf.add(tf.mul(p.intBias.hi, 4096), p.intBias.lo)) : acc;
}

/** Requantizes accumulators (single exact tensor or pair) to the op's output raw values. */
export function requantizeAccumulators(p: PreparedWeighted, acc: tf.Tensor | AccPair): tf.Tensor {
  const k = p.requant as RequantConstants;
  return acc instanceof tf.Tensor ? requantizeExactTfjs(acc, k) : requantizeTfjs(acc, k);
}

/**
 * Hybrid input quantization, per batch row as the reference's quantizeRows: row min/max are read back,
 * the row params are computed on the host in double precision exactly as TFLite's portable
 * AsymmetricQuantizeFloats / SymmetricQuantizeFloats, and the values are quantized on tfjs.
 * Returns (q - offset) and the per-row scales.
 */
function quantizeRowsTfjs(x: tf.Tensor, asymmetric: boolean): { values: tf.Tensor; scales: tf.Tensor } {
  const n = x.shape[0];
  const rows = tf.reshape(x, [n, -1]);
  const [mins, maxs] = tf.tidy(() => [tf.min(rows, 1), tf.max(rows, 1)]);
  const lo = mins.dataSync();
  const hi = maxs.dataSync();
  tf.dispose([mins, maxs]);
  const inv = new Float32Array(n);
  const offset = new Float32Array(n);
  const scale = new Float32Array(n);
  for (let b = 0; b < n; b++) {
    const r = asymmetric ? asymmetricRowParams(lo[b], hi[b]) : symmetricRowParams(lo[b], hi[b]);
    inv[b] = r.inv;
    offset[b] = r.offset;
    scale[b] = r.scale;
  }
  const rowShape = [n, ...x.shape.slice(1).map(() => 1)];
  const invT = tf.tensor(inv, rowShape);
  const offT = tf.tensor(offset, rowShape);
  const v = asymmetric ? tf.add(tf.mul(x, invT), offT) : tf.mul(x, invT);
  const q = tf.clipByValue(roundHalfAwayTfjs(v), asymmetric ? -128 : -127, 127);
  return { values: tf.sub(q, offT), scales: tf.tensor1d(scale) };
}

/** 1.5 * 2^23: (v + MAGIC) - MAGIC rounds a float32 |v| < 2^22 half to even (XNNPACK's magic-bias rounding). */
const MAGIC_BIAS = 12582912;

/**
 * XNNPACK's qd8 input quantization as the reference's quantizeRowsXnnpack: rows of the last dimension
 * (`pixel`) or of everything but the batch (`row`); params from the row min/max on the host
 * (xnnpackRowParams), values rint(x * inv) clamped to [-128, 127] - zp. Returns q - zp and the per-row
 * scales shaped to broadcast over the op's output.
 */
function quantizeRowsXnnpackTfjs(x: tf.Tensor, rows: 'row' | 'pixel'): { values: tf.Tensor; scales: tf.Tensor } {
  const size = rows === 'row' ? x.size / x.shape[0] : x.shape[x.shape.length - 1];
  const x2 = tf.reshape(x, [-1, size]);
  const [mins, maxs] = tf.tidy(() => [tf.min(x2, 1), tf.max(x2, 1)]);
  const lo = mins.dataSync();
  const hi = maxs.dataSync();
  tf.dispose([mins, maxs]);
  const n = lo.length;
  const [inv, offset, scale] = [0, 1, 2].map(() => new Float32Array(n));
  for (let r = 0; r < n; r++) {
    const p = xnnpackRowParams(lo[r], hi[r]);
    inv[r] = p.inv;
    offset[r] = p.offset;
    scale[r] = p.scale;
  }
  const col = (a: Float32Array) => tf.tensor2d(a, [n, 1]);
  // rint first, then the integer clamp: clamp(rint(v), a, b) = rint(clamp(v, a, b)) for integer bounds, and
  // every step after rint is exact integer arithmetic. One uniform clip replaces per-row minimum / maximum,
  // whose broadcasting path on tfjs-wasm costs about 20x a plain elementwise op.
  const rounded = tf.sub(tf.add(tf.mul(x2, col(inv)), MAGIC_BIAS), MAGIC_BIAS);
  const off = col(offset);
  const values = tf.reshape(tf.sub(tf.clipByValue(tf.add(rounded, off), -128, 127), off), x.shape);
  const scaleShape = rows === 'row' ? [x.shape[0], ...x.shape.slice(1).map(() => 1)] : [...x.shape.slice(0, -1), 1];
  return { values, scales: tf.reshape(tf.tensor1d(scale), scaleShape) };
}

/** Runs one weighted op whose input is `x` (float values or raw quantized values). */
export function runWeighted(p: PreparedWeighted, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const act = p.op.activation;
    if (p.mode === 'float') {
      if (p.ranges.length === 1) return fusedFloat(p, x);
      const acc = floatSum(p, x);
      return floatActivation(p.floatBias ? tf.add(acc, p.floatBias) : acc, act);
    }
    if (p.mode === 'hybrid' && p.xnnpackRows) {
      // fl(fl(fl(acc) * rowScale) * filterScale[c]) + bias[c], as finishHybridXnnpack.
      const rows = quantizeRowsXnnpackTfjs(x, p.xnnpackRows);
      const y = tf.mul(tf.mul(floatSum(p, rows.values), rows.scales), p.filterScales as tf.Tensor);
      return floatActivation(p.floatBias ? tf.add(y, p.floatBias) : y, act);
    }
    if (p.mode === 'hybrid') {
      const rows = quantizeRowsTfjs(x, p.asymmetricRows);
      const acc = floatSum(p, rows.values);
      // fround(acc * fround(filterScale[c] * rowScale[b])) + bias[c], as finishHybrid.
      const scaleShape = [x.shape[0], ...acc.shape.slice(1).map(() => 1)];
      const s = tf.mul(tf.reshape(rows.scales, scaleShape), p.filterScales as tf.Tensor);
      const y = tf.mul(acc, s);
      return floatActivation(p.floatBias ? tf.add(y, p.floatBias) : y, act);
    }
    return requantizeAccumulators(p, integerAccumulators(p, x));
  });
}
