/**
 * Pure logic behind the .tflite inspector: reading a dropped file, deciding whether it fits MNIST, and turning
 * the inspector's model description into short display strings. No React or DOM here, so it is unit- and
 * fuzz-tested in Node.
 */
import { histogram, type Histogram } from '../../core/eval/metrics';
import { coreFailure, type CoreFailure } from '../i18n/core-text';
import type { ModeReport } from '../../core/report/report';
import { modeReportEntry, type RuntimeScore } from '../../core/pipeline/measure-mode';
import { describeModel } from '../../core/tflite/model-kind';
import type { RunPlan } from '../../core/tflite/run-plan';
import { TENSOR_TYPE_BYTES } from '../../core/tflite/schema';
import {
  constantValues,
  inspectTflite,
  TfliteFormatError,
  type TfliteModelInfo,
  type TfliteOpInfo,
  type TfliteQuantInfo,
  type TfliteSubgraphInfo,
  type TfliteTensorInfo,
} from '../../core/tflite/read-tflite';

/** Largest file the inspector reads into memory (the lab's own files are under 100 KB). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Rows shown per table before the rest is summarised (TF models can have thousands of tensors). */
export const MAX_TABLE_ROWS = 400;

/** One dropped file and how the lab runs it. */
export interface Loaded {
  /** Increases with every file, so per-file view state starts fresh. */
  serial: number;
  fileName: string;
  bytes: Uint8Array;
  info: TfliteModelInfo;
  plan: RunPlan;
}

/** A file the inspector could not open, as data the panel writes in the shown language. */
export type InspectorProblem =
  | { kind: 'empty'; fileName: string }
  | { kind: 'too-big'; fileName: string; size: number; max: number }
  /** The browser could not read the file; `detail` is its (English) message. */
  | { kind: 'read-failed'; fileName: string; detail: string }
  /** The bytes are not a .tflite model: the reader's failure (TfliteFormatError's problem). */
  | { kind: 'unreadable'; fileName: string; failure: CoreFailure };

export type InspectOutcome =
  | { ok: true; info: TfliteModelInfo }
  | { ok: false; message: string; problem: Extract<InspectorProblem, { kind: 'unreadable' }> };

/**
 * Inspects the bytes of a dropped file. Never throws: malformed input becomes a message that names the file.
 * @param bytes the whole file
 * @param fileName shown in the message
 */
export function inspectFile(bytes: Uint8Array, fileName: string): InspectOutcome {
  try {
    return { ok: true, info: inspectTflite(bytes) };
  } catch (e) {
    const failure =
      e instanceof TfliteFormatError ? coreFailure(e) : { message: `unexpected reader failure: ${String(e)}` };
    return {
      ok: false,
      message: `${fileName} is not a readable .tflite model: ${failure.message}`,
      problem: { kind: 'unreadable', fileName, failure },
    };
  }
}

/** Rejects files by size before reading them, or returns null. */
export function fileSizeProblem(fileName: string, size: number): InspectorProblem | null {
  if (size === 0) return { kind: 'empty', fileName };
  if (size > MAX_FILE_BYTES) return { kind: 'too-big', fileName, size, max: MAX_FILE_BYTES };
  return null;
}

/** Bytes as MiB with one decimal, e.g. "256.0 MiB". */
export const formatMiB = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

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
 * Whether the runtime worker can score the model on MNIST (core/tflite/model-kind.ts decides): one input of
 * 784 elements ([1, 28, 28, 1], [1, 28, 28], [1, 784], ...) it can feed and one output of 10 scores.
 */
export function mnistFit(info: TfliteModelInfo): MnistFit {
  const kind = describeModel(info);
  if (kind.kind === 'classifier') return { fits: true, input: kind.input, output: kind.output };
  return { fits: false, reason: kind.title.replace(/^Not an MNIST classifier: /, '').replace(/\.$/, '') };
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
  /** Why not: no numeric reading of its type, no finite value, or the reader failed (`failure`, maybe coded). */
  | { ok: false; message: string; why: 'no-reading' | 'no-finite' | 'failed'; failure?: CoreFailure };

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
    if (!values) return { ok: false, why: 'no-reading', message: `${tensor.type} data has no numeric reading` };
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (count === 0) return { ok: false, why: 'no-finite', message: 'the tensor has no finite values' };
    return {
      ok: true,
      histogram: histogram(values, bins),
      count,
      min,
      max,
      dequantized: dequantize && !!tensor.quant?.scale.length,
    };
  } catch (e) {
    const failure = coreFailure(e);
    return { ok: false, why: 'failed', message: failure.message, failure };
  }
}

/** How a file ran, for its report entry. */
export interface FileRun {
  /** The feed's label (InputFeed.label). */
  feed: string;
  /** Tensors whose batch was pinned to 1 (0 when the file ran as it is). */
  pinnedTensors: number;
}

/** The comparison entry for a file scored in the runtime (mode "file:<name>"). */
export function fileReport(
  fileName: string,
  bytes: number,
  evaluation: RuntimeScore,
  run?: FileRun,
  gzipSize?: number,
): ModeReport {
  const entry = modeReportEntry({ mode: `file:${fileName}`, file: fileName, size: bytes, gzipSize }, evaluation);
  if (run) entry.input_feed = run.feed;
  if (run && run.pinnedTensors > 0) entry.batch_pinned_tensors = run.pinnedTensors;
  return entry;
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

/** The op's options by schema field names ("padding VALID, stride_w 2, ..."), or what it carries instead. */
export function optionsText(op: TfliteOpInfo): string {
  if (op.options) {
    const fields = Object.entries(op.options).map(
      ([k, v]) => `${k} ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`,
    );
    return `${op.optionsType}${fields.length ? `: ${fields.join(', ')}` : ''}`;
  }
  if (op.customOptionsSize !== undefined)
    return `custom options, ${op.customOptionsSize.toLocaleString('en-US')} bytes`;
  return op.optionsType === 'NONE' ? '–' : `${op.optionsType} (not decoded)`;
}
