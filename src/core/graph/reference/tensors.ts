/** Run-time tensor storage of the reference interpreter and constant decoding. */

import { shapeSize, unpackInt4, type Graph, type GraphTensor, type QuantParams } from '../graph';
import { roundHalfAway } from './fixed-point';

/**
 * Values of one tensor. int64 constants (16x8 biases) are held as doubles: they are exact below 2^53,
 * which bias values are by construction.
 */
export type TensorData = Float32Array | Uint16Array | Int8Array | Int16Array | Int32Array | Uint8Array | Float64Array;

/** State shared by the op kernels while one chunk of a batch runs. */
export interface RunContext {
  graph: Graph;
  values: (TensorData | undefined)[];
  /** Dimension 0 of every batched tensor at run time. */
  batch: number;
  /** Tensors whose dimension 0 is the batch (derived from a graph input); others are static. */
  batched: boolean[];
}

/** Decodes a constant tensor's little-endian bytes into a typed array of its dtype (float16 stays as bits). */
export function decodeConstant(t: GraphTensor): TensorData {
  if (!t.data) throw new Error(`tensor ${t.name} has no constant data`);
  const buf = t.data.slice().buffer;
  switch (t.dtype) {
    case 'float32':
      return new Float32Array(buf);
    case 'float16':
      return new Uint16Array(buf);
    case 'int32':
      return new Int32Array(buf);
    case 'int16':
      return new Int16Array(buf);
    case 'int8':
      return new Int8Array(buf);
    case 'int4':
      return unpackInt4(t.data, shapeSize(t.shape));
    case 'uint8':
      return new Uint8Array(buf);
    case 'int64':
      return Float64Array.from(new BigInt64Array(buf), (v) => Number(v));
  }
}

/** Shape of a tensor at run time: batched tensors get `batch` as dimension 0, static ones keep theirs. */
export function runtimeShape(ctx: RunContext, index: number): number[] {
  const t = ctx.graph.tensors[index];
  return ctx.batched[index] ? [ctx.batch, ...t.shape.slice(1)] : t.shape;
}

export function getValue(ctx: RunContext, index: number): TensorData {
  const v = ctx.values[index];
  if (!v) throw new Error(`tensor ${ctx.graph.tensors[index].name} has no value yet`);
  return v;
}

/** Integer weight storage the kernels accept: int8, or TFLite INT4 (unpacked to int8 values by decodeConstant). */
export function isIntegerWeight(dtype: GraphTensor['dtype']): boolean {
  return dtype === 'int8' || dtype === 'int4';
}

/** Integer range of a quantized dtype. */
export function qRange(dtype: GraphTensor['dtype']): [number, number] {
  if (dtype === 'int8') return [-128, 127];
  if (dtype === 'int16') return [-32768, 32767];
  if (dtype === 'uint8') return [0, 255];
  throw new Error(`dtype ${dtype} is not a quantized activation type`);
}

/** Allocates an activation array of `dtype` with n elements. */
export function allocate(dtype: GraphTensor['dtype'], n: number): TensorData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'uint8':
      return new Uint8Array(n);
    case 'int32':
      return new Int32Array(n);
    default:
      throw new Error(`cannot allocate an activation of dtype ${dtype}`);
  }
}

/** `v` as doubles (a copy unless it already is): hot loops over one array type stay monomorphic. */
export function asDoubles(v: TensorData): Float64Array {
  if (v instanceof Float64Array) return v;
  const out = new Float64Array(v.length);
  out.set(v);
  return out;
}

/** Per-tensor scale and zero point of an activation tensor (throws when missing). */
export function tensorParams(t: GraphTensor): { scale: number; zeroPoint: number } {
  const q: QuantParams | undefined = t.quant;
  if (!q || q.scale.length === 0) throw new Error(`tensor ${t.name} (${t.dtype}) has no quantization parameters`);
  return { scale: q.scale[0], zeroPoint: q.zeroPoint[0] ?? 0 };
}

/** AffineQuantize (reference QUANTIZE): q = round(x / scale) + zp, clamped; float32 division as TFLite. */
export function quantizeInto(
  src: Float32Array,
  dst: TensorData,
  scale: number,
  zeroPoint: number,
  qmin: number,
  qmax: number,
): void {
  for (let i = 0; i < src.length; i++) {
    const q = roundHalfAway(Math.fround(src[i] / scale)) + zeroPoint;
    dst[i] = q < qmin ? qmin : q > qmax ? qmax : q;
  }
}

/** Dequantize: real = scale * (q - zp), rounded to float32 on store. */
export function dequantizeInto(src: ArrayLike<number>, dst: Float32Array, scale: number, zeroPoint: number): void {
  for (let i = 0; i < src.length; i++) dst[i] = scale * (src[i] - zeroPoint);
}

/** Per-channel scales of a constant, broadcast to `channels` entries. */
export function channelScales(t: GraphTensor, channels: number): Float64Array {
  const s = t.quant?.scale;
  if (!s || s.length === 0) throw new Error(`tensor ${t.name} has no scale`);
  const out = new Float64Array(channels);
  for (let c = 0; c < channels; c++) out[c] = s.length === 1 ? s[0] : s[c];
  return out;
}

/** Dequantized float copy of any tensor value (float tensors are returned as a copy). */
export function toFloat(t: GraphTensor, v: TensorData): Float32Array {
  if (t.dtype === 'float32') return Float32Array.from(v);
  const out = new Float32Array(v.length);
  const { scale, zeroPoint } = tensorParams(t);
  dequantizeInto(v, out, scale, zeroPoint);
  return out;
}
