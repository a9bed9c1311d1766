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
import type { Graph, GraphMetadata, GraphOp, GraphTensor, QuantParams } from '../graph/graph';
import { dataByteLength, shapeSize } from '../graph/graph';
import { DTYPE_TO_TENSOR_TYPE } from './dtypes';
import { minRuntimeVersion, opVersion } from './op-version';
import { builtinCodeOf, LAB_OP_OPTIONS, type OptionTable, type TfliteOptionValue } from './op-options';
import {
  BUFFER_ALIGNMENT,
  BuiltinOperator,
  DEFAULT_SIGNATURE_KEY,
  FILE_IDENTIFIER,
  MetadataField,
  MIN_RUNTIME_VERSION_BYTES,
  MIN_RUNTIME_VERSION_KEY,
  ModelField,
  OperatorCodeField,
  OperatorField,
  QuantizationField,
  SCHEMA_VERSION,
  SignatureDefField,
  SubGraphField,
  TensorField,
  TensorMapField,
} from './schema';

export { opVersion, minRuntimeVersion } from './op-version';

type Offset = number;

/** A tensor as written: the lab's tensor, plus an optional shape_signature (-1 marks a dynamic dimension). */
export interface TfliteTensorSpec extends GraphTensor {
  shapeSignature?: number[];
}

/** An operator as written: a schema op name ("CUSTOM" with `customCode` for custom ops), options by schema names. */
export interface TfliteOpSpec {
  opName: string;
  customCode?: string;
  /** OperatorCode.version (the highest among ops sharing a code is written). */
  version: number;
  inputs: number[];
  outputs: number[];
  options?: { table: OptionTable; values: Readonly<Record<string, TfliteOptionValue>> };
  /** Operator.custom_options (opaque bytes, e.g. an Edge TPU program). */
  customOptions?: Uint8Array;
}

/** Any single-subgraph model the writer can serialize; `writeTflite` builds one from the lab's Graph. */
export interface TfliteModelSpec {
  tensors: TfliteTensorSpec[];
  ops: TfliteOpSpec[];
  inputs: number[];
  outputs: number[];
  description: string;
  metadata: GraphMetadata[];
  /** Write the "serving_default" signature (default true; older converters wrote none). */
  signature?: boolean;
}

/** Throws a plain Error when the graph cannot be written (a bug upstream of the writer, not a file problem). */
function checkGraph(graph: TfliteModelSpec): void {
  const n = graph.tensors.length;
  const checkIndex = (i: number, where: string, optional: boolean): void => {
    if (!Number.isInteger(i) || i >= n || i < (optional ? -1 : 0)) {
      throw new Error(`writeTflite: ${where} refers to tensor ${i} but the graph has ${n}`);
    }
  };
  graph.inputs.forEach((i) => checkIndex(i, 'graph input', false));
  graph.outputs.forEach((i) => checkIndex(i, 'graph output', false));
  graph.ops.forEach((op, k) => {
    op.inputs.forEach((i) => checkIndex(i, `op ${k} (${op.opName}) input`, true));
    op.outputs.forEach((i) => checkIndex(i, `op ${k} (${op.opName}) output`, false));
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

function tensorTable(b: Builder, t: TfliteTensorSpec, buffer: number): Offset {
  const shape = int32Vector(b, t.shape);
  const name = b.createString(t.name);
  const quant = t.quant ? quantTable(b, t.quant) : 0;
  const signature = t.shapeSignature ? int32Vector(b, t.shapeSignature) : 0;
  b.startObject(TensorField.shape_signature + 1);
  b.addFieldOffset(TensorField.shape, shape, 0);
  b.addFieldInt8(TensorField.type, DTYPE_TO_TENSOR_TYPE[t.dtype], 0);
  b.addFieldInt32(TensorField.buffer, buffer, 0);
  b.addFieldOffset(TensorField.name, name, 0);
  if (quant) b.addFieldOffset(TensorField.quantization, quant, 0);
  if (signature) b.addFieldOffset(TensorField.shape_signature, signature, 0);
  return b.endObject();
}

/** Writes an options table from decoded values (enum names, numbers, lists); absent fields take the schema default. */
function optionsTable(b: Builder, table: OptionTable, values: Readonly<Record<string, TfliteOptionValue>>): Offset {
  // Vectors first: a table cannot be open while a vector is built.
  const vectors = new Map<number, Offset>();
  for (const f of table.fields) {
    const v = values[f.name];
    if (f.type === 'ints' && Array.isArray(v)) vectors.set(f.id, int32Vector(b, v));
  }
  b.startObject(table.fields.reduce((n, f) => Math.max(n, f.id + 1), 0));
  for (const f of table.fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (f.type === 'ints') {
      if (vectors.has(f.id)) b.addFieldOffset(f.id, vectors.get(f.id)!, 0);
    } else if (f.type === 'enum') {
      const id = typeof v === 'number' ? v : (f.names ?? []).indexOf(String(v));
      if (id < 0) throw new Error(`writeTflite: ${table.name}.${f.name} has no value ${String(v)}`);
      b.addFieldInt8(f.id, id, f.default as number);
    } else if (f.type === 'bool') b.addFieldInt8(f.id, v ? 1 : 0, f.default ? 1 : 0);
    else if (f.type === 'byte') b.addFieldInt8(f.id, Number(v), f.default as number);
    else if (f.type === 'float') b.addFieldFloat32(f.id, Number(v), f.default as number);
    else b.addFieldInt32(f.id, Number(v), f.default as number);
  }
  return b.endObject();
}

function tensorMaps(b: Builder, graph: TfliteModelSpec, indices: readonly number[]): Offset {
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

/** The lab op as the writer's spec: its options table filled from the IR fields declared in op-options.ts. */
function labOpSpec(op: GraphOp, graph: Graph): TfliteOpSpec {
  const decl = LAB_OP_OPTIONS[op.kind];
  const ir = op as unknown as Record<string, TfliteOptionValue>;
  const values = Object.fromEntries(Object.entries(decl.fields).map(([key, field]) => [field, ir[key]!]));
  return {
    opName: op.kind,
    version: opVersion(op, graph),
    inputs: op.inputs,
    outputs: op.outputs,
    ...(decl.table && { options: { table: decl.table, values } }),
  };
}

/**
 * Serializes a single-subgraph Graph to .tflite bytes.
 * Tensors keep their order and names; ops keep execution order; `inputs`/`outputs` become the subgraph's
 * and the "serving_default" signature's (aliased by tensor name). An op input of -1 means "omitted".
 */
export function writeTflite(graph: Graph): Uint8Array {
  const metadata = graph.metadata.some((m) => m.name === MIN_RUNTIME_VERSION_KEY)
    ? graph.metadata
    : [...graph.metadata, { name: MIN_RUNTIME_VERSION_KEY, data: runtimeVersionBytes(minRuntimeVersion(graph)) }];
  const ops = graph.ops.map((op) => labOpSpec(op, graph));
  return writeTfliteModel({ ...graph, ops, metadata });
}

/**
 * Serializes any single-subgraph model spec (the lab's graphs, and test fixtures in the shapes TensorFlow's
 * converter writes: converter ops, custom ops, shape signatures). Metadata is written as given.
 */
export function writeTfliteModel(model: TfliteModelSpec): Uint8Array {
  checkGraph(model);
  // Size the initial buffer to the constants so the Builder rarely has to grow and copy.
  const constBytes = model.tensors.reduce((s, t) => s + (t.data ? t.data.length + BUFFER_ALIGNMENT : 0), 0);
  const b = new Builder(constBytes + 4096 + 256 * model.tensors.length);

  // Buffers: sentinel, one per constant tensor, then metadata.
  const bufferOffsets: Offset[] = [bufferTable(b, null)];
  const tensorBuffer = model.tensors.map((t) => {
    if (!t.data) return 0;
    bufferOffsets.push(bufferTable(b, t.data));
    return bufferOffsets.length - 1;
  });
  const metadataOffsets = model.metadata.map((m) => {
    bufferOffsets.push(bufferTable(b, m.data));
    const bufferIndex = bufferOffsets.length - 1;
    const name = b.createString(m.name);
    b.startObject(MetadataField.buffer + 1);
    b.addFieldOffset(MetadataField.name, name, 0);
    b.addFieldInt32(MetadataField.buffer, bufferIndex, 0);
    return b.endObject();
  });
  const { opcodeOffsets, opcodeIndex } = operatorCodes(b, model.ops);
  const tensorOffsets = model.tensors.map((t, i) => tensorTable(b, t, tensorBuffer[i]!));
  const operatorOffsets = model.ops.map((op, k) => operatorTable(b, op, opcodeIndex[k]!));
  const subgraph = subgraphTable(b, model, tensorOffsets, operatorOffsets);
  const signature = model.signature === false ? 0 : signatureTable(b, model);

  const operatorCodesVector = offsetVector(b, opcodeOffsets);
  const subgraphs = offsetVector(b, [subgraph]);
  const description = b.createString(model.description);
  const buffers = offsetVector(b, bufferOffsets);
  const metadataVector = offsetVector(b, metadataOffsets);
  const signatureDefs = offsetVector(b, signature ? [signature] : []);
  b.startObject(ModelField.signature_defs + 1);
  b.addFieldInt32(ModelField.version, SCHEMA_VERSION, 0);
  b.addFieldOffset(ModelField.operator_codes, operatorCodesVector, 0);
  b.addFieldOffset(ModelField.subgraphs, subgraphs, 0);
  b.addFieldOffset(ModelField.description, description, 0);
  b.addFieldOffset(ModelField.buffers, buffers, 0);
  b.addFieldOffset(ModelField.metadata, metadataVector, 0);
  if (signature) b.addFieldOffset(ModelField.signature_defs, signatureDefs, 0);
  b.finish(b.endObject(), FILE_IDENTIFIER);
  return b.asUint8Array().slice();
}

/** One OperatorCode per (builtin code, custom code), with the highest version its ops need (as UpdateOpVersion does). */
function operatorCodes(b: Builder, ops: readonly TfliteOpSpec[]): { opcodeOffsets: Offset[]; opcodeIndex: number[] } {
  const keys: string[] = [];
  const entries: { code: number; customCode?: string; version: number }[] = [];
  const opcodeIndex = ops.map((op) => {
    const code = builtinCodeOf(op.opName);
    if (code < 0) throw new Error(`writeTflite: unknown operator ${op.opName}`);
    const key = `${code}:${op.customCode ?? ''}`;
    let k = keys.indexOf(key);
    if (k < 0) {
      k = keys.push(key) - 1;
      entries.push({ code, customCode: op.customCode, version: 1 });
    }
    entries[k]!.version = Math.max(entries[k]!.version, op.version);
    return k;
  });
  const opcodeOffsets = entries.map(({ code, customCode, version }) => {
    const custom = customCode !== undefined ? b.createString(customCode) : 0;
    b.startObject(OperatorCodeField.builtin_code + 1);
    b.addFieldInt8(
      OperatorCodeField.deprecated_builtin_code,
      Math.min(code, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES),
      0,
    );
    if (custom) b.addFieldOffset(OperatorCodeField.custom_code, custom, 0);
    b.addFieldInt32(OperatorCodeField.version, version, 1);
    b.addFieldInt32(OperatorCodeField.builtin_code, code, 0);
    return b.endObject();
  });
  return { opcodeOffsets, opcodeIndex };
}

function operatorTable(b: Builder, op: TfliteOpSpec, opcodeIndex: number): Offset {
  const inputs = int32Vector(b, op.inputs);
  const outputs = int32Vector(b, op.outputs);
  const options = op.options ? optionsTable(b, op.options.table, op.options.values) : 0;
  let custom = 0;
  if (op.customOptions) {
    b.startVector(1, op.customOptions.length, 1);
    for (let i = op.customOptions.length - 1; i >= 0; i--) b.addInt8(op.customOptions[i]!);
    custom = b.endVector();
  }
  b.startObject(OperatorField.custom_options + 1);
  b.addFieldInt32(OperatorField.opcode_index, opcodeIndex, 0);
  b.addFieldOffset(OperatorField.inputs, inputs, 0);
  b.addFieldOffset(OperatorField.outputs, outputs, 0);
  if (op.options) {
    b.addFieldInt8(OperatorField.builtin_options_type, op.options.table.typeId, 0);
    b.addFieldOffset(OperatorField.builtin_options, options, 0);
  }
  if (custom) b.addFieldOffset(OperatorField.custom_options, custom, 0);
  return b.endObject();
}

function subgraphTable(b: Builder, model: TfliteModelSpec, tensorOffsets: Offset[], operatorOffsets: Offset[]): Offset {
  const tensors = offsetVector(b, tensorOffsets);
  const inputs = int32Vector(b, model.inputs);
  const outputs = int32Vector(b, model.outputs);
  const operators = offsetVector(b, operatorOffsets);
  const subgraphName = b.createString('main');
  b.startObject(SubGraphField.name + 1);
  b.addFieldOffset(SubGraphField.tensors, tensors, 0);
  b.addFieldOffset(SubGraphField.inputs, inputs, 0);
  b.addFieldOffset(SubGraphField.outputs, outputs, 0);
  b.addFieldOffset(SubGraphField.operators, operators, 0);
  b.addFieldOffset(SubGraphField.name, subgraphName, 0);
  return b.endObject();
}

function signatureTable(b: Builder, model: TfliteModelSpec): Offset {
  const sigInputs = tensorMaps(b, model, model.inputs);
  const sigOutputs = tensorMaps(b, model, model.outputs);
  const sigKey = b.createString(DEFAULT_SIGNATURE_KEY);
  b.startObject(SignatureDefField.subgraph_index + 1);
  b.addFieldOffset(SignatureDefField.inputs, sigInputs, 0);
  b.addFieldOffset(SignatureDefField.outputs, sigOutputs, 0);
  b.addFieldOffset(SignatureDefField.signature_key, sigKey, 0);
  b.addFieldInt32(SignatureDefField.subgraph_index, 0, 0);
  return b.endObject();
}
