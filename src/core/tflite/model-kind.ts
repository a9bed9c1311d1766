/**
 * What a .tflite file is, for the lab: an MNIST classifier it can run (and how to feed it), an Edge TPU file,
 * a model with other custom ops, a multi-input/multi-output model (e.g. a detector), or something else. Decided
 * from the file alone; the page, the runtime and the corpus command share this one decision.
 */
import { constantValues, type TfliteModelInfo, type TfliteSubgraphInfo, type TfliteTensorInfo } from './inspect-tflite';

/** Pixel values fed as reals: pixel / 255 in [0, 1], or the raw pixel in [0, 255]. */
export type InputRange = '0-1' | '0-255';

/** Custom code of the SSD post-processing op (boxes, classes, scores, count) in TFLite's detection models. */
const DETECTION_POSTPROCESS = 'TFLite_Detection_PostProcess';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Custom code of the op edgetpu_compiler writes around the part of the graph it compiled. */
export const EDGETPU_CUSTOM_CODE = 'edgetpu-custom-op';

const FEEDABLE = new Set(['FLOAT32', 'UINT8', 'INT8', 'INT16', 'INT32']);
const INTEGER_MAX: Record<string, number> = { UINT8: 255, INT8: 127, INT16: 32767, INT32: 2147483647 };

/** How one MNIST image is fed to the model's input. */
export interface InputFeed {
  /** TensorType name of the input. */
  type: string;
  shape: number[];
  range: InputRange;
  /** Per-tensor quantization of an integer input; absent for float and for raw uint8 pixels. */
  quant?: { scale: number; zeroPoint: number };
  /** One line for the page, e.g. "uint8 [1, 28, 28] raw pixels 0..255 (no quantization parameters)". */
  label: string;
  /** Why this range was chosen. */
  reason: string;
  /** True when the file does not say which range it expects (float input without a rescaling op). */
  guessed: boolean;
}

export type ModelKind =
  | {
      kind: 'classifier';
      input: TfliteTensorInfo;
      output: TfliteTensorInfo;
      feed: InputFeed;
      /** e.g. "10 softmax scores (float32)", "10 logits", "10 quantized scores (int8, scale 1/256)". */
      outputLabel: string;
      /** The input or an activation has a -1 batch in shape_signature (pinned to 1 before running). */
      dynamicBatch: boolean;
    }
  | { kind: 'edgetpu' | 'custom' | 'multi-io' | 'other'; title: string; details: string[] };

/** Names of the custom ops in the file ("edgetpu-custom-op", "TFLite_Detection_PostProcess", ...). */
export function customOps(info: TfliteModelInfo): string[] {
  return [...new Set(info.operatorCodes.flatMap((c) => (c.customCode !== undefined ? [c.customCode] : [])))];
}

/** True when any tensor's shape_signature has -1 as its first (batch) dimension. */
export function hasDynamicBatch(info: TfliteModelInfo): boolean {
  return info.subgraphs.some((sg) => sg.tensors.some((t) => t.shapeSignature?.[0] === -1));
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;
const count = (s: readonly number[]) => s.reduce((a, d) => a * d, 1);
const ioText = (sg: TfliteSubgraphInfo, list: number[]) =>
  list.map((i) =>
    sg.tensors[i] ? `${sg.tensors[i]!.type.toLowerCase()} ${shapeText(sg.tensors[i]!.shape)}` : `#${i}`,
  );

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
  if (!sg) return { kind: 'other', title: 'The model has no subgraph.', details: [] };
  const io = `${plural(sg.inputs.length, 'input')}: ${ioText(sg, sg.inputs).join('; ') || 'none'}; ${plural(sg.outputs.length, 'output')}: ${ioText(sg, sg.outputs).join('; ') || 'none'}.`;
  const custom = customOps(info);
  if (custom.includes(EDGETPU_CUSTOM_CODE)) return edgeTpuKind(sg, io);
  const postProcess = custom.includes(DETECTION_POSTPROCESS);
  const multiIo = sg.inputs.length !== 1 || sg.outputs.length !== 1 ? multiIoKind(sg, io, postProcess) : null;
  if (custom.length > 0) return customKind(custom, io, multiIo);
  if (multiIo) return multiIo;
  const input = sg.tensors[sg.inputs[0]!];
  const output = sg.tensors[sg.outputs[0]!];
  if (!input || !output)
    return { kind: 'other', title: 'Its input or output refers to a missing tensor.', details: [] };
  const problem = ioProblem(input, 784, 'input', 'a 28 × 28 image') ?? ioProblem(output, 10, 'output', 'one per digit');
  if (problem) return { kind: 'other', title: `Not an MNIST classifier: ${problem}.`, details: [io] };
  return {
    kind: 'classifier',
    input,
    output,
    feed: decideFeed(sg, input, options.bytes, options.range),
    outputLabel: outputLabel(sg, output),
    dynamicBatch: hasDynamicBatch(info),
  };
}

function edgeTpuKind(sg: TfliteSubgraphInfo, io: string): ModelKind {
  const tpuOps = sg.ops.filter((o) => o.opName === `CUSTOM:${EDGETPU_CUSTOM_CODE}`);
  const program = tpuOps.reduce((s, o) => s + (o.customOptionsSize ?? 0), 0);
  const others = [...new Set(sg.ops.filter((o) => !tpuOps.includes(o)).map((o) => o.opName))];
  return {
    kind: 'edgetpu',
    title: 'An Edge TPU model: compiled by edgetpu_compiler for a Coral Edge TPU.',
    details: [
      `${tpuOps.length} of ${sg.ops.length} operator(s) are ${EDGETPU_CUSTOM_CODE}; its custom options (${program.toLocaleString('en-US')} bytes) hold the graph compiled for the Edge TPU, not TFLite operators.`,
      others.length > 0
        ? `Operators outside it, run on the CPU: ${others.join(', ')}.`
        : 'No operators run outside it.',
      'It runs only with a Coral Edge TPU and its delegate (libedgetpu), which a browser does not have, so the lab does not send it to the runtime. Run the file you compiled it from (the one without _edgetpu) to score it here.',
      io,
    ],
  };
}

function customKind(custom: string[], io: string, multiIo: ModelKind | null): ModelKind {
  const also = multiIo && multiIo.kind !== 'classifier' ? multiIo : null;
  return {
    kind: 'custom',
    title: `Uses custom operator(s) ${custom.join(', ')}.${also ? ` ${also.title}` : ''}`,
    details: [
      'Custom operators are not part of TFLite’s builtin set: the runtime needs their code registered by the application, which LiteRT.js in this page does not have, so the lab does not send the file to the runtime.',
      ...(also ? also.details : [io]),
    ],
  };
}

function multiIoKind(sg: TfliteSubgraphInfo, io: string, postProcess: boolean): ModelKind {
  const outs = sg.outputs.map((i) => sg.tensors[i]).filter((t): t is TfliteTensorInfo => !!t);
  const boxes = outs.some((t) => t.shape.length >= 2 && t.shape[t.shape.length - 1] === 4);
  const detector = outs.length >= 3 && (boxes || postProcess);
  return {
    kind: 'multi-io',
    title: detector
      ? `A detector-like model: ${outs.length} outputs (boxes of 4 coordinates, classes, scores, count).`
      : `A model with ${plural(sg.inputs.length, 'input')} and ${plural(sg.outputs.length, 'output')}.`,
    details: [
      io,
      detector
        ? 'Object detectors return boxes, classes, scores and a count for a photo; they are not digit classifiers, so the lab inspects the file and does not score it on MNIST.'
        : 'An MNIST classifier has one input (a 28 × 28 image) and one output (10 scores), so the lab inspects the file and does not score it.',
    ],
  };
}

function ioProblem(t: TfliteTensorInfo, elements: number, role: string, meaning: string): string | null {
  const n = t.shape.every((d) => Number.isInteger(d) && d >= 0) ? count(t.shape) : -1;
  if (n !== elements) return `its ${role} has shape ${shapeText(t.shape)}, not ${elements} values (${meaning})`;
  if (!FEEDABLE.has(t.type)) return `its ${role} is ${t.type}; the lab feeds float32, int8, uint8, int16 or int32`;
  const rawUint8 = t.type === 'UINT8' && !t.quant && role === 'input';
  if (t.type !== 'FLOAT32' && !rawUint8 && role === 'input' && t.quant?.scale.length !== 1) {
    return `its ${role} is ${t.type} without per-tensor quantization parameters, so pixels cannot be mapped to it`;
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
  const base = { type: input.type, shape: input.shape };
  const type = `${input.type.toLowerCase()} ${shapeText(input.shape)}`;
  const rangeText = (r: InputRange) => (r === '0-1' ? 'in [0, 1] (pixel / 255)' : 'in [0, 255] (raw pixels)');
  const chosen = (decided: InputRange) => range ?? decided;
  if (input.type === 'FLOAT32') {
    const rescales = rescalesItself(sg, input, bytes);
    const r = chosen(rescales ? '0-255' : '0-1');
    const reason = range
      ? 'the range you chose'
      : rescales
        ? 'the model divides its input by 255 itself (a Rescaling op follows the input)'
        : 'the file does not say; [0, 1] is what Keras tutorials train on (switch to [0, 255] if accuracy is low)';
    return {
      ...base,
      range: r,
      label: `float32 ${shapeText(input.shape)} ${rangeText(r)}`,
      reason,
      guessed: !rescales && !range,
    };
  }
  if (!input.quant) {
    const r = chosen('0-255');
    const reason = 'a uint8 input without quantization parameters takes raw pixels (the model casts and scales them)';
    return {
      ...base,
      range: r,
      label: `${type} ${r === '0-255' ? 'raw pixels 0..255' : rangeText(r)}, no quantization parameters`,
      reason,
      guessed: false,
    };
  }
  const scale = input.quant.scale[0]!;
  const zeroPoint = input.quant.zeroPoint[0] ?? 0;
  const maxReal = scale * ((INTEGER_MAX[input.type] ?? 255) - zeroPoint);
  const r = chosen(maxReal > 2 ? '0-255' : '0-1');
  const reason = range
    ? 'the range you chose'
    : `its quantization covers reals up to ${Number(maxReal.toPrecision(4))}, so pixels are fed ${r === '0-255' ? 'raw' : 'as pixel / 255'}`;
  return {
    ...base,
    range: r,
    quant: { scale, zeroPoint },
    label: `${type} quantized (scale ${Number(scale.toPrecision(4))}, zero point ${zeroPoint}), reals ${rangeText(r)}`,
    reason,
    guessed: false,
  };
}

function outputLabel(sg: TfliteSubgraphInfo, output: TfliteTensorInfo): string {
  let producer = sg.ops.find((o) => o.outputs.includes(output.index));
  // QAT and int8 files end SOFTMAX -> DEQUANTIZE (or QUANTIZE to uint8): look through that step.
  if (producer && (producer.opName === 'DEQUANTIZE' || producer.opName === 'QUANTIZE')) {
    const before = producer.inputs[0];
    producer = sg.ops.find((o) => before !== undefined && o.outputs.includes(before)) ?? producer;
  }
  const softmax = producer?.opName === 'SOFTMAX';
  if (output.type === 'FLOAT32') return softmax ? '10 softmax scores (float32)' : '10 scores or logits (float32)';
  const q = output.quant?.scale.length ? output.quant : undefined;
  return q
    ? `10 quantized scores (${output.type.toLowerCase()}, scale ${Number(q.scale[0]!.toPrecision(4))}, zero point ${q.zeroPoint[0] ?? 0})`
    : `10 integer scores (${output.type.toLowerCase()}, no quantization parameters)`;
}
