/**
 * Lenient .tflite inspection for the model inspector: accepts any well-formed TFLite FlatBuffer (the lab's or
 * TensorFlow's converter output), decodes what it knows and reports the rest as names, numbers and warnings.
 * Structural damage (offsets outside the file, impossible sizes) throws TfliteFormatError; nothing else is
 * thrown for any byte input.
 */
import type { DType } from '../graph/graph';
import { tensorTypeToDType } from './dtypes';
import { TfliteFormatError } from './errors';
import { englishInspectNote, type InspectNote } from './inspect-notes';
import { FlatReader, type Table } from './flat-reader';
import { OPTION_TABLES_BY_TYPE, type OptionField, type TfliteOptionValue } from './op-options';
import {
  BUFFER_ALIGNMENT,
  BUILTIN_OPERATOR_NAMES,
  BUILTIN_OPTIONS_NAMES,
  BufferField,
  FILE_IDENTIFIER,
  MetadataField,
  CONVERSION_METADATA_KEY,
  MIN_RUNTIME_VERSION_KEY,
  ModelField,
  OperatorCodeField,
  OperatorField,
  QuantizationField,
  SignatureDefField,
  SubGraphField,
  TENSOR_TYPE_BYTES,
  TENSOR_TYPE_NAMES,
  TensorField,
  TensorMapField,
} from './schema';

export interface TfliteQuantInfo {
  scale: number[];
  zeroPoint: number[];
  quantizedDimension: number;
  min?: number[];
  max?: number[];
}

export interface TfliteTensorInfo {
  index: number;
  name: string;
  /** TensorType name, e.g. "FLOAT32", "INT8" ("TYPE_<n>" when unknown). */
  type: string;
  typeId: number;
  /** The lab's dtype, or null for types the lab does not use. */
  dtype: DType | null;
  shape: number[];
  /** `shape_signature` when the file has one: -1 marks a dimension fixed only at run time (dynamic batch). */
  shapeSignature?: number[];
  buffer: number;
  /** Bytes of constant data (0 for activations). */
  byteLength: number;
  /** File offset of the constant data, or -1 when there is none. */
  dataOffset: number;
  quant?: TfliteQuantInfo;
  isVariable: boolean;
}

export type { TfliteOptionValue };

export interface TfliteOpInfo {
  index: number;
  opcodeIndex: number;
  /** Builtin operator name ("CUSTOM:<name>" for custom ops, "UNKNOWN" when the opcode index is bad). */
  opName: string;
  version: number;
  /** Tensor indices; -1 marks an omitted optional input. */
  inputs: number[];
  outputs: number[];
  /** BuiltinOptions union member name ("NONE" when absent). */
  optionsType: string;
  /** Decoded options (schema field names) for the option tables the lab knows; undefined otherwise. */
  options?: Record<string, TfliteOptionValue>;
  /** Bytes of Operator.custom_options (custom ops keep their parameters there, e.g. an Edge TPU program). */
  customOptionsSize?: number;
}

export interface TfliteSubgraphInfo {
  name: string;
  tensors: TfliteTensorInfo[];
  inputs: number[];
  outputs: number[];
  ops: TfliteOpInfo[];
}

export interface TfliteOperatorCodeInfo {
  /** The effective builtin code: max(builtin_code, deprecated_builtin_code), as the runtime reads it. */
  code: number;
  name: string;
  version: number;
  customCode?: string;
}

export interface TfliteBufferInfo {
  index: number;
  size: number;
  /** File offset of the data, or -1 when empty. */
  offset: number;
}

export interface TfliteMetadataInfo {
  name: string;
  buffer: number;
  size: number;
  /** Decoded text for text entries (min_runtime_version), zero padding removed. */
  text?: string;
}

export interface TfliteSignatureInfo {
  key: string;
  subgraphIndex: number;
  inputs: { name: string; tensorIndex: number }[];
  outputs: { name: string; tensorIndex: number }[];
}

export interface TfliteModelInfo {
  fileSize: number;
  version: number;
  description: string;
  operatorCodes: TfliteOperatorCodeInfo[];
  subgraphs: TfliteSubgraphInfo[];
  buffers: TfliteBufferInfo[];
  metadata: TfliteMetadataInfo[];
  signatures: TfliteSignatureInfo[];
  /** Things that look wrong and may stop a runtime (bad indices, size mismatches, missing buffers). */
  warnings: string[];
  /** Informational remarks about normal converter habits (unaligned buffers, CONVERSION_METADATA). */
  remarks: string[];
  /** The same warnings and remarks as data (inspect-notes.ts), in order, for a page in another language. */
  notes: { warnings: InspectNote[]; remarks: InspectNote[] };
}

const nameOf = (names: readonly string[], id: number, prefix: string): string => names[id] ?? `${prefix}_${id}`;

/** Effective builtin code of an OperatorCode table (schema comment: the larger of the two fields). */
export function builtinCode(t: Table): number {
  return Math.max(t.i8(OperatorCodeField.deprecated_builtin_code, 0), t.i32(OperatorCodeField.builtin_code, 0));
}

/** Decodes an options table by its declaration in op-options.ts; undefined for tables the lab does not declare. */
function readOptions(t: Table, typeId: number, ctx: string): Record<string, TfliteOptionValue> | undefined {
  const spec = OPTION_TABLES_BY_TYPE.get(typeId);
  if (!spec) return undefined;
  const out: Record<string, TfliteOptionValue> = {};
  for (const f of spec.fields) out[f.name] = readField(t, f, `${ctx}.${f.name}`);
  return out;
}

function readField(t: Table, f: OptionField, ctx: string): TfliteOptionValue {
  switch (f.type) {
    case 'enum': {
      const v = t.i8(f.id, f.default as number);
      return f.names?.[v] ?? `${f.name.toUpperCase()}_${v}`;
    }
    case 'byte':
      return t.i8(f.id, f.default as number);
    case 'int':
      return t.i32(f.id, f.default as number);
    case 'float':
      return t.f32(f.id, f.default as number);
    case 'bool':
      return t.bool(f.id, f.default as boolean);
    case 'ints':
      return t.int32s(f.id, ctx);
  }
}

function readQuant(t: Table, ctx: string): TfliteQuantInfo | undefined {
  const scale = t.float32s(QuantizationField.scale, `${ctx}.scale`) ?? [];
  const zeroPoint = t.int64s(QuantizationField.zero_point, `${ctx}.zero_point`);
  const min = t.float32s(QuantizationField.min, `${ctx}.min`);
  const max = t.float32s(QuantizationField.max, `${ctx}.max`);
  // The converter writes an empty table for unquantized tensors: report those as "no quantization".
  if (scale.length === 0 && zeroPoint.length === 0 && !min && !max) return undefined;
  const q: TfliteQuantInfo = {
    scale,
    zeroPoint,
    quantizedDimension: t.i32(QuantizationField.quantized_dimension, 0),
  };
  if (min) q.min = min;
  if (max) q.max = max;
  return q;
}

function readBuffers(reader: FlatReader, model: Table, remarks: InspectNote[]): TfliteBufferInfo[] {
  const unaligned: number[] = [];
  const buffers = model.tables(ModelField.buffers, 'buffers').map((t, index): TfliteBufferInfo => {
    const ctx = `buffer ${index}`;
    const data = t.vector(BufferField.data, 1, ctx);
    if (data && data.length > 0) {
      if (data.start % BUFFER_ALIGNMENT !== 0) unaligned.push(index);
      return { index, size: data.length, offset: data.start };
    }
    // Models over 2 GB keep data outside the FlatBuffer: offset (> 1) and size from the file start.
    const offset = t.u64(BufferField.offset, 0);
    const size = t.u64(BufferField.size, 0);
    if (offset > 1) {
      if (!(offset + size <= reader.size)) {
        throw new TfliteFormatError(
          { code: 'tflite-buffer-past-end', buffer: index, bytes: size, fileBytes: reader.size },
          ctx,
        );
      }
      return { index, size, offset };
    }
    return { index, size: 0, offset: -1 };
  });
  if (unaligned.length > 0) {
    remarks.push({
      code: 'note-unaligned',
      count: unaligned.length,
      buffers: buffers.length,
      first: unaligned.slice(0, 8),
      alignment: BUFFER_ALIGNMENT,
    });
  }
  return buffers;
}

function readTensor(t: Table, index: number, buffers: TfliteBufferInfo[], ctx: string, warnings: InspectNote[]) {
  const typeId = t.i8(TensorField.type, 0);
  const shape = t.int32s(TensorField.shape, `${ctx}.shape`);
  const bufferIndex = t.u32(TensorField.buffer, 0);
  const q = t.table(TensorField.quantization, `${ctx}.quantization`);
  const buffer = buffers[bufferIndex];
  if (!buffer) warnings.push({ code: 'note-tensor-buffer', where: ctx, buffer: bufferIndex, buffers: buffers.length });
  const info: TfliteTensorInfo = {
    index,
    name: t.string(TensorField.name, `${ctx}.name`) ?? '',
    type: nameOf(TENSOR_TYPE_NAMES, typeId, 'TYPE'),
    typeId,
    dtype: tensorTypeToDType(typeId),
    shape,
    buffer: bufferIndex,
    byteLength: buffer?.size ?? 0,
    dataOffset: buffer && buffer.size > 0 ? buffer.offset : -1,
    isVariable: t.bool(TensorField.is_variable, false),
  };
  const quant = q ? readQuant(q, `${ctx}.quantization`) : undefined;
  if (quant) info.quant = quant;
  const signature = t.int32s(TensorField.shape_signature, `${ctx}.shape_signature`);
  if (signature.length > 0) info.shapeSignature = signature;
  const elemBytes = TENSOR_TYPE_BYTES[typeId] ?? 0;
  if (info.byteLength > 0 && elemBytes > 0) {
    const expected = shape.reduce((a, d) => a * d, 1) * elemBytes;
    if (expected !== info.byteLength) {
      warnings.push({
        code: 'note-tensor-bytes',
        where: ctx,
        name: info.name,
        bytes: info.byteLength,
        shape,
        type: info.type,
        expected,
      });
    }
  }
  return info;
}

function readSubgraph(
  t: Table,
  s: number,
  codes: TfliteOperatorCodeInfo[],
  buffers: TfliteBufferInfo[],
  warnings: InspectNote[],
): TfliteSubgraphInfo {
  const ctx = `subgraphs[${s}]`;
  const tensors = t
    .tables(SubGraphField.tensors, `${ctx}.tensors`)
    .map((tt, i) => readTensor(tt, i, buffers, `${ctx}.tensors[${i}]`, warnings));
  const checkIndices = (list: number[], where: string): number[] => {
    for (const i of list) {
      if (i < -1 || i >= tensors.length)
        warnings.push({ code: 'note-tensor-index', where, index: i, tensors: tensors.length });
    }
    return list;
  };
  const ops = t.tables(SubGraphField.operators, `${ctx}.operators`).map((ot, index): TfliteOpInfo => {
    const octx = `${ctx}.operators[${index}]`;
    const opcodeIndex = ot.u32(OperatorField.opcode_index, 0);
    const code = codes[opcodeIndex];
    if (!code) warnings.push({ code: 'note-opcode', where: octx, opcode: opcodeIndex, codes: codes.length });
    const typeId = ot.u8(OperatorField.builtin_options_type, 0);
    const optionsTable = typeId ? ot.table(OperatorField.builtin_options, `${octx}.builtin_options`) : null;
    const op: TfliteOpInfo = {
      index,
      opcodeIndex,
      opName: code ? code.name : 'UNKNOWN',
      version: code ? code.version : 0,
      inputs: checkIndices(ot.int32s(OperatorField.inputs, `${octx}.inputs`), `${octx}.inputs`),
      outputs: checkIndices(ot.int32s(OperatorField.outputs, `${octx}.outputs`), `${octx}.outputs`),
      optionsType: nameOf(BUILTIN_OPTIONS_NAMES, typeId, 'OPTIONS'),
    };
    const options = optionsTable ? readOptions(optionsTable, typeId, `${octx}.builtin_options`) : undefined;
    if (options) op.options = options;
    const custom = ot.vector(OperatorField.custom_options, 1, `${octx}.custom_options`);
    if (custom) op.customOptionsSize = custom.length;
    return op;
  });
  return {
    name: t.string(SubGraphField.name, `${ctx}.name`) ?? '',
    tensors,
    inputs: checkIndices(t.int32s(SubGraphField.inputs, `${ctx}.inputs`), `${ctx}.inputs`),
    outputs: checkIndices(t.int32s(SubGraphField.outputs, `${ctx}.outputs`), `${ctx}.outputs`),
    ops,
  };
}

function readTensorMaps(t: Table, id: number, ctx: string) {
  return t.tables(id, ctx).map((m, i) => ({
    name: m.string(TensorMapField.name, `${ctx}[${i}].name`) ?? '',
    tensorIndex: m.u32(TensorMapField.tensor_index, 0),
  }));
}

/** Reads the header and returns the Model table, rejecting non-TFLite input. */
export function openModel(reader: FlatReader): Table {
  if (reader.size < 8) {
    throw new TfliteFormatError({ code: 'tflite-too-short', bytes: reader.size });
  }
  const id = reader.identifier();
  if (id !== FILE_IDENTIFIER) throw new TfliteFormatError({ code: 'tflite-identifier', identifier: id });
  const root = reader.u32(0, 'root offset');
  if (root < 8 || root >= reader.size) {
    throw new TfliteFormatError({ code: 'tflite-root-offset', root, fileBytes: reader.size }, 'root offset');
  }
  return reader.table(root, 'model');
}

function readOperatorCodes(model: Table): TfliteOperatorCodeInfo[] {
  return model.tables(ModelField.operator_codes, 'operator_codes').map((t, i) => {
    const code = builtinCode(t);
    const info: TfliteOperatorCodeInfo = {
      code,
      name: nameOf(BUILTIN_OPERATOR_NAMES, code, 'BUILTIN'),
      version: t.i32(OperatorCodeField.version, 1),
    };
    const custom = t.string(OperatorCodeField.custom_code, `operator_codes[${i}].custom_code`);
    if (custom !== null) {
      info.customCode = custom;
      info.name = `CUSTOM:${custom}`;
    }
    return info;
  });
}

function inspectUnchecked(bytes: Uint8Array): TfliteModelInfo {
  const reader = new FlatReader(bytes);
  const model = openModel(reader);
  const warnings: InspectNote[] = [];
  const remarks: InspectNote[] = [];
  const version = model.u32(ModelField.version, 0);
  if (version !== 3) warnings.push({ code: 'note-schema-version', version });

  const operatorCodes = readOperatorCodes(model);
  const buffers = readBuffers(reader, model, remarks);
  if (buffers.length === 0) warnings.push({ code: 'note-no-buffers' });
  else if (buffers[0]!.size !== 0) warnings.push({ code: 'note-buffer0' });

  const subgraphs = model
    .tables(ModelField.subgraphs, 'subgraphs')
    .map((t, s) => readSubgraph(t, s, operatorCodes, buffers, warnings));

  const metadata = model.tables(ModelField.metadata, 'metadata').map((t, i): TfliteMetadataInfo => {
    const name = t.string(MetadataField.name, `metadata[${i}].name`) ?? '';
    const buffer = t.u32(MetadataField.buffer, 0);
    const b = buffers[buffer];
    if (!b) warnings.push({ code: 'note-metadata-buffer', name, buffer, buffers: buffers.length });
    const info: TfliteMetadataInfo = { name, buffer, size: b?.size ?? 0 };
    if (b && name === MIN_RUNTIME_VERSION_KEY && b.offset >= 0) {
      info.text = reader.utf8(b.offset, Math.min(b.size, 64), `metadata ${name}`).replace(/\0+$/, '');
    }
    return info;
  });

  const signatures = model.tables(ModelField.signature_defs, 'signature_defs').map((t, i) => ({
    key: t.string(SignatureDefField.signature_key, `signature_defs[${i}].signature_key`) ?? '',
    subgraphIndex: t.u32(SignatureDefField.subgraph_index, 0),
    inputs: readTensorMaps(t, SignatureDefField.inputs, `signature_defs[${i}].inputs`),
    outputs: readTensorMaps(t, SignatureDefField.outputs, `signature_defs[${i}].outputs`),
  }));

  const allRemarks = [...remarks, ...metadataRemarks(metadata)];
  return {
    fileSize: bytes.length,
    version,
    description: model.string(ModelField.description, 'description') ?? '',
    operatorCodes,
    subgraphs,
    buffers,
    metadata,
    signatures,
    warnings: warnings.map(englishInspectNote),
    remarks: allRemarks.map(englishInspectNote),
    notes: { warnings, remarks: allRemarks },
  };
}

/** Metadata TensorFlow's converter writes that needs no attention (named, so the page can say what it is). */
function metadataRemarks(metadata: readonly TfliteMetadataInfo[]): InspectNote[] {
  return metadata
    .filter((m) => m.name === CONVERSION_METADATA_KEY)
    .map((m) => ({ code: 'note-conversion-metadata', name: CONVERSION_METADATA_KEY, bytes: m.size }));
}

/** Runs `fn`, turning any unexpected exception into a TfliteFormatError marked `internal`. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TfliteFormatError) throw e;
    throw new TfliteFormatError(
      { code: 'tflite-unreadable', detail: e instanceof Error ? e.message : String(e) },
      '',
      true,
    );
  }
}

/** Describes any .tflite file: see TfliteModelInfo. Throws only TfliteFormatError. */
export function inspectTflite(bytes: Uint8Array): TfliteModelInfo {
  return guarded(() => inspectUnchecked(bytes));
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * The values of a constant tensor as numbers (for weight histograms), read from the file `bytes` the info
 * came from. With `dequantize`, applies real = scale * (q - zero_point), per channel along
 * quantizedDimension. Returns null for activations and for types without a numeric reading
 * (STRING, INT4, ...). Reads at most the elements the data holds.
 */
export function constantValues(
  bytes: Uint8Array,
  tensor: TfliteTensorInfo,
  options: { dequantize?: boolean } = {},
): Float64Array | null {
  const elemBytes = TENSOR_TYPE_BYTES[tensor.typeId] ?? 0;
  if (tensor.dataOffset < 0 || elemBytes === 0) return null;
  if (tensor.dataOffset + tensor.byteLength > bytes.length) {
    throw new TfliteFormatError({ code: 'tflite-tensor-data-past-end', tensor: tensor.name });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + tensor.dataOffset, tensor.byteLength);
  const n = Math.floor(tensor.byteLength / elemBytes);
  const out = new Float64Array(n);
  const read: Record<string, (i: number) => number> = {
    FLOAT32: (i) => view.getFloat32(4 * i, true),
    FLOAT16: (i) => halfToFloat(view.getUint16(2 * i, true)),
    FLOAT64: (i) => view.getFloat64(8 * i, true),
    INT32: (i) => view.getInt32(4 * i, true),
    UINT32: (i) => view.getUint32(4 * i, true),
    UINT8: (i) => view.getUint8(i),
    INT8: (i) => view.getInt8(i),
    INT16: (i) => view.getInt16(2 * i, true),
    UINT16: (i) => view.getUint16(2 * i, true),
    INT64: (i) => Number(view.getBigInt64(8 * i, true)),
    UINT64: (i) => Number(view.getBigUint64(8 * i, true)),
    BOOL: (i) => view.getUint8(i),
  };
  const get = read[tensor.type];
  if (!get) return null;
  for (let i = 0; i < n; i++) out[i] = get(i);
  const q = tensor.quant;
  if (options.dequantize && q && q.scale.length > 0) {
    // Elements per channel step: product of the dims after quantizedDimension.
    const inner = tensor.shape.slice(q.quantizedDimension + 1).reduce((a, d) => a * d, 1);
    const channels = q.scale.length;
    for (let i = 0; i < n; i++) {
      const c = channels === 1 ? 0 : Math.floor(i / Math.max(inner, 1)) % channels;
      out[i] = q.scale[c]! * (out[i]! - (q.zeroPoint[c] ?? 0));
    }
  }
  return out;
}
