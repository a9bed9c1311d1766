/**
 * Why a model file cannot be imported, as data: a code and the names and numbers of the problem. ModelImportError
 * carries it; its message is the English sentence written here (the CLI's), and the page's other languages write
 * their own from the same data (src/ui/i18n/messages/core.zh-TW.ts). `import-other` holds a sentence not yet
 * given a code of its own; the page shows it in English.
 */
import type { TfliteProblem } from '../tflite/format-problem';

export type ImportProblem =
  | { code: 'import-not-model-file'; file: string }
  | { code: 'import-choose-one' }
  | { code: 'import-not-keras-zip'; file: string }
  | { code: 'import-not-tfjs'; file: string }
  | { code: 'import-tfjs-missing-shard'; file: string }
  | { code: 'import-unsupported-layer'; layer: string; className: string; supported: string[] }
  /** `problem` is the reader's, when it said one; `detail` its English message either way. */
  | { code: 'import-tflite-unreadable'; file: string; problem?: TfliteProblem; detail: string }
  | { code: 'import-tflite-unsupported-op'; file: string; op: string; index: number; supported: string[] }
  | { code: 'import-tflite-quantized'; file: string; what: string }
  | { code: 'import-tflite-subgraphs'; file: string; count: number }
  | { code: 'import-tflite-io'; file: string; inputs: number; outputs: number }
  | { code: 'import-tflite-input-type'; file: string; type: string }
  | { code: 'import-other'; text: string };

export type ImportProblemCode = ImportProblem['code'];

const SENTENCES: { [K in ImportProblemCode]: (p: Extract<ImportProblem, { code: K }>) => string } = {
  'import-not-model-file': (p) =>
    `${p.file} is not a model file the lab reads: choose a Keras .h5 or .keras, a TF.js model.json with its .bin files, or a float32 .tflite.`,
  'import-choose-one': () => 'Choose one model file (or a model.json with its .bin files).',
  'import-not-keras-zip': (p) =>
    `${p.file} is a zip but not a Keras 3 .keras file (it needs config.json and model.weights.h5).`,
  'import-not-tfjs': (p) => `${p.file} is not a TF.js Layers model (it needs modelTopology and weightsManifest).`,
  'import-tfjs-missing-shard': (p) => `model.json needs ${p.file}; choose it together with model.json.`,
  'import-unsupported-layer': (p) =>
    `Layer ${p.layer} is a ${p.className}, which the lab does not import yet. Supported: ${p.supported.join(', ')}.`,
  'import-tflite-unreadable': (p) => `${p.file} is not a readable .tflite file: ${p.detail}.`,
  'import-tflite-unsupported-op': (p) =>
    `${p.file} uses ${p.op} (operator ${p.index}), which the lab does not import yet. Supported: ${p.supported.join(', ')}.`,
  'import-tflite-quantized': (p) =>
    `${p.file} is already quantized (${p.what}); the lab imports float32 .tflite files. Open it in the inspector to run and inspect it instead.`,
  'import-tflite-subgraphs': (p) => `${p.file} has ${p.count} subgraphs; the lab imports a single-subgraph model.`,
  'import-tflite-io': (p) =>
    `${p.file} has ${p.inputs} inputs and ${p.outputs} outputs; the lab imports one input and one output.`,
  'import-tflite-input-type': (p) => `${p.file} takes a ${p.type} input; the lab imports models with a float32 input.`,
  'import-other': (p) => p.text,
};

/** The English sentence of an import problem. */
export function englishImportProblem(p: ImportProblem): string {
  return (SENTENCES[p.code] as (p: ImportProblem) => string)(p);
}

/** The reader's problem and message of a .tflite file that could not be read, for `import-tflite-unreadable`. */
export function readerProblem(e: unknown): { problem?: TfliteProblem; detail: string } {
  const problem = (e as { problem?: TfliteProblem } | null)?.problem;
  const detail = e instanceof Error ? e.message : String(e);
  return problem ? { problem, detail } : { detail };
}
