/**
 * What a .tflite file is, for the lab: an MNIST classifier it can run (and how to feed it), an Edge TPU file,
 * a model with other custom ops, a multi-input/multi-output model (e.g. a detector), or something else. Decided
 * from the file alone; the page, the runtime and the corpus command share this one decision.
 */
import { constantValues, type TfliteModelInfo, type TfliteSubgraphInfo, type TfliteTensorInfo } from './inspect-tflite';
import {
  englishFeedLabel,
  englishFeedReason,
  englishModelNote,
  englishOutputScores,
  short,
  type FeedReason,
  type FeedText,
  type InputRange,
  type IoMismatch,
  type IoTensor,
  type ModelNote,
  type OutputScores,
} from './model-notes';

export type { InputRange } from './model-notes';

/** Custom code of the SSD post-processing op (boxes, classes, scores, count) in TFLite's detection models. */
const DETECTION_POSTPROCESS = 'TFLite_Detection_PostProcess';

/** Custom code of the op edgetpu_compiler writes around the part of the graph it compiled. */
export const EDGETPU_CUSTOM_CODE = 'edgetpu-custom-op';

const FEEDABLE = new Set(['FLOAT32', 'UINT8', 'INT8', 'INT16', 'INT32']);
const INTEGER_MAX: Record<string, number> = { UINT8: 255, INT8: 127, INT16: 32767, INT32: 2147483647 };

/** How one MNIST image is fed to the model's input. */
export interface InputFeed extends FeedText {
  /** One line for the page, e.g. "uint8 [1, 28, 28] raw pixels 0..255 (no quantization parameters)". */
  label: string;
  /** Why this range was chosen (`why` as English). */
  reason: string;
  why: FeedReason;
  /** True when the file does not say which range it expects (float input without a rescaling op). */
  guessed: boolean;
}

/** A file the lab does not run: its kind, what it is (title) and why, as English and as data (notes). */
export interface NotRunKind {
  kind: 'edgetpu' | 'custom' | 'multi-io' | 'other';
  title: string;
  details: string[];
  notes: { title: ModelNote[]; details: ModelNote[] };
}

export type ModelKind =
  | {
      kind: 'classifier';
      input: TfliteTensorInfo;
      output: TfliteTensorInfo;
      feed: InputFeed;
      /** e.g. "10 softmax scores (float32)", "10 logits", "10 quantized scores (int8, scale 1/256)". */
      outputLabel: string;
      /** What the output holds, as data (`outputLabel` in English). */
      scores: OutputScores;
      /** The input or an activation has a -1 batch in shape_signature (pinned to 1 before running). */
      dynamicBatch: boolean;
    }
  | NotRunKind;

/** A file the lab does not run, with its English sentences written from `title` and `details`. */
export function notRun(kind: NotRunKind['kind'], title: ModelNote[], details: ModelNote[]): NotRunKind {
  return {
    kind,
    title: title.map(englishModelNote).join(' '),
    details: details.map(englishModelNote),
    notes: { title, details },
  };
}

/** Names of the custom ops in the file ("edgetpu-custom-op", "TFLite_Detection_PostProcess", ...). */
export function customOps(info: TfliteModelInfo): string[] {
  return [...new Set(info.operatorCodes.flatMap((c) => (c.customCode !== undefined ? [c.customCode] : [])))];
}

/** True when any tensor's shape_signature has -1 as its first (batch) dimension. */
export function hasDynamicBatch(info: TfliteModelInfo): boolean {
  return info.subgraphs.some((sg) => sg.tensors.some((t) => t.shapeSignature?.[0] === -1));
}

const count = (s: readonly number[]) => s.reduce((a, d) => a * d, 1);
const ioTensors = (sg: TfliteSubgraphInfo, list: number[]): IoTensor[] =>
  list.map((i) => (sg.tensors[i] ? { type: sg.tensors[i]!.type, shape: sg.tensors[i]!.shape } : { missing: i }));

/**
 * Classifies the file and, for MNIST classifiers, decides the input feed.
 * @param options.bytes the file, to read a rescaling constant after a float input (optional)
 * @param options.range overrides the decided pixel range (the user's choice)
 */
export function describeModel(
  info: TfliteModelInfo,
  options: { bytes?: Uint8Array; range?: InputRange } = {},
): ModelKind {
  const sg = info.subgraphs[0];
  if (!sg) return notRun('other', [{ code: 'kind-no-subgraph' }], []);
  const io: ModelNote = { code: 'kind-io', inputs: ioTensors(sg, sg.inputs), outputs: ioTensors(sg, sg.outputs) };
  const custom = customOps(info);
  if (custom.includes(EDGETPU_CUSTOM_CODE)) return edgeTpuKind(sg, io);
  const postProcess = custom.includes(DETECTION_POSTPROCESS);
  const multiIo = sg.inputs.length !== 1 || sg.outputs.length !== 1 ? multiIoKind(sg, io, postProcess) : null;
  if (custom.length > 0) return customKind(custom, io, multiIo);
  if (multiIo) return multiIo;
  const input = sg.tensors[sg.inputs[0]!];
  const output = sg.tensors[sg.outputs[0]!];
  if (!input || !output) return notRun('other', [{ code: 'kind-missing-io' }], []);
  const why = ioProblem(input, 784, 'input') ?? ioProblem(output, 10, 'output');
  if (why) return notRun('other', [{ code: 'kind-not-mnist', why }], [io]);
  const scores = outputScores(sg, output);
  return {
    kind: 'classifier',
    input,
    output,
    feed: decideFeed(sg, input, options.bytes, options.range),
    outputLabel: englishOutputScores(scores),
    scores,
    dynamicBatch: hasDynamicBatch(info),
  };
}

function edgeTpuKind(sg: TfliteSubgraphInfo, io: ModelNote): NotRunKind {
  const tpuOps = sg.ops.filter((o) => o.opName === `CUSTOM:${EDGETPU_CUSTOM_CODE}`);
  const programBytes = tpuOps.reduce((s, o) => s + (o.customOptionsSize ?? 0), 0);
  const others = [...new Set(sg.ops.filter((o) => !tpuOps.includes(o)).map((o) => o.opName))];
  return notRun(
    'edgetpu',
    [{ code: 'kind-edgetpu' }],
    [
      { code: 'kind-edgetpu-ops', tpuOps: tpuOps.length, ops: sg.ops.length, programBytes },
      { code: 'kind-edgetpu-cpu', ops: others },
      { code: 'kind-edgetpu-coral' },
      io,
    ],
  );
}

function customKind(custom: string[], io: ModelNote, multiIo: NotRunKind | null): NotRunKind {
  return notRun(
    'custom',
    [{ code: 'kind-custom', ops: custom }, ...(multiIo ? multiIo.notes.title : [])],
    [{ code: 'kind-custom-why' }, ...(multiIo ? multiIo.notes.details : [io])],
  );
}

function multiIoKind(sg: TfliteSubgraphInfo, io: ModelNote, postProcess: boolean): NotRunKind {
  const outs = sg.outputs.map((i) => sg.tensors[i]).filter((t): t is TfliteTensorInfo => !!t);
  const boxes = outs.some((t) => t.shape.length >= 2 && t.shape[t.shape.length - 1] === 4);
  const detector = outs.length >= 3 && (boxes || postProcess);
  return notRun(
    'multi-io',
    [
      detector
        ? { code: 'kind-detector', outputs: outs.length }
        : { code: 'kind-multi-io', inputs: sg.inputs.length, outputs: sg.outputs.length },
    ],
    [io, { code: detector ? 'kind-detector-why' : 'kind-multi-io-why' }],
  );
}

function ioProblem(t: TfliteTensorInfo, elements: number, role: 'input' | 'output'): IoMismatch | null {
  const n = t.shape.every((d) => Number.isInteger(d) && d >= 0) ? count(t.shape) : -1;
  if (n !== elements) return { code: 'io-shape', role, shape: t.shape, elements };
  if (!FEEDABLE.has(t.type)) return { code: 'io-type', role, type: t.type };
  const rawUint8 = t.type === 'UINT8' && !t.quant && role === 'input';
  if (t.type !== 'FLOAT32' && !rawUint8 && role === 'input' && t.quant?.scale.length !== 1) {
    return { code: 'io-no-quant', role, type: t.type };
  }
  return null;
}

/** The op that reads tensor `i` first, and its other (constant) input, if any. */
function firstConsumer(sg: TfliteSubgraphInfo, i: number) {
  const op = sg.ops.find((o) => o.inputs.includes(i));
  const other = op?.inputs.map((k) => sg.tensors[k]).find((t) => t && t.index !== i && t.dataOffset >= 0);
  return { op, constant: other };
}

/** A float input followed by MUL 1/255 or DIV 255 (Keras Rescaling) takes raw pixels. */
function rescalesItself(sg: TfliteSubgraphInfo, input: TfliteTensorInfo, bytes?: Uint8Array): boolean {
  if (!bytes) return false;
  const { op, constant } = firstConsumer(sg, input.index);
  if (!op || !constant || count(constant.shape) !== 1) return false;
  const v = (() => {
    try {
      return constantValues(bytes, constant, { dequantize: true })?.[0];
    } catch {
      return undefined;
    }
  })();
  if (v === undefined) return false;
  return (op.opName === 'MUL' && Math.abs(v - 1 / 255) < 1e-4) || (op.opName === 'DIV' && Math.abs(v - 255) < 1e-3);
}

function decideFeed(
  sg: TfliteSubgraphInfo,
  input: TfliteTensorInfo,
  bytes?: Uint8Array,
  range?: InputRange,
): InputFeed {
  const feed = (f: FeedText, why: FeedReason, guessed = false): InputFeed => ({
    ...f,
    label: englishFeedLabel(f),
    reason: englishFeedReason(why),
    why,
    guessed,
  });
  const base = { type: input.type, shape: input.shape };
  const chosen: FeedReason = { code: 'feed-chosen' };
  if (input.type === 'FLOAT32') {
    const rescales = rescalesItself(sg, input, bytes);
    const r = range ?? (rescales ? '0-255' : '0-1');
    const why: FeedReason = range ? chosen : { code: rescales ? 'feed-rescales' : 'feed-float-guess' };
    return feed({ ...base, range: r }, why, !rescales && !range);
  }
  if (!input.quant) return feed({ ...base, range: range ?? '0-255' }, { code: 'feed-raw-uint8' });
  const scale = input.quant.scale[0]!;
  const zeroPoint = input.quant.zeroPoint[0] ?? 0;
  const maxReal = scale * ((INTEGER_MAX[input.type] ?? 255) - zeroPoint);
  const r = range ?? (maxReal > 2 ? '0-255' : '0-1');
  const why: FeedReason = range ? chosen : { code: 'feed-quant-range', maxReal: short(maxReal), range: r };
  return feed({ ...base, range: r, quant: { scale, zeroPoint } }, why);
}

function outputScores(sg: TfliteSubgraphInfo, output: TfliteTensorInfo): OutputScores {
  let producer = sg.ops.find((o) => o.outputs.includes(output.index));
  // QAT and int8 files end SOFTMAX -> DEQUANTIZE (or QUANTIZE to uint8): look through that step.
  if (producer && (producer.opName === 'DEQUANTIZE' || producer.opName === 'QUANTIZE')) {
    const before = producer.inputs[0];
    producer = sg.ops.find((o) => before !== undefined && o.outputs.includes(before)) ?? producer;
  }
  const softmax = producer?.opName === 'SOFTMAX';
  const q = output.quant?.scale.length ? output.quant : undefined;
  return {
    type: output.type,
    softmax,
    ...(output.type !== 'FLOAT32' && q && { quant: { scale: q.scale[0]!, zeroPoint: q.zeroPoint[0] ?? 0 } }),
  };
}
