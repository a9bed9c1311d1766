/**
 * Turns what LiteRT.js reports (thrown errors and ERROR log lines, full of internal source paths such as
 * `./third_party/odml/litert/litert/cc/litert_layout.h:140`) into sentences for people: what failed, why
 * in plain words, and what to do. The raw text never reaches the page; only a cleaned quote of it may.
 */

/** `[./third_party/.../file.h:140]`, `external/...cc:12`, `tensorflow/lite/...cc:85` and similar. */
const SOURCE_PATH = /\[?\s*\.{0,2}\/?(?:third_party|external|tensorflow|litert|odml|xla)\/[^\s\]]*\]?/g;

/** The raw text without source paths, log prefixes and tree glyphs; '' when nothing readable is left. */
export function stripInternalPaths(raw: string): string {
  return raw
    .replace(SOURCE_PATH, ' ')
    .replace(/\b(?:ERROR|WARNING|INFO):\s*/g, ' ')
    .replace(/[└├│─]+/g, ' ')
    .replace(/\s*\|\s*(?=\||$)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:|]+|[\s:|]+$/g, '');
}

/** What the lab was doing when LiteRT.js failed. */
export type LiteRtStage = 'load the model' | 'compile the model' | 'load and compile the model' | 'run the model';

/**
 * A LiteRT.js failure as data: what was being done, the recognised cause with its names, or for an unrecognised
 * one the cleaned quote of what LiteRT.js said (`quote`, '' when nothing readable was left). LiteRtError carries
 * it; the page's other languages write their sentence from it (src/ui/i18n/messages/core.zh-TW.ts).
 */
export type RuntimeProblem =
  | { code: 'litert-custom-op'; stage: LiteRtStage; op: string }
  | { code: 'litert-no-kernel'; stage: LiteRtStage; op: string; version: string }
  | { code: 'litert-allocate'; stage: LiteRtStage }
  | { code: 'litert-dynamic-shape'; stage: LiteRtStage }
  | { code: 'litert-element-type'; stage: LiteRtStage; type: string }
  | { code: 'litert-other'; stage: LiteRtStage; quote: string }
  /** The lab's own checks around LiteRT.js (litert-model.ts). */
  | { code: 'litert-io-count'; inputs: number; outputs: number }
  | { code: 'litert-no-model' }
  | { code: 'litert-io-size'; role: string; tensor: string; runtimeBytes: number; fileBytes: number }
  | { code: 'litert-deleted' }
  | { code: 'litert-input-size'; bytes: number; expected: number }
  | { code: 'litert-output-count'; outputs: number };

export type RuntimeProblemCode = RuntimeProblem['code'];

interface Rule {
  test: RegExp;
  problem: (stage: LiteRtStage, m: RegExpMatchArray) => RuntimeProblem;
}

const RULES: Rule[] = [
  {
    test: /unresolved custom op: ?([\w-]+(?:\.[\w-]+)*)/i,
    problem: (stage, m) => ({ code: 'litert-custom-op', stage, op: m[1]! }),
  },
  {
    test: /Didn't find op for builtin opcode '(\w+)' version '(\d+)'/,
    problem: (stage, m) => ({ code: 'litert-no-kernel', stage, op: m[1]!, version: m[2]! }),
  },
  { test: /Failed to allocate tensors/, problem: (stage) => ({ code: 'litert-allocate', stage }) },
  {
    test: /litert_ranked_tensor_type|litert_layout|dynamic|shape_signature|unknown dimension/i,
    problem: (stage) => ({ code: 'litert-dynamic-shape', stage }),
  },
  {
    test: /Element type (\w+) is not supported/,
    problem: (stage, m) => ({ code: 'litert-element-type', stage, type: m[1]! }),
  },
];

/**
 * What a LiteRT.js failure means, as data.
 * @param stage what was being done
 * @param raw the thrown message or the ERROR log lines, joined
 */
export function liteRtProblem(stage: LiteRtStage, raw: string): RuntimeProblem {
  for (const rule of RULES) {
    const m = raw.match(rule.test);
    if (m) return rule.problem(stage, m);
  }
  return { code: 'litert-other', stage, quote: stripInternalPaths(raw) };
}

const rejected = (stage: LiteRtStage) => `LiteRT.js rejected the model (it failed to ${stage})`;

const SENTENCES: { [K in RuntimeProblemCode]: (p: Extract<RuntimeProblem, { code: K }>) => string } = {
  'litert-custom-op': (p) =>
    `${rejected(p.stage)}: the file uses the custom operator ${p.op}, which this runtime has no code for. Custom operators need the application that runs the model to register them (Edge TPU files need a Coral device); run a file converted without it.`,
  'litert-no-kernel': (p) =>
    `${rejected(p.stage)}: this LiteRT.js build has no kernel for ${p.op} version ${p.version}. Convert the model with an older TensorFlow, or without that operator.`,
  'litert-allocate': (p) =>
    `${rejected(p.stage)}: it could not lay out the model's tensors ('Failed to allocate tensors'): the shapes of some layer do not fit together, or an operator does not accept these tensor types. The inspector's operator and tensor tables show the shapes to check.`,
  'litert-dynamic-shape': (p) =>
    `${rejected(p.stage)}: a tensor has a dimension that is only known at run time (a dynamic batch or image size), which this runtime refuses. Convert the model with a fixed input shape, or pin a -1 batch to 1 (the inspector does this for you when it finds one).`,
  'litert-element-type': (p) =>
    `${rejected(p.stage)}: its tensors use the type ${p.type}, which this runtime cannot feed or read. Use float32, int8 or uint8 inputs and outputs.`,
  'litert-other': (p) =>
    `${rejected(p.stage)}${p.quote ? `, saying “${p.quote}”` : ' without saying why'}. ` +
    'The file may use an operator, type or shape this runtime does not support; the inspector’s tables show what it contains.',
  'litert-io-count': (p) => `expected a model with 1 input and 1 output, got ${p.inputs} and ${p.outputs}`,
  'litert-no-model': () => 'LiteRT.js failed to load the model (no model returned)',
  'litert-io-size': (p) =>
    `${p.role} '${p.tensor}' is ${p.runtimeBytes} bytes in LiteRT but ${p.fileBytes} bytes in the file`,
  'litert-deleted': () => 'model session was deleted',
  'litert-input-size': (p) => `input is ${p.bytes} bytes, the model expects ${p.expected}`,
  'litert-output-count': (p) => `expected 1 output, LiteRT returned ${p.outputs}`,
};

/** The English sentence of a runtime problem. */
export function englishRuntimeProblem(p: RuntimeProblem): string {
  return (SENTENCES[p.code] as (p: RuntimeProblem) => string)(p);
}

/**
 * One sentence for a LiteRT.js failure.
 * @param stage what was being done, e.g. "compile the model"
 * @param raw the thrown message or the ERROR log lines, joined
 */
export function explainLiteRtError(stage: LiteRtStage, raw: string): string {
  return englishRuntimeProblem(liteRtProblem(stage, raw));
}
