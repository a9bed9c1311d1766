/**
 * `npm run corpus -- DIR [--limit N]`: inspects and evaluates every model file in DIR in Node with the
 * page's own code (inspectTflite, planRun, evaluateTflite on LiteRT.js), one line per file: kind, input
 * feed, ops, the accuracy on the MNIST test set or the reason it did not run, and whether the lab imports
 * it as its own model (a float32 .tflite, a Keras .h5 / .keras, a TF.js model.json with its shards beside it).
 *
 * Formats are dispatched by file extension through FORMATS; add an entry to read another format.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MnistSplit } from '../core/mnist/dataset';
import { importTfliteModel } from '../core/import/tflite-to-model';
import { describeArchitecture } from '../core/model/layer-shapes';
import { inspectTflite, type TfliteModelInfo } from '../core/tflite/inspect-tflite';
import { planRun } from '../core/tflite/run-plan';
import { evaluateTflite } from '../runtime/litert-eval';

/** One file's outcome. */
export interface CorpusLine {
  file: string;
  /** classifier, edgetpu, custom, multi-io, other, unreadable, failed */
  kind: string;
  /** The input feed used, or '' when nothing ran. */
  feed: string;
  /** Op names with counts, e.g. "CONV_2D x2, SOFTMAX". */
  ops: string;
  /** "accuracy 98.91% on 10,000 images", or why it did not run. */
  result: string;
  accuracy?: number;
  /** Whether the lab imports the file as its model: "imports: N layers, P parameters", or the importer's sentence. */
  imports?: string;
}

export interface CorpusContext {
  test: MnistSplit;
  limit?: number;
  /** The folder being read (a TF.js model.json finds its .bin shards there). */
  dir?: string;
}

type FormatReader = (file: string, bytes: Uint8Array, ctx: CorpusContext) => Promise<CorpusLine>;

/** Readers by file extension (lower case, with the dot). */
export const FORMATS: Record<string, FormatReader> = {
  '.tflite': tfliteLine,
  '.h5': (...args) => import('./corpus-keras').then((m) => m.kerasLine(...args)),
  '.keras': (...args) => import('./corpus-keras').then((m) => m.kerasLine(...args)),
  '.json': (...args) => import('./corpus-keras').then((m) => m.kerasLine(...args)),
};

/** The importer's verdict on a .tflite (pure: no runtime needed). */
function tfliteImports(file: string, bytes: Uint8Array): string {
  try {
    const m = importTfliteModel(bytes, file);
    return `imports: ${m.architecture.layers.length} layers, ${describeArchitecture(m.architecture).params.toLocaleString('en-US')} parameters, input [${m.architecture.inputShape.join(', ')}]`;
  } catch (e) {
    return `does not import: ${(e as Error).message}`;
  }
}

function opSummary(info: TfliteModelInfo): string {
  const counts = new Map<string, number>();
  for (const sg of info.subgraphs) for (const op of sg.ops) counts.set(op.opName, (counts.get(op.opName) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} x${n}` : name)).join(', ');
}

/** Inspects, plans and (for MNIST classifiers) evaluates one .tflite, as the inspector page does. */
async function tfliteLine(file: string, bytes: Uint8Array, ctx: CorpusContext): Promise<CorpusLine> {
  let info: TfliteModelInfo;
  try {
    info = inspectTflite(bytes);
  } catch (e) {
    return { file, kind: 'unreadable', feed: '', ops: '', result: `not a readable .tflite: ${(e as Error).message}` };
  }
  const ops = opSummary(info);
  const imports = tfliteImports(file, bytes);
  const plan = planRun(bytes, info);
  if (!plan.runs)
    return { file, kind: plan.model.kind, feed: '', ops, result: `not run: ${plan.model.title}`, imports };
  const feed = plan.feed.label + (plan.pinnedTensors > 0 ? `; batch pinned to 1 on ${plan.pinnedTensors} tensors` : '');
  try {
    const r = await evaluateTflite(plan.bytes, ctx.test.images, ctx.test.labels, {
      limit: ctx.limit,
      latencySamples: 50,
      inputRange: plan.feed.range,
    });
    const result = `accuracy ${(100 * r.accuracy).toFixed(2)}% on ${r.count.toLocaleString('en-US')} images (${plan.model.outputLabel})`;
    return { file, kind: 'classifier', feed, ops, result, accuracy: r.accuracy, imports };
  } catch (e) {
    return { file, kind: 'failed', feed, ops, result: `did not run: ${(e as Error).message}`, imports };
  }
}

/** A .json counts as a model only when it is a TF.js model (other JSON files in the folder are skipped). */
function isModelFile(dir: string, f: string): boolean {
  if (!FORMATS[extname(f).toLowerCase()] || !statSync(join(dir, f)).isFile()) return false;
  if (extname(f).toLowerCase() !== '.json') return true;
  return readFileSync(join(dir, f), 'utf8').slice(0, 100_000).includes('"modelTopology"');
}

/** Paths below `dir` (relative to it, subfolders included: a TF.js model keeps its shards' names in a folder of its own). */
function filesBelow(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => {
    const path = under ? `${under}/${e.name}` : e.name;
    return e.isDirectory() ? filesBelow(dir, path) : [path];
  });
}

/**
 * Every file of a known format in `dir` and its subfolders, sorted by path, each read and described. A
 * reader that throws gives its file a `failed` line with the error; the files after it still run.
 */
export async function runCorpus(dir: string, ctx: CorpusContext, onLine: (line: CorpusLine) => void) {
  const files = filesBelow(dir)
    .filter((f) => isModelFile(dir, f))
    .sort();
  const lines: CorpusLine[] = [];
  for (const f of files) {
    let line: CorpusLine;
    try {
      line = await FORMATS[extname(f).toLowerCase()]!(f, new Uint8Array(readFileSync(join(dir, f))), { ...ctx, dir });
    } catch (e) {
      line = {
        file: f,
        kind: 'failed',
        feed: '',
        ops: '',
        result: `failed: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    lines.push(line);
    onLine(line);
  }
  return lines;
}

/** `file | kind | feed | ops | result [| imports]` */
export function formatCorpusLine(l: CorpusLine): string {
  return [l.file, l.kind, l.feed || '–', l.ops || '–', l.result, ...(l.imports ? [l.imports] : [])].join(' | ');
}

async function main(argv: string[]): Promise<number> {
  const dir = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--limit');
  const limitAt = argv.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(argv[limitAt + 1]) : undefined;
  if (!dir || (limit !== undefined && !(limit > 0))) {
    console.error(
      'usage: npm run corpus -- DIR [--limit N]   (inspects, evaluates and imports every .tflite, .h5, .keras and TF.js model.json in DIR and its subfolders)',
    );
    return 2;
  }
  const { loadLiteRtForNode } = await import('./litert-node');
  const { loadMnistFromIdx } = await import('./mnist-node');
  const { engine } = await loadLiteRtForNode();
  const { test } = loadMnistFromIdx();
  console.log(`engine: ${engine}; MNIST test images: ${limit ?? test.labels.length}`);
  const lines = await runCorpus(dir, { test, limit }, (l) => console.log(formatCorpusLine(l)));
  const ran = lines.filter((l) => l.accuracy !== undefined).length;
  console.log(`${lines.length} file(s): ${ran} evaluated, ${lines.length - ran} not run`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
