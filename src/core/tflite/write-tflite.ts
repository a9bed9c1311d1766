/**
 * Serializes the lab's Graph as a .tflite FlatBuffer (schema version 3, identifier "TFL3") that TensorFlow's
 * runtime (LiteRT) loads, built on the `flatbuffers` runtime's Builder with field ids from schema.ts.
 *
 * Layout choices, all to keep files small and loadable:
 * - buffers[0] is the empty sentinel; each constant gets its own buffer, data aligned to 16 bytes
 *   (schema `force_align: 16`, which the JS Builder ignores, so we pass the alignment to startVector);
 *   activations point at buffer 0 and get no buffer of their own.
 * - one OperatorCode per builtin code, with the highest version its ops need (as UpdateOpVersion does),
 *   writing both deprecated_builtin_code (byte) and builtin_code (int32).
 * - no shape_signature, no empty quantization tables; one "serving_default" signature on subgraph 0;
 *   metadata "min_runtime_version" (16 zero-padded bytes) unless the graph carries one.
 */
import { Builder } from 'flatbuffers';
import type { Activation, Graph, GraphOp, GraphTensor, Padding, QuantParams } from '../graph/graph';
import { dataByteLength, shapeSize } from '../graph/graph';
import { DTYPE_TO_TENSOR_TYPE } from './dtypes';
import { minRuntimeVersion, OP_CODE, opVersion } from './op-version';
import {
  ACTIVATION_NAMES,
  BUFFER_ALIGNMENT,
  BuiltinOperator,
  BuiltinOptions,
  Conv2DOptionsField,
  DEFAULT_SIGNATURE_KEY,
  DepthwiseConv2DOptionsField,
  FILE_IDENTIFIER,
  FullyConnectedOptionsField,
  MetadataField,
  MIN_RUNTIME_VERSION_BYTES,
  MIN_RUNTIME_VERSION_KEY,
  ModelField,
  OperatorCodeField,
  OperatorField,
  PADDING_NAMES,
  Pool2DOptionsField,
  QuantizationField,
  ReshapeOptionsField,
  SCHEMA_VERSION,
  SignatureDefField,
  SoftmaxOptionsField,
  SubGraphField,
  TensorField,
  TensorMapField,
} from './schema';

export { opVersion, minRuntimeVersion } from './op-version';

type Offset = number;

/** Throws a plain Error when the graph cannot be written (a bug upstream of the writer, not a file problem). */
function checkGraph(graph: Graph): void {
  const n = graph.tensors.length;
  const checkIndex = (i: number, where: string, optional: boolean): void => {
    if (!Number.isInteger(i) || i >= n || i < (optional ? -1 : 0)) {
      throw new Error(`writeTflite: ${where} refers to tensor ${i} but the graph has ${n}`);
    }
  };
  graph.inputs.forEach((i) => checkIndex(i, 'graph input', false));
  graph.outputs.forEach((i) => checkIndex(i, 'graph output', false));
  graph.ops.forEach((op, k) => {
    op.inputs.forEach((i) => checkIndex(i, `op ${k} (${op.kind}) input`, true));
    op.outputs.forEach((i) => checkIndex(i, `op ${k} (${op.kind}) output`, false));
  });
  for (const t of graph.tensors) {
    if (t.data && t.data.length !== dataByteLength(t.dtype, shapeSize(t.shape))) {
      throw new Error(
        `writeTflite: tensor ${t.name} has ${t.data.length} bytes, shape [${t.shape}] ${t.dtype} needs ` +
          `${dataByteLength(t.dtype, shapeSize(t.shape))}`,
      );
    }
  }
}

function int32Vector(b: Builder, values: readonly number[]): Offset {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]!);
  return b.endVector();
}

function float32Vector(b: Builder, values: readonly number[]): Offset {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
  return b.endVector();
}

function int64Vector(b: Builder, values: readonly number[]): Offset {
  b.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) b.addInt64(BigInt(Math.round(values[i]!)));
  return b.endVector();
}

function offsetVector(b: Builder, offsets: readonly Offset[]): Offset {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
  return b.endVector();
}

/** A `[ubyte] (force_align: 16)` vector. */
function alignedBytes(b: Builder, data: Uint8Array): Offset {
  b.startVector(1, data.length, BUFFER_ALIGNMENT);
  for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]!);
  return b.endVector();
}

function bufferTable(b: Builder, data: Uint8Array | null): Offset {
  const dataOffset = data ? alignedBytes(b, data) : 0;
  b.startObject(1);
  if (dataOffset) b.addFieldOffset(0, dataOffset, 0);
  return b.endObject();
}

function quantTable(b: Builder, q: QuantParams): Offset {
  const min = q.min ? float32Vector(b, q.min) : 0;
  const max = q.max ? float32Vector(b, q.max) : 0;
  const scale = float32Vector(b, q.scale);
  const zeroPoint = int64Vector(b, q.zeroPoint);
  b.startObject(QuantizationField.quantized_dimension + 1);
  if (min) b.addFieldOffset(QuantizationField.min, min, 0);
  if (max) b.addFieldOffset(QuantizationField.max, max, 0);
  b.addFieldOffset(QuantizationField.scale, scale, 0);
  b.addFieldOffset(QuantizationField.zero_point, zeroPoint, 0);
  b.addFieldInt32(QuantizationField.quantized_dimension, q.quantizedDimension, 0);
  return b.endObject();
}

function tensorTable(b: Builder, t: GraphTensor, buffer: number): Offset {
  const shape = int32Vector(b, t.shape);
  const name = b.createString(t.name);
  const quant = t.quant ? quantTable(b, t.quant) : 0;
  b.startObject(TensorField.quantization + 1);
  b.addFieldOffset(TensorField.shape, shape, 0);
  b.addFieldInt8(TensorField.type, DTYPE_TO_TENSOR_TYPE[t.dtype], 0);
  b.addFieldInt32(TensorField.buffer, buffer, 0);
  b.addFieldOffset(TensorField.name, name, 0);
  if (quant) b.addFieldOffset(TensorField.quantization, quant, 0);
  return b.endObject();
}

const padding = (p: Padding): number => PADDING_NAMES.indexOf(p);
const activation = (a: Activation): number => ACTIVATION_NAMES.indexOf(a);

/** Writes the op's builtin options table; returns its union type id and offset. */
function optionsTable(b: Builder, op: GraphOp): [number, Offset] {
  switch (op.kind) {
    case 'CONV_2D': {
      const f = Conv2DOptionsField;
      b.startObject(f.dilation_h_factor + 1);
      b.addFieldInt8(f.padding, padding(op.padding), 0);
      b.addFieldInt32(f.stride_w, op.strideW, 0);
      b.addFieldInt32(f.stride_h, op.strideH, 0);
      b.addFieldInt8(f.fused_activation_function, activation(op.activation), 0);
      b.addFieldInt32(f.dilation_w_factor, op.dilationW, 1);
      b.addFieldInt32(f.dilation_h_factor, op.dilationH, 1);
      return [BuiltinOptions.Conv2DOptions, b.endObject()];
    }
    case 'DEPTHWISE_CONV_2D': {
      const f = DepthwiseConv2DOptionsField;
      b.startObject(f.dilation_h_factor + 1);
      b.addFieldInt8(f.padding, padding(op.padding), 0);
      b.addFieldInt32(f.stride_w, op.strideW, 0);
      b.addFieldInt32(f.stride_h, op.strideH, 0);
      b.addFieldInt32(f.depth_multiplier, op.depthMultiplier, 0);
      b.addFieldInt8(f.fused_activation_function, activation(op.activation), 0);
      b.addFieldInt32(f.dilation_w_factor, op.dilationW, 1);
      b.addFieldInt32(f.dilation_h_factor, op.dilationH, 1);
      return [BuiltinOptions.DepthwiseConv2DOptions, b.endObject()];
    }
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D': {
      const f = Pool2DOptionsField;
      b.startObject(f.fused_activation_function + 1);
      b.addFieldInt8(f.padding, padding(op.padding), 0);
      b.addFieldInt32(f.stride_w, op.strideW, 0);
      b.addFieldInt32(f.stride_h, op.strideH, 0);
      b.addFieldInt32(f.filter_width, op.filterW, 0);
      b.addFieldInt32(f.filter_height, op.filterH, 0);
      b.addFieldInt8(f.fused_activation_function, activation(op.activation), 0);
      return [BuiltinOptions.Pool2DOptions, b.endObject()];
    }
    case 'RESHAPE': {
      const newShape = int32Vector(b, op.newShape);
      b.startObject(ReshapeOptionsField.new_shape + 1);
      b.addFieldOffset(ReshapeOptionsField.new_shape, newShape, 0);
      return [BuiltinOptions.ReshapeOptions, b.endObject()];
    }
    case 'FULLY_CONNECTED': {
      const f = FullyConnectedOptionsField;
      b.startObject(f.asymmetric_quantize_inputs + 1);
      b.addFieldInt8(f.fused_activation_function, activation(op.activation), 0);
      b.addFieldInt8(f.keep_num_dims, op.keepNumDims ? 1 : 0, 0);
      b.addFieldInt8(f.asymmetric_quantize_inputs, op.asymmetricQuantizeInputs ? 1 : 0, 0);
      return [BuiltinOptions.FullyConnectedOptions, b.endObject()];
    }
    case 'SOFTMAX':
      b.startObject(SoftmaxOptionsField.beta + 1);
      b.addFieldFloat32(SoftmaxOptionsField.beta, op.beta, 0);
      return [BuiltinOptions.SoftmaxOptions, b.endObject()];
    case 'QUANTIZE':
      b.startObject(0);
      return [BuiltinOptions.QuantizeOptions, b.endObject()];
    case 'DEQUANTIZE':
      b.startObject(0);
      return [BuiltinOptions.DequantizeOptions, b.endObject()];
  }
}

function tensorMaps(b: Builder, graph: Graph, indices: readonly number[]): Offset {
  const maps = indices.map((i) => {
    const name = b.createString(graph.tensors[i]!.name);
    b.startObject(TensorMapField.tensor_index + 1);
    b.addFieldOffset(TensorMapField.name, name, 0);
    b.addFieldInt32(TensorMapField.tensor_index, i, 0);
    return b.endObject();
  });
  return offsetVector(b, maps);
}

/** The 16-byte zero-padded text the converter stores for min_runtime_version. */
function runtimeVersionBytes(version: string): Uint8Array {
  const out = new Uint8Array(MIN_RUNTIME_VERSION_BYTES);
  for (let i = 0; i < version.length && i < MIN_RUNTIME_VERSION_BYTES - 1; i++) out[i] = version.charCodeAt(i);
  return out;
}

/**
 * Serializes a single-subgraph Graph to .tflite bytes.
 * Tensors keep their order and names; ops keep execution order; `inputs`/`outputs` become the subgraph's
 * and the "serving_default" signature's (aliased by tensor name). An op input of -1 means "omitted".
 */
export function writeTflite(graph: Graph): Uint8Array {
  checkGraph(graph);
  // Size the initial buffer to the constants so the Builder rarely has to grow and copy.
  const constBytes = graph.tensors.reduce((s, t) => s + (t.data ? t.data.length + BUFFER_ALIGNMENT : 0), 0);
  const b = new Builder(constBytes + 4096 + 256 * graph.tensors.length);

  // Buffers: sentinel, one per constant tensor, then metadata.
  const bufferOffsets: Offset[] = [bufferTable(b, null)];
  const tensorBuffer = graph.tensors.map((t) => {
    if (!t.data) return 0;
    bufferOffsets.push(bufferTable(b, t.data));
    return bufferOffsets.length - 1;
  });
  const metadata = graph.metadata.some((m) => m.name === MIN_RUNTIME_VERSION_KEY)
    ? graph.metadata
    : [...graph.metadata, { name: MIN_RUNTIME_VERSION_KEY, data: runtimeVersionBytes(minRuntimeVersion(graph)) }];
  const metadataOffsets = metadata.map((m) => {
    bufferOffsets.push(bufferTable(b, m.data));
    const bufferIndex = bufferOffsets.length - 1;
    const name = b.createString(m.name);
    b.startObject(MetadataField.buffer + 1);
    b.addFieldOffset(MetadataField.name, name, 0);
    b.addFieldInt32(MetadataField.buffer, bufferIndex, 0);
    return b.endObject();
  });

  // Operator codes: one per builtin code, highest version wins.
  const codes: number[] = [];
  const versions: number[] = [];
  const opcodeIndex = graph.ops.map((op) => {
    const code = OP_CODE[op.kind];
    let k = codes.indexOf(code);
    if (k < 0) {
      k = codes.push(code) - 1;
      versions.push(1);
    }
    versions[k] = Math.max(versions[k]!, opVersion(op, graph));
    return k;
  });
  const opcodeOffsets = codes.map((code, k) => {
    b.startObject(OperatorCodeField.builtin_code + 1);
    b.addFieldInt8(
      OperatorCodeField.deprecated_builtin_code,
      Math.min(code, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES),
      0,
    );
    b.addFieldInt32(OperatorCodeField.version, versions[k]!, 1);
    b.addFieldInt32(OperatorCodeField.builtin_code, code, 0);
    return b.endObject();
  });

  const tensorOffsets = graph.tensors.map((t, i) => tensorTable(b, t, tensorBuffer[i]!));
  const operatorOffsets = graph.ops.map((op, k) => {
    const inputs = int32Vector(b, op.inputs);
    const outputs = int32Vector(b, op.outputs);
    const [optionsType, options] = optionsTable(b, op);
    b.startObject(OperatorField.builtin_options + 1);
    b.addFieldInt32(OperatorField.opcode_index, opcodeIndex[k]!, 0);
    b.addFieldOffset(OperatorField.inputs, inputs, 0);
    b.addFieldOffset(OperatorField.outputs, outputs, 0);
    b.addFieldInt8(OperatorField.builtin_options_type, optionsType, 0);
    b.addFieldOffset(OperatorField.builtin_options, options, 0);
    return b.endObject();
  });

  const tensors = offsetVector(b, tensorOffsets);
  const inputs = int32Vector(b, graph.inputs);
  const outputs = int32Vector(b, graph.outputs);
  const operators = offsetVector(b, operatorOffsets);
  const subgraphName = b.createString('main');
  b.startObject(SubGraphField.name + 1);
  b.addFieldOffset(SubGraphField.tensors, tensors, 0);
  b.addFieldOffset(SubGraphField.inputs, inputs, 0);
  b.addFieldOffset(SubGraphField.outputs, outputs, 0);
  b.addFieldOffset(SubGraphField.operators, operators, 0);
  b.addFieldOffset(SubGraphField.name, subgraphName, 0);
  const subgraph = b.endObject();

  const sigInputs = tensorMaps(b, graph, graph.inputs);
  const sigOutputs = tensorMaps(b, graph, graph.outputs);
  const sigKey = b.createString(DEFAULT_SIGNATURE_KEY);
  b.startObject(SignatureDefField.subgraph_index + 1);
  b.addFieldOffset(SignatureDefField.inputs, sigInputs, 0);
  b.addFieldOffset(SignatureDefField.outputs, sigOutputs, 0);
  b.addFieldOffset(SignatureDefField.signature_key, sigKey, 0);
  b.addFieldInt32(SignatureDefField.subgraph_index, 0, 0);
  const signature = b.endObject();

  const operatorCodes = offsetVector(b, opcodeOffsets);
  const subgraphs = offsetVector(b, [subgraph]);
  const description = b.createString(graph.description);
  const buffers = offsetVector(b, bufferOffsets);
  const metadataVector = offsetVector(b, metadataOffsets);
  const signatureDefs = offsetVector(b, [signature]);
  b.startObject(ModelField.signature_defs + 1);
  b.addFieldInt32(ModelField.version, SCHEMA_VERSION, 0);
  b.addFieldOffset(ModelField.operator_codes, operatorCodes, 0);
  b.addFieldOffset(ModelField.subgraphs, subgraphs, 0);
  b.addFieldOffset(ModelField.description, description, 0);
  b.addFieldOffset(ModelField.buffers, buffers, 0);
  b.addFieldOffset(ModelField.metadata, metadataVector, 0);
  b.addFieldOffset(ModelField.signature_defs, signatureDefs, 0);
  b.finish(b.endObject(), FILE_IDENTIFIER);
  return b.asUint8Array().slice();
}
