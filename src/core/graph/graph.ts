/**
 * The lab's graph IR: what the converter stage produces from a trained model, what quantization
 * transforms, and what the .tflite writer serializes (and the reader gives back). It mirrors the
 * TFLite schema closely (tensors + ops in execution order) but speaks in the lab's own types.
 *
 * Layouts follow TFLite (not TF.js): activations NHWC; CONV_2D filter [out, kh, kw, in];
 * DEPTHWISE_CONV_2D filter [1, kh, kw, out]; FULLY_CONNECTED weights [units, in].
 */

/** 'int4': TFLite INT4 (TensorType 17), two values a byte, low nibble first; constants only (weights). */
export type DType = 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'int16' | 'int8' | 'int4';

/** real = scale * (q - zeroPoint); per-tensor when scale has one entry, else per channel along quantizedDimension. */
export interface QuantParams {
  scale: number[];
  zeroPoint: number[];
  quantizedDimension: number;
  /** Calibrated float range (informational, written to the file as TFLite does). */
  min?: number[];
  max?: number[];
}

export interface GraphTensor {
  name: string;
  shape: number[];
  dtype: DType;
  /** Constant contents as little-endian bytes of `dtype`; undefined for activations and graph inputs. */
  data?: Uint8Array;
  quant?: QuantParams;
}

export type Activation = 'NONE' | 'RELU' | 'RELU6';
export type Padding = 'SAME' | 'VALID';

interface OpBase {
  /** Indices into Graph.tensors. */
  inputs: number[];
  outputs: number[];
}

export interface Conv2DOp extends OpBase {
  kind: 'CONV_2D';
  padding: Padding;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  activation: Activation;
}

export interface DepthwiseConv2DOp extends OpBase {
  kind: 'DEPTHWISE_CONV_2D';
  padding: Padding;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  depthMultiplier: number;
  activation: Activation;
}

export interface Pool2DOp extends OpBase {
  kind: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D';
  padding: Padding;
  strideH: number;
  strideW: number;
  filterH: number;
  filterW: number;
  activation: Activation;
}

export interface ReshapeOp extends OpBase {
  kind: 'RESHAPE';
  newShape: number[];
}

export interface FullyConnectedOp extends OpBase {
  kind: 'FULLY_CONNECTED';
  activation: Activation;
  keepNumDims: boolean;
  /** Hybrid (dynamic range) kernels: quantize inputs asymmetrically on the fly. */
  asymmetricQuantizeInputs: boolean;
}

export interface SoftmaxOp extends OpBase {
  kind: 'SOFTMAX';
  beta: number;
}

/** Elementwise a + b of two same-shape tensors; quantized, the output has its own params (TFLite ADD). */
export interface AddOp extends OpBase {
  kind: 'ADD';
  activation: Activation;
  /** int16 only: whether the scales are powers of two (TFLite's default); the lab writes false for 16x8. */
  potScaleInt16: boolean;
}

/** a - b of two same-shape tensors (TFLite SUB); quantized, the output has its own params. */
export interface SubOp extends OpBase {
  kind: 'SUB';
  activation: Activation;
  /** int16 only, as ADD: the lab writes false (general scales). */
  potScaleInt16: boolean;
}

/** Elementwise a * b of two same-shape tensors (TFLite MUL); quantized, the output has its own params. */
export interface MulOp extends OpBase {
  kind: 'MUL';
  activation: Activation;
}

/** Concatenation along `axis` (of the batched shape: 3 = channels of NHWC); quantized, inputs and output share params. */
export interface ConcatenationOp extends OpBase {
  kind: 'CONCATENATION';
  axis: number;
  activation: Activation;
}

/** Mean over the axes in the int32 constant inputs[1] (GlobalAveragePooling2D: [1, 2]). */
export interface MeanOp extends OpBase {
  kind: 'MEAN';
  keepDims: boolean;
}

/** Zero padding: inputs[1] is an int32 constant [rank, 2] of (before, after) per dimension; output params = input's. */
export interface PadOp extends OpBase {
  kind: 'PAD';
}

/** max(x, alpha * x) (TFLite LEAKY_RELU). */
export interface LeakyReluOp extends OpBase {
  kind: 'LEAKY_RELU';
  alpha: number;
}

/** Pointwise functions without options: sigmoid (LOGISTIC), tanh (TANH), x * relu6(x + 3) / 6 (HARD_SWISH). */
export interface UnaryOp extends OpBase {
  kind: 'LOGISTIC' | 'TANH' | 'HARD_SWISH';
}

export interface QuantizeOp extends OpBase {
  kind: 'QUANTIZE';
}

export interface DequantizeOp extends OpBase {
  kind: 'DEQUANTIZE';
}

export type GraphOp =
  | Conv2DOp
  | DepthwiseConv2DOp
  | Pool2DOp
  | ReshapeOp
  | FullyConnectedOp
  | SoftmaxOp
  | AddOp
  | SubOp
  | MulOp
  | ConcatenationOp
  | MeanOp
  | PadOp
  | LeakyReluOp
  | UnaryOp
  | QuantizeOp
  | DequantizeOp;

export type OpKind = GraphOp['kind'];

export interface GraphMetadata {
  name: string;
  data: Uint8Array;
}

/** A single-subgraph model, ops in execution order. */
export interface Graph {
  tensors: GraphTensor[];
  ops: GraphOp[];
  /** Tensor indices of the graph inputs and outputs (signature "serving_default"). */
  inputs: number[];
  outputs: number[];
  /** Model.description. */
  description: string;
  /** Model.metadata entries (e.g. min_runtime_version); the writer adds min_runtime_version when absent. */
  metadata: GraphMetadata[];
}

/** Bytes per element of each dtype (int4: half a byte; use dataByteLength for a tensor's bytes). */
export const DTYPE_BYTES: Record<DType, number> = {
  float32: 4,
  float16: 2,
  int32: 4,
  uint8: 1,
  int64: 8,
  int16: 2,
  int8: 1,
  int4: 0.5,
};

/** Bytes of a constant of `dtype` with `elements` values (int4 packs two a byte, rounded up). */
export function dataByteLength(dtype: DType, elements: number): number {
  return dtype === 'int4' ? Math.ceil(elements / 2) : elements * DTYPE_BYTES[dtype];
}

/** Packs int4 values (each in [-8, 7]) two a byte, low nibble first, as TFLite's INT4 tensors store them. */
export function packInt4(values: Int8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < -8 || v > 7) throw new RangeError(`packInt4: value ${v} at ${i} is outside [-8, 7]`);
    out[i >> 1] |= (v & 0x0f) << ((i & 1) * 4);
  }
  return out;
}

/** Unpacks `count` int4 values (low nibble first), sign-extended. */
export function unpackInt4(bytes: Uint8Array, count: number): Int8Array {
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const nibble = (bytes[i >> 1] >> ((i & 1) * 4)) & 0x0f;
    out[i] = nibble >= 8 ? nibble - 16 : nibble;
  }
  return out;
}

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Little-endian bytes of a typed array (a copy, so the graph owns its constants). */
export function toBytes(
  a: Float32Array | Int32Array | Int8Array | Int16Array | Uint8Array | Uint16Array | BigInt64Array,
): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

/** Reads a constant float32 tensor (a copy). Throws when the tensor is not a float32 constant. */
export function constFloat32(t: GraphTensor): Float32Array {
  if (!t.data || t.dtype !== 'float32') throw new Error(`tensor ${t.name} is not a float32 constant`);
  return new Float32Array(t.data.slice().buffer);
}
