/**
 * Strict .tflite reader: gives back the lab's Graph for files that use only the lab's ops and dtypes in one
 * subgraph (what writeTflite produces), and throws TfliteFormatError for anything else. Built on the lenient
 * inspector, so both share one bounds-checked decoding path.
 */
import type { Activation, Graph, GraphOp, GraphTensor, OpKind, Padding, QuantParams } from '../graph/graph';
import { dataByteLength, shapeSize } from '../graph/graph';
import { TfliteFormatError } from './errors';
import {
  constantValues,
  guarded,
  inspectTflite,
  type TfliteModelInfo,
  type TfliteOpInfo,
  type TfliteOptionValue,
  type TfliteTensorInfo,
} from './inspect-tflite';

export { TfliteFormatError } from './errors';
export {
  constantValues,
  inspectTflite,
  type TfliteBufferInfo,
  type TfliteMetadataInfo,
  type TfliteModelInfo,
  type TfliteOperatorCodeInfo,
  type TfliteOpInfo,
  type TfliteOptionValue,
  type TfliteQuantInfo,
  type TfliteSignatureInfo,
  type TfliteSubgraphInfo,
  type TfliteTensorInfo,
} from './inspect-tflite';

const LAB_OPS: readonly OpKind[] = [
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'MAX_POOL_2D',
  'AVERAGE_POOL_2D',
  'RESHAPE',
  'FULLY_CONNECTED',
  'SOFTMAX',
  'QUANTIZE',
  'DEQUANTIZE',
];

/** Typed access to one op's decoded options; every missing or mistyped field is a format error. */
class Options {
  constructor(
    private readonly values: Record<string, TfliteOptionValue>,
    private readonly context: string,
  ) {}

  private get(key: string): TfliteOptionValue {
    const v = this.values[key];
    if (v === undefined) throw new TfliteFormatError(`missing option ${key}`, this.context);
    return v;
  }

  num(key: string): number {
    const v = this.get(key);
    if (typeof v !== 'number') throw new TfliteFormatError(`option ${key} is not a number`, this.context);
    return v;
  }

  bool(key: string): boolean {
    const v = this.get(key);
    if (typeof v !== 'boolean') throw new TfliteFormatError(`option ${key} is not a boolean`, this.context);
    return v;
  }

  ints(key: string): number[] {
    const v = this.get(key);
    if (!Array.isArray(v)) throw new TfliteFormatError(`option ${key} is not a list`, this.context);
    return v;
  }

  padding(): Padding {
    const v = this.get('padding');
    if (v !== 'SAME' && v !== 'VALID') throw new TfliteFormatError(`unsupported padding ${String(v)}`, this.context);
    return v;
  }

  activation(): Activation {
    const v = this.get('fused_activation_function');
    if (v !== 'NONE' && v !== 'RELU' && v !== 'RELU6') {
      throw new TfliteFormatError(`unsupported fused activation ${String(v)}`, this.context);
    }
    return v;
  }
}

const EXPECTED_OPTIONS: Record<OpKind, string> = {
  CONV_2D: 'Conv2DOptions',
  DEPTHWISE_CONV_2D: 'DepthwiseConv2DOptions',
  MAX_POOL_2D: 'Pool2DOptions',
  AVERAGE_POOL_2D: 'Pool2DOptions',
  RESHAPE: 'ReshapeOptions',
  FULLY_CONNECTED: 'FullyConnectedOptions',
  SOFTMAX: 'SoftmaxOptions',
  QUANTIZE: 'QuantizeOptions',
  DEQUANTIZE: 'DequantizeOptions',
};

/** Defaults a reader applies when an op carries no options table (what the runtime does too). */
const DEFAULT_OPTIONS: Record<string, Record<string, TfliteOptionValue>> = {
  Conv2DOptions: {
    padding: 'SAME',
    stride_w: 0,
    stride_h: 0,
    fused_activation_function: 'NONE',
    dilation_w_factor: 1,
    dilation_h_factor: 1,
  },
  DepthwiseConv2DOptions: {
    padding: 'SAME',
    stride_w: 0,
    stride_h: 0,
    depth_multiplier: 0,
    fused_activation_function: 'NONE',
    dilation_w_factor: 1,
    dilation_h_factor: 1,
  },
  Pool2DOptions: {
    padding: 'SAME',
    stride_w: 0,
    stride_h: 0,
    filter_width: 0,
    filter_height: 0,
    fused_activation_function: 'NONE',
  },
  FullyConnectedOptions: {
    fused_activation_function: 'NONE',
    weights_format: 'DEFAULT',
    keep_num_dims: false,
    asymmetric_quantize_inputs: false,
  },
  SoftmaxOptions: { beta: 0 },
  ReshapeOptions: { new_shape: [] },
  QuantizeOptions: {},
  DequantizeOptions: {},
};

function toGraphOp(op: TfliteOpInfo, context: string): GraphOp {
  const kind = op.opName as OpKind;
  if (!LAB_OPS.includes(kind)) throw new TfliteFormatError(`unsupported operator ${op.opName}`, context);
  const expected = EXPECTED_OPTIONS[kind];
  if (op.optionsType !== 'NONE' && op.optionsType !== expected) {
    throw new TfliteFormatError(`${kind} carries ${op.optionsType}, expected ${expected}`, context);
  }
  const o = new Options(op.options ?? DEFAULT_OPTIONS[expected]!, context);
  const io = { inputs: op.inputs, outputs: op.outputs };
  switch (kind) {
    case 'CONV_2D':
      return {
        kind,
        ...io,
        padding: o.padding(),
        strideH: o.num('stride_h'),
        strideW: o.num('stride_w'),
        dilationH: o.num('dilation_h_factor'),
        dilationW: o.num('dilation_w_factor'),
        activation: o.activation(),
      };
    case 'DEPTHWISE_CONV_2D':
      return {
        kind,
        ...io,
        padding: o.padding(),
        strideH: o.num('stride_h'),
        strideW: o.num('stride_w'),
        dilationH: o.num('dilation_h_factor'),
        dilationW: o.num('dilation_w_factor'),
        depthMultiplier: o.num('depth_multiplier'),
        activation: o.activation(),
      };
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return {
        kind,
        ...io,
        padding: o.padding(),
        strideH: o.num('stride_h'),
        strideW: o.num('stride_w'),
        filterH: o.num('filter_height'),
        filterW: o.num('filter_width'),
        activation: o.activation(),
      };
    case 'RESHAPE':
      return { kind, ...io, newShape: o.ints('new_shape') };
    case 'FULLY_CONNECTED':
      if (op.options && op.options['weights_format'] !== 'DEFAULT') {
        throw new TfliteFormatError(`unsupported weights_format ${String(op.options['weights_format'])}`, context);
      }
      return {
        kind,
        ...io,
        activation: o.activation(),
        keepNumDims: o.bool('keep_num_dims'),
        asymmetricQuantizeInputs: o.bool('asymmetric_quantize_inputs'),
      };
    case 'SOFTMAX':
      return { kind, ...io, beta: o.num('beta') };
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      return { kind, ...io };
  }
}

function toGraphTensor(bytes: Uint8Array, t: TfliteTensorInfo, context: string): GraphTensor {
  if (!t.dtype) throw new TfliteFormatError(`unsupported tensor type ${t.type}`, context);
  for (const d of t.shape) {
    if (d < 0) throw new TfliteFormatError(`dynamic or negative dimension in shape [${t.shape}]`, context);
  }
  const tensor: GraphTensor = { name: t.name, shape: t.shape, dtype: t.dtype };
  if (t.dataOffset >= 0) {
    const expected = dataByteLength(t.dtype, shapeSize(t.shape));
    if (expected !== t.byteLength) {
      throw new TfliteFormatError(
        `buffer ${t.buffer} has ${t.byteLength} bytes but shape [${t.shape}] ${t.dtype} needs ${expected}`,
        context,
      );
    }
    tensor.data = bytes.slice(t.dataOffset, t.dataOffset + t.byteLength);
  }
  if (t.quant) tensor.quant = toQuant(t, context);
  return tensor;
}

function toQuant(t: TfliteTensorInfo, context: string): QuantParams {
  const q = t.quant!;
  if (q.scale.length !== q.zeroPoint.length) {
    throw new TfliteFormatError(`${q.scale.length} scales but ${q.zeroPoint.length} zero points`, context);
  }
  if (q.scale.length > 1 && !(q.quantizedDimension >= 0 && q.quantizedDimension < t.shape.length)) {
    throw new TfliteFormatError(`quantized_dimension ${q.quantizedDimension} outside rank ${t.shape.length}`, context);
  }
  if (q.scale.length > 1 && q.scale.length !== t.shape[q.quantizedDimension]) {
    throw new TfliteFormatError(
      `${q.scale.length} scales for dimension ${q.quantizedDimension} of size ${t.shape[q.quantizedDimension]}`,
      context,
    );
  }
  const out: QuantParams = { scale: q.scale, zeroPoint: q.zeroPoint, quantizedDimension: q.quantizedDimension };
  if (q.min) out.min = q.min;
  if (q.max) out.max = q.max;
  return out;
}

function toGraph(bytes: Uint8Array, info: TfliteModelInfo): Graph {
  if (info.version !== 3) throw new TfliteFormatError(`unsupported schema version ${info.version}`);
  if (info.subgraphs.length !== 1) {
    throw new TfliteFormatError(`the model has ${info.subgraphs.length} subgraphs; the lab reads exactly one`);
  }
  if (info.buffers.length === 0 || info.buffers[0]!.size !== 0) {
    throw new TfliteFormatError('buffers[0] must exist and be empty');
  }
  const sg = info.subgraphs[0]!;
  const n = sg.tensors.length;
  const checkIndex = (i: number, optional: boolean, context: string): void => {
    if (i >= n || i < (optional ? -1 : 0)) {
      throw new TfliteFormatError(`tensor index ${i} out of range (the subgraph has ${n})`, context);
    }
  };
  sg.inputs.forEach((i) => checkIndex(i, false, 'subgraph inputs'));
  sg.outputs.forEach((i) => checkIndex(i, false, 'subgraph outputs'));
  const ops = sg.ops.map((op) => {
    const context = `operators[${op.index}]`;
    op.inputs.forEach((i) => checkIndex(i, true, context));
    op.outputs.forEach((i) => checkIndex(i, false, context));
    return toGraphOp(op, context);
  });
  for (const b of info.buffers) {
    if (b.offset >= 0 && b.offset + b.size > bytes.length) {
      throw new TfliteFormatError(`buffer ${b.index} declares ${b.size} bytes but the file has ${bytes.length}`);
    }
  }
  // Tensors may share a buffer; cap the bytes copied so a small file cannot make us allocate without limit.
  let copyBudget = 4 * bytes.length;
  const tensors = sg.tensors.map((t) => {
    copyBudget -= t.byteLength;
    if (copyBudget < 0)
      throw new TfliteFormatError('tensors share buffers far beyond the file size', `tensors[${t.index}]`);
    return toGraphTensor(bytes, t, `tensors[${t.index}]`);
  });
  const metadata = info.metadata.map((m) => {
    const b = info.buffers[m.buffer];
    if (!b) throw new TfliteFormatError(`metadata ${m.name} refers to missing buffer ${m.buffer}`);
    return { name: m.name, data: b.offset >= 0 ? bytes.slice(b.offset, b.offset + b.size) : new Uint8Array(0) };
  });
  return { tensors, ops, inputs: sg.inputs, outputs: sg.outputs, description: info.description, metadata };
}

/**
 * Reads a .tflite file written for the lab back into a Graph. Throws TfliteFormatError (and nothing else)
 * for malformed files and for files using operators, dtypes or options the lab does not model.
 */
export function readTflite(bytes: Uint8Array): Graph {
  const info = inspectTflite(bytes);
  return guarded(() => toGraph(bytes, info));
}

/** Convenience for the inspector: a constant tensor's values by subgraph and tensor index (null if none). */
export function tensorValues(
  bytes: Uint8Array,
  info: TfliteModelInfo,
  subgraph: number,
  tensor: number,
  dequantize = false,
): Float64Array | null {
  const t = info.subgraphs[subgraph]?.tensors[tensor];
  return t ? guarded(() => constantValues(bytes, t, { dequantize })) : null;
}
