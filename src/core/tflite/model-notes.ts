/**
 * What the lab says about a .tflite file it inspects (model-kind.ts decides it), as data: why it is not run
 * (an Edge TPU file, custom ops, a detector, a shape that is not MNIST's), how an MNIST image is fed to its input
 * and why, and what its output holds. The English sentences are written here (the page, the corpus command,
 * report.json's input_feed); the page's other languages write theirs from the same data
 * (src/ui/i18n/messages/model-kind.zh-TW.ts).
 */

/** Pixel values fed as reals: pixel / 255 in [0, 1], or the raw pixel in [0, 255]. */
export type InputRange = '0-1' | '0-255';

/** One input or output as a note names it: its type (schema name) and shape, or the index of a missing tensor. */
export type IoTensor = { type: string; shape: number[] } | { missing: number };

/** Why the input or output does not fit an MNIST classifier (one 784-value input, one 10-value output). */
export type IoMismatch =
  | { code: 'io-shape'; role: 'input' | 'output'; shape: number[]; elements: number }
  | { code: 'io-type'; role: 'input' | 'output'; type: string }
  | { code: 'io-no-quant'; role: 'input' | 'output'; type: string };

/** One sentence about the file: its kind (a title) or a detail below it. */
export type ModelNote =
  | { code: 'kind-no-subgraph' }
  | { code: 'kind-missing-io' }
  | { code: 'kind-not-mnist'; why: IoMismatch }
  | { code: 'kind-pin-failed'; detail: string }
  | { code: 'kind-edgetpu' }
  | { code: 'kind-edgetpu-ops'; tpuOps: number; ops: number; programBytes: number }
  /** `ops`: the operators outside the compiled part, which run on the CPU (none: empty). */
  | { code: 'kind-edgetpu-cpu'; ops: string[] }
  | { code: 'kind-edgetpu-coral' }
  | { code: 'kind-custom'; ops: string[] }
  | { code: 'kind-custom-why' }
  | { code: 'kind-detector'; outputs: number }
  | { code: 'kind-multi-io'; inputs: number; outputs: number }
  | { code: 'kind-detector-why' }
  | { code: 'kind-multi-io-why' }
  | { code: 'kind-io'; inputs: IoTensor[]; outputs: IoTensor[] };

export type ModelNoteCode = ModelNote['code'];

/** Why a pixel range was chosen for the input. */
export type FeedReason =
  | { code: 'feed-chosen' }
  | { code: 'feed-rescales' }
  | { code: 'feed-float-guess' }
  | { code: 'feed-raw-uint8' }
  /** The quantized input covers reals up to `maxReal` (4 significant digits). */
  | { code: 'feed-quant-range'; maxReal: number; range: InputRange };

export type FeedReasonCode = FeedReason['code'];

/** How one MNIST image is fed: the input's type and shape, the range, and its per-tensor quantization if any. */
export interface FeedText {
  type: string;
  shape: number[];
  range: InputRange;
  quant?: { scale: number; zeroPoint: number };
}

/** What the classifier's output holds: its type, whether a softmax makes it, its quantization if any. */
export interface OutputScores {
  type: string;
  softmax: boolean;
  quant?: { scale: number; zeroPoint: number };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;
/** 4 significant digits, as the notes print scales and ranges. */
export const short = (x: number) => Number(x.toPrecision(4));

/** "float32 [1, 28, 28, 1]" or "#7" for a missing tensor. */
export function ioTensorText(t: IoTensor): string {
  return 'missing' in t ? `#${t.missing}` : `${t.type.toLowerCase()} ${shapeText(t.shape)}`;
}

const MISMATCH: { [K in IoMismatch['code']]: (p: Extract<IoMismatch, { code: K }>) => string } = {
  'io-shape': (p) =>
    `its ${p.role} has shape ${shapeText(p.shape)}, not ${p.elements} values (${p.role === 'input' ? 'a 28 × 28 image' : 'one per digit'})`,
  'io-type': (p) => `its ${p.role} is ${p.type}; the lab feeds float32, int8, uint8, int16 or int32`,
  'io-no-quant': (p) =>
    `its ${p.role} is ${p.type} without per-tensor quantization parameters, so pixels cannot be mapped to it`,
};

/** "its input has shape [1, 32, 32, 3], not 784 values (a 28 × 28 image)". */
export function englishIoMismatch(p: IoMismatch): string {
  return (MISMATCH[p.code] as (p: IoMismatch) => string)(p);
}

const NOTES: { [K in ModelNoteCode]: (p: Extract<ModelNote, { code: K }>) => string } = {
  'kind-no-subgraph': () => 'The model has no subgraph.',
  'kind-missing-io': () => 'Its input or output refers to a missing tensor.',
  'kind-not-mnist': (p) => `Not an MNIST classifier: ${englishIoMismatch(p.why)}.`,
  'kind-pin-failed': (p) => `Its dynamic batch could not be pinned to 1 (${p.detail}).`,
  'kind-edgetpu': () => 'An Edge TPU model: compiled by edgetpu_compiler for a Coral Edge TPU.',
  'kind-edgetpu-ops': (p) =>
    `${p.tpuOps} of ${p.ops} operator(s) are edgetpu-custom-op; its custom options (${p.programBytes.toLocaleString('en-US')} bytes) hold the graph compiled for the Edge TPU, not TFLite operators.`,
  'kind-edgetpu-cpu': (p) =>
    p.ops.length > 0 ? `Operators outside it, run on the CPU: ${p.ops.join(', ')}.` : 'No operators run outside it.',
  'kind-edgetpu-coral': () =>
    'It runs only with a Coral Edge TPU and its delegate (libedgetpu), which a browser does not have, so the lab does not send it to the runtime. Run the file you compiled it from (the one without _edgetpu) to score it here.',
  'kind-custom': (p) => `Uses custom operator(s) ${p.ops.join(', ')}.`,
  'kind-custom-why': () =>
    'Custom operators are not part of TFLite’s builtin set: the runtime needs their code registered by the application, which LiteRT.js in this page does not have, so the lab does not send the file to the runtime.',
  'kind-detector': (p) =>
    `A detector-like model: ${p.outputs} outputs (boxes of 4 coordinates, classes, scores, count).`,
  'kind-multi-io': (p) => `A model with ${plural(p.inputs, 'input')} and ${plural(p.outputs, 'output')}.`,
  'kind-detector-why': () =>
    'Object detectors return boxes, classes, scores and a count for a photo; they are not digit classifiers, so the lab inspects the file and does not score it on MNIST.',
  'kind-multi-io-why': () =>
    'An MNIST classifier has one input (a 28 × 28 image) and one output (10 scores), so the lab inspects the file and does not score it.',
  'kind-io': (p) =>
    `${plural(p.inputs.length, 'input')}: ${p.inputs.map(ioTensorText).join('; ') || 'none'}; ` +
    `${plural(p.outputs.length, 'output')}: ${p.outputs.map(ioTensorText).join('; ') || 'none'}.`,
};

/** The English sentence of a note. */
export function englishModelNote(p: ModelNote): string {
  return (NOTES[p.code] as (p: ModelNote) => string)(p);
}

const rangeText = (r: InputRange) => (r === '0-1' ? 'in [0, 1] (pixel / 255)' : 'in [0, 255] (raw pixels)');

/** One line, e.g. "uint8 [1, 28, 28] raw pixels 0..255, no quantization parameters". */
export function englishFeedLabel(f: FeedText): string {
  const type = `${f.type.toLowerCase()} ${shapeText(f.shape)}`;
  if (f.type === 'FLOAT32') return `${type} ${rangeText(f.range)}`;
  if (!f.quant)
    return `${type} ${f.range === '0-255' ? 'raw pixels 0..255' : rangeText(f.range)}, no quantization parameters`;
  return `${type} quantized (scale ${short(f.quant.scale)}, zero point ${f.quant.zeroPoint}), reals ${rangeText(f.range)}`;
}

const REASONS: { [K in FeedReasonCode]: (p: Extract<FeedReason, { code: K }>) => string } = {
  'feed-chosen': () => 'the range you chose',
  'feed-rescales': () => 'the model divides its input by 255 itself (a Rescaling op follows the input)',
  'feed-float-guess': () =>
    'the file does not say; [0, 1] is what Keras tutorials train on (switch to [0, 255] if accuracy is low)',
  'feed-raw-uint8': () =>
    'a uint8 input without quantization parameters takes raw pixels (the model casts and scales them)',
  'feed-quant-range': (p) =>
    `its quantization covers reals up to ${p.maxReal}, so pixels are fed ${p.range === '0-255' ? 'raw' : 'as pixel / 255'}`,
};

/** Why the range was chosen, in English. */
export function englishFeedReason(p: FeedReason): string {
  return (REASONS[p.code] as (p: FeedReason) => string)(p);
}

/** "10 softmax scores (float32)", "10 quantized scores (int8, scale 0.003906, zero point -128)", ... */
export function englishOutputScores(o: OutputScores): string {
  if (o.type === 'FLOAT32') return o.softmax ? '10 softmax scores (float32)' : '10 scores or logits (float32)';
  const type = o.type.toLowerCase();
  return o.quant
    ? `10 quantized scores (${type}, scale ${short(o.quant.scale)}, zero point ${o.quant.zeroPoint})`
    : `10 integer scores (${type}, no quantization parameters)`;
}
