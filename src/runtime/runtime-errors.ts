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

interface Rule {
  test: RegExp;
  sentence: (m: RegExpMatchArray) => string;
}

const RULES: Rule[] = [
  {
    test: /unresolved custom op: ?([\w-]+(?:\.[\w-]+)*)/i,
    sentence: (m) =>
      `the file uses the custom operator ${m[1]}, which this runtime has no code for. Custom operators need the application that runs the model to register them (Edge TPU files need a Coral device); run a file converted without it.`,
  },
  {
    test: /Didn't find op for builtin opcode '(\w+)' version '(\d+)'/,
    sentence: (m) =>
      `this LiteRT.js build has no kernel for ${m[1]} version ${m[2]}. Convert the model with an older TensorFlow, or without that operator.`,
  },
  {
    test: /Failed to allocate tensors/,
    sentence: () =>
      `it could not lay out the model's tensors ('Failed to allocate tensors'): the shapes of some layer do not fit together, or an operator does not accept these tensor types. The inspector's operator and tensor tables show the shapes to check.`,
  },
  {
    test: /litert_ranked_tensor_type|litert_layout|dynamic|shape_signature|unknown dimension/i,
    sentence: () =>
      'a tensor has a dimension that is only known at run time (a dynamic batch or image size), which this runtime refuses. Convert the model with a fixed input shape, or pin a -1 batch to 1 (the inspector does this for you when it finds one).',
  },
  {
    test: /Element type (\w+) is not supported/,
    sentence: (m) =>
      `its tensors use the type ${m[1]}, which this runtime cannot feed or read. Use float32, int8 or uint8 inputs and outputs.`,
  },
];

/**
 * One sentence for a LiteRT.js failure.
 * @param stage what was being done, e.g. "compile the model"
 * @param raw the thrown message or the ERROR log lines, joined
 */
export function explainLiteRtError(stage: string, raw: string): string {
  for (const rule of RULES) {
    const m = raw.match(rule.test);
    if (m) return `LiteRT.js rejected the model (it failed to ${stage}): ${rule.sentence(m)}`;
  }
  const quote = stripInternalPaths(raw);
  return (
    `LiteRT.js rejected the model (it failed to ${stage})${quote ? `, saying “${quote}”` : ' without saying why'}. ` +
    'The file may use an operator, type or shape this runtime does not support; the inspector’s tables show what it contains.'
  );
}
