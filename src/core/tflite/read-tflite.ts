/**
 * Strict .tflite reader: gives back the lab's Graph for files that use only the lab's ops and dtypes in one
 * subgraph (what writeTflite produces), and throws TfliteFormatError for anything else. Built on the lenient
 * inspector, so both share one bounds-checked decoding path.
 */
import type { Graph, GraphOp, GraphTensor, OpKind, QuantParams } from '../graph/graph';
import { dataByteLength, shapeSize } from '../graph/graph';
import { TfliteFormatError } from './errors';
import { defaultOptions, LAB_OP_OPTIONS, type OptionField } from './op-options';
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

/**
 * The lab op for a decoded operator, from its declaration in op-options.ts: the options table it must carry
 * (absent fields and absent tables take the schema defaults, as the runtime does), each field's type, and the
 * values the IR allows. Anything else is a TfliteFormatError.
 */
function toGraphOp(op: TfliteOpInfo, context: string): GraphOp {
  const decl = Object.hasOwn(LAB_OP_OPTIONS, op.opName) ? LAB_OP_OPTIONS[op.opName as OpKind] : undefined;
  if (!decl) throw new TfliteFormatError({ code: 'tflite-unsupported-op', op: op.opName }, context);
  const expected = decl.table?.name ?? 'NONE';
  if (op.optionsType !== 'NONE' && op.optionsType !== expected) {
    throw new TfliteFormatError(
      { code: 'tflite-options-mismatch', op: op.opName, carries: op.optionsType, expected },
      context,
    );
  }
  const values = { ...(decl.table && defaultOptions(decl.table)), ...op.options };
  for (const f of decl.table?.fields ?? []) checkOption(f, values[f.name], decl.allowed?.[f.name], context);
  const out: Record<string, unknown> = { kind: op.opName, inputs: op.inputs, outputs: op.outputs };
  for (const [key, field] of Object.entries(decl.fields)) out[key] = values[field];
  return out as unknown as GraphOp;
}

function checkOption(
  f: OptionField,
  v: TfliteOptionValue | undefined,
  allowed: readonly unknown[] | undefined,
  context: string,
) {
  const wanted = { enum: 'string', ints: 'object', bool: 'boolean', byte: 'number', int: 'number', float: 'number' }[
    f.type
  ];
  if (v === undefined) throw new TfliteFormatError({ code: 'tflite-missing-option', option: f.name }, context);
  if (typeof v !== wanted)
    throw new TfliteFormatError({ code: 'tflite-option-type', option: f.name, type: f.type }, context);
  if (allowed && !allowed.includes(v)) {
    throw new TfliteFormatError({ code: 'tflite-unsupported-option', option: f.name, value: String(v) }, context);
  }
}

function toGraphTensor(bytes: Uint8Array, t: TfliteTensorInfo, context: string): GraphTensor {
  if (!t.dtype) throw new TfliteFormatError({ code: 'tflite-tensor-type', type: t.type }, context);
  for (const d of t.shape) {
    if (d < 0) throw new TfliteFormatError({ code: 'tflite-dynamic-shape', shape: [...t.shape] }, context);
  }
  const tensor: GraphTensor = { name: t.name, shape: t.shape, dtype: t.dtype };
  if (t.dataOffset >= 0) {
    const expected = dataByteLength(t.dtype, shapeSize(t.shape));
    if (expected !== t.byteLength) {
      throw new TfliteFormatError(
        {
          code: 'tflite-buffer-shape',
          buffer: t.buffer,
          bytes: t.byteLength,
          shape: [...t.shape],
          dtype: t.dtype,
          expected,
        },
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
    throw new TfliteFormatError(
      { code: 'tflite-scales-zero-points', scales: q.scale.length, zeroPoints: q.zeroPoint.length },
      context,
    );
  }
  if (q.scale.length > 1 && !(q.quantizedDimension >= 0 && q.quantizedDimension < t.shape.length)) {
    throw new TfliteFormatError(
      { code: 'tflite-quant-dim-rank', dim: q.quantizedDimension, rank: t.shape.length },
      context,
    );
  }
  if (q.scale.length > 1 && q.scale.length !== t.shape[q.quantizedDimension]) {
    throw new TfliteFormatError(
      {
        code: 'tflite-scales-dim',
        scales: q.scale.length,
        dim: q.quantizedDimension,
        size: t.shape[q.quantizedDimension],
      },
      context,
    );
  }
  const out: QuantParams = { scale: q.scale, zeroPoint: q.zeroPoint, quantizedDimension: q.quantizedDimension };
  if (q.min) out.min = q.min;
  if (q.max) out.max = q.max;
  return out;
}

/** Options of {@link readTflite}. */
export interface ReadTfliteOptions {
  /**
   * Operator names left out of the graph (their output tensors stay, unproduced). The importer passes the
   * converter's batch-size chain (SHAPE, STRIDED_SLICE, PACK), which only computes a RESHAPE's shape input,
   * after checking that this is all those operators feed.
   */
  ignoreOps?: ReadonlySet<string>;
}

function toGraph(bytes: Uint8Array, info: TfliteModelInfo, options: ReadTfliteOptions): Graph {
  if (info.version !== 3) throw new TfliteFormatError({ code: 'tflite-schema-version', version: info.version });
  if (info.subgraphs.length !== 1) {
    throw new TfliteFormatError({ code: 'tflite-subgraphs', count: info.subgraphs.length });
  }
  if (info.buffers.length === 0 || info.buffers[0]!.size !== 0) {
    throw new TfliteFormatError({ code: 'tflite-buffer0' });
  }
  const sg = info.subgraphs[0]!;
  const n = sg.tensors.length;
  const checkIndex = (i: number, optional: boolean, context: string): void => {
    if (i >= n || i < (optional ? -1 : 0)) {
      throw new TfliteFormatError({ code: 'tflite-tensor-index', index: i, count: n }, context);
    }
  };
  sg.inputs.forEach((i) => checkIndex(i, false, 'subgraph inputs'));
  sg.outputs.forEach((i) => checkIndex(i, false, 'subgraph outputs'));
  const ops = sg.ops
    .filter((op) => !options.ignoreOps?.has(op.opName))
    .map((op) => {
      const context = `operators[${op.index}]`;
      op.inputs.forEach((i) => checkIndex(i, true, context));
      op.outputs.forEach((i) => checkIndex(i, false, context));
      return toGraphOp(op, context);
    });
  for (const b of info.buffers) {
    if (b.offset >= 0 && b.offset + b.size > bytes.length) {
      throw new TfliteFormatError({
        code: 'tflite-buffer-past-end',
        buffer: b.index,
        bytes: b.size,
        fileBytes: bytes.length,
      });
    }
  }
  // Tensors may share a buffer; cap the bytes copied so a small file cannot make us allocate without limit.
  let copyBudget = 4 * bytes.length;
  const tensors = sg.tensors.map((t) => {
    copyBudget -= t.byteLength;
    if (copyBudget < 0) throw new TfliteFormatError({ code: 'tflite-shared-buffers' }, `tensors[${t.index}]`);
    return toGraphTensor(bytes, t, `tensors[${t.index}]`);
  });
  const metadata = info.metadata.map((m) => {
    const b = info.buffers[m.buffer];
    if (!b) throw new TfliteFormatError({ code: 'tflite-metadata-buffer', name: m.name, buffer: m.buffer });
    return { name: m.name, data: b.offset >= 0 ? bytes.slice(b.offset, b.offset + b.size) : new Uint8Array(0) };
  });
  return { tensors, ops, inputs: sg.inputs, outputs: sg.outputs, description: info.description, metadata };
}

/**
 * Reads a .tflite file written for the lab back into a Graph. Throws TfliteFormatError (and nothing else)
 * for malformed files and for files using operators, dtypes or options the lab does not model.
 */
export function readTflite(bytes: Uint8Array, options: ReadTfliteOptions = {}): Graph {
  const info = inspectTflite(bytes);
  return guarded(() => toGraph(bytes, info, options));
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
