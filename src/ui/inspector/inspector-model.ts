/**
 * Pure logic behind the .tflite inspector: reading a dropped file, deciding whether it fits MNIST, and turning
 * the inspector's model description into short display strings. No React or DOM here, so it is unit- and
 * fuzz-tested in Node.
 */
import { histogram, type Histogram } from '../../core/eval/metrics';
import type { ModeReport } from '../../core/report/report';
import { modeReportEntry, type RuntimeScore } from '../../core/pipeline/measure-mode';
import { TENSOR_TYPE_BYTES } from '../../core/tflite/schema';
import {
  constantValues,
  inspectTflite,
  TfliteFormatError,
  type TfliteModelInfo,
  type TfliteQuantInfo,
  type TfliteSubgraphInfo,
  type TfliteTensorInfo,
} from '../../core/tflite/read-tflite';

/** Largest file the inspector reads into memory (the lab's own files are under 100 KB). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Rows shown per table before the rest is summarised (TF models can have thousands of tensors). */
export const MAX_TABLE_ROWS = 400;

/** Input element types the runtime worker can feed (see src/runtime/litert-eval.ts encodeInput). */
const RUNTIME_IO_TYPES = new Set(['FLOAT32', 'INT8', 'UINT8', 'INT16', 'INT32']);

export type InspectOutcome = { ok: true; info: TfliteModelInfo } | { ok: false; message: string };

/**
 * Inspects the bytes of a dropped file. Never throws: malformed input becomes a message that names the file.
 * @param bytes the whole file
 * @param fileName shown in the message
 */
export function inspectFile(bytes: Uint8Array, fileName: string): InspectOutcome {
  try {
    return { ok: true, info: inspectTflite(bytes) };
  } catch (e) {
    const detail = e instanceof TfliteFormatError ? e.message : `unexpected reader failure: ${String(e)}`;
    return { ok: false, message: `${fileName} is not a readable .tflite model: ${detail}` };
  }
}

/** Rejects files by size before reading them, or returns null. */
export function fileSizeProblem(fileName: string, size: number): string | null {
  if (size === 0) return `${fileName} is empty (0 bytes); a .tflite model has at least a header and one subgraph.`;
  if (size > MAX_FILE_BYTES) {
    return `${fileName} is ${formatMiB(size)}; the inspector reads files up to ${formatMiB(MAX_FILE_BYTES)}.`;
  }
  return null;
}

const formatMiB = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Number of elements of a static shape (1 for a scalar []); null when a dimension is dynamic (-1). */
export function elementCount(shape: readonly number[]): number | null {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) return null;
    n *= d;
  }
  return n;
}

export type MnistFit =
  { fits: true; input: TfliteTensorInfo; output: TfliteTensorInfo } | { fits: false; reason: string };

/**
 * Whether the runtime worker can score the model on MNIST: subgraph 0 has one input of 784 elements
 * ([1, 28, 28, 1], [1, 28, 28], [1, 784], ...) and one output of 10, both of a type it can feed or read,
 * integer ones with per-tensor quantization.
 */
export function mnistFit(info: TfliteModelInfo): MnistFit {
  const sg = info.subgraphs[0];
  if (!sg) return { fits: false, reason: 'the model has no subgraph' };
  if (sg.inputs.length !== 1 || sg.outputs.length !== 1) {
    return {
      fits: false,
      reason: `it has ${sg.inputs.length} input(s) and ${sg.outputs.length} output(s); an MNIST classifier has one of each`,
    };
  }
  const input = sg.tensors[sg.inputs[0]!];
  const output = sg.tensors[sg.outputs[0]!];
  if (!input || !output) return { fits: false, reason: 'its input or output refers to a tensor that does not exist' };
  const problem =
    ioProblem(input, 784, 'input', 'a 28 x 28 image') ?? ioProblem(output, 10, 'output', 'one score per digit');
  return problem ? { fits: false, reason: problem } : { fits: true, input, output };
}

function ioProblem(t: TfliteTensorInfo, elements: number, role: string, meaning: string): string | null {
  const n = elementCount(t.shape);
  if (n !== elements) {
    return `its ${role} '${shorten(t.name)}' has shape ${formatShape(t.shape)}, not ${elements} values (${meaning})`;
  }
  if (!RUNTIME_IO_TYPES.has(t.type))
    return `its ${role} is ${t.type}; the lab feeds float32, int8, uint8, int16 or int32`;
  if (t.type !== 'FLOAT32' && t.quant?.scale.length !== 1) {
    return `its ${role} is ${t.type} without per-tensor quantization parameters, so real values cannot be mapped to it`;
  }
  return null;
}

/** [1, 28, 28, 1] -> "[1, 28, 28, 1]"; dynamic dims print as -1, like the schema. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Cuts long names (converters write long scoped names) to `max` characters with an ellipsis in the middle. */
export function shorten(s: string, max = 80): string {
  if (s.length <= max) return s;
  const half = Math.floor((max - 1) / 2);
  return `${s.slice(0, half)}…${s.slice(s.length - half)}`;
}

/** A tensor's display label in an op row: its name, or #index when unnamed; -1 is an omitted optional input. */
export function tensorLabel(sg: TfliteSubgraphInfo, index: number): string {
  if (index === -1) return '(none)';
  const t = sg.tensors[index];
  if (!t) return `#${index} (missing)`;
  return t.name ? shorten(t.name, 60) : `#${index}`;
}

/** Short number for tables: 0.00392157 -> "0.003922", 1e-9 -> "1.000e-9". */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(3) : Number(v.toPrecision(4)).toString();
}

/** One value, a short list, or "n values, min … max" for per-channel lists. */
export function summarizeNumbers(values: readonly number[], maxListed = 3): string {
  if (values.length === 0) return '–';
  if (values.length <= maxListed) return values.map(formatNumber).join(', ');
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return `${formatNumber(min)} (all ${values.length})`;
  return `${values.length} values, ${formatNumber(min)} … ${formatNumber(max)}`;
}

export interface QuantSummary {
  scale: string;
  zeroPoint: string;
  /** The quantized dimension for per-channel parameters; "–" for per-tensor. */
  axis: string;
}

/** Display strings for a tensor's quantization parameters (real = scale * (q - zero_point)). */
export function summarizeQuant(q: TfliteQuantInfo | undefined): QuantSummary {
  if (!q) return { scale: '–', zeroPoint: '–', axis: '–' };
  const perChannel = q.scale.length > 1 || q.zeroPoint.length > 1;
  return {
    scale: summarizeNumbers(q.scale),
    zeroPoint: summarizeNumbers(q.zeroPoint),
    axis: perChannel ? String(q.quantizedDimension) : '–',
  };
}

/**
 * Bytes of a tensor: the constant data it points at, or for activations the size its shape and type declare
 * (null when the shape is dynamic or the type has no fixed size).
 */
export function tensorBytes(t: TfliteTensorInfo): { bytes: number | null; constant: boolean } {
  if (t.dataOffset >= 0) return { bytes: t.byteLength, constant: true };
  const n = elementCount(t.shape);
  const elem = TENSOR_TYPE_BYTES[t.typeId] ?? 0;
  return { bytes: n === null || elem === 0 ? null : n * elem, constant: false };
}

export interface ConstantChoice {
  /** Stable key: "subgraph:tensor". */
  key: string;
  label: string;
  tensor: TfliteTensorInfo;
}

const NUMERIC_TYPES = new Set([
  'FLOAT32',
  'FLOAT16',
  'FLOAT64',
  'INT32',
  'UINT32',
  'UINT8',
  'INT8',
  'INT16',
  'UINT16',
  'INT64',
  'UINT64',
]);

/** Constant tensors with numeric data (weights, biases), largest first: the histogram's choices. */
export function constantChoices(info: TfliteModelInfo): ConstantChoice[] {
  const out: ConstantChoice[] = [];
  info.subgraphs.forEach((sg, s) => {
    for (const t of sg.tensors) {
      if (t.dataOffset < 0 || t.byteLength === 0 || !NUMERIC_TYPES.has(t.type)) continue;
      const where = info.subgraphs.length > 1 ? `subgraph ${s}: ` : '';
      out.push({
        key: `${s}:${t.index}`,
        label: `${where}${shorten(t.name || `#${t.index}`, 60)} ${t.type} ${formatShape(t.shape)}`,
        tensor: t,
      });
    }
  });
  return out.sort((a, b) => b.tensor.byteLength - a.tensor.byteLength);
}

export type TensorHistogram =
  | { ok: true; histogram: Histogram; count: number; min: number; max: number; dequantized: boolean }
  | { ok: false; message: string };

/**
 * Histogram of a constant tensor's values, dequantized (scale * (q - zero_point)) when asked and the tensor
 * has quantization parameters. Never throws.
 */
export function tensorHistogram(
  bytes: Uint8Array,
  tensor: TfliteTensorInfo,
  dequantize: boolean,
  bins: number,
): TensorHistogram {
  try {
    const values = constantValues(bytes, tensor, { dequantize });
    if (!values) return { ok: false, message: `${tensor.type} data has no numeric reading` };
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (count === 0) return { ok: false, message: 'the tensor has no finite values' };
    return {
      ok: true,
      histogram: histogram(values, bins),
      count,
      min,
      max,
      dequantized: dequantize && !!tensor.quant?.scale.length,
    };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The comparison entry for a file scored in the runtime (mode "file:<name>"). */
export function fileReport(fileName: string, bytes: number, evaluation: RuntimeScore, gzipSize?: number): ModeReport {
  return modeReportEntry({ mode: `file:${fileName}`, file: fileName, size: bytes, gzipSize }, evaluation);
}

/** Ops whose code the inspector (and most likely the runtime) does not know: flagged before running. */
export function unknownOps(info: TfliteModelInfo): string[] {
  const names = new Set<string>();
  for (const sg of info.subgraphs) {
    for (const op of sg.ops)
      if (op.opName === 'UNKNOWN' || op.opName.startsWith('BUILTIN_') || op.opName.startsWith('CUSTOM:'))
        names.add(op.opName);
  }
  return [...names];
}
