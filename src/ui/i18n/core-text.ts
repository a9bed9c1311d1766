/**
 * Core sentences in the shown language. The core says what went wrong as data (a code and its numbers, each
 * domain's union declared once: deploy-problem.ts, format-problem.ts, import-problem.ts, runtime-errors.ts,
 * divergence.ts, dataset-problem.ts, compress-problem.ts) and
 * writes the English sentence from it; zh-TW is written from the same data by the typed tables in messages/.
 * `english` says when the text is English anyway (a sentence without a code yet, a plain Error), so the page
 * can mark it lang="en".
 */
import {
  englishDeployProblem,
  englishEdgeTpuCpu,
  type DeployProblem,
  type EdgeTpuCpuReason,
} from '../../core/deploy/deploy-problem';
import { problemOf as codedProblemOf } from '../../core/errors/coded-error';
import { englishCompressProblem, type CompressProblem } from '../../core/compress/compress-problem';
import { englishDatasetProblem, type DatasetProblem } from '../../core/mnist/dataset-problem';
import { englishFieldProblem, type FieldProblem } from '../../core/settings/fields';
import { englishQatLine, type QatSummaryLine } from '../../core/qat/explain-qat';
import { englishImportProblem, type ImportProblem } from '../../core/import/import-problem';
import { englishTfliteProblem, type TfliteProblem } from '../../core/tflite/format-problem';
import { englishTrainProblem, type TrainProblem } from '../../core/train/divergence';
import { englishRuntimeProblem, type RuntimeProblem } from '../../runtime/runtime-errors';
import type { Language } from './languages';
import { deployProblemZh, edgeTpuCpuZh } from './messages/deploy.zh-TW';
import { QAT_LINE_ZH, RUNTIME_ZH, TRAIN_ZH, fieldProblemZh, tfliteProblemZh } from './messages/errors.zh-TW';
import { importProblemZh, importRawDetail } from './messages/import.zh-TW';
import { compressProblemZh, datasetProblemZh } from './messages/panels.zh-TW';

/** Every coded core sentence the page shows. */
export type CoreProblem =
  DeployProblem | TfliteProblem | ImportProblem | RuntimeProblem | TrainProblem | DatasetProblem | CompressProblem;

/**
 * A core sentence in one language; `where` is the place in a file it names (an identifier path), if any; `raw` a
 * third-party library's own English message that follows the sentence (h5wasm's, JSON.parse's), if any.
 */
export interface CoreText {
  text: string;
  english: boolean;
  where?: string;
  raw?: string;
}

const isTflite = (p: CoreProblem): p is TfliteProblem => p.code.startsWith('tflite-');
const isImport = (p: CoreProblem): p is ImportProblem => p.code.startsWith('import-');
const isRuntime = (p: CoreProblem): p is RuntimeProblem => p.code.startsWith('litert-');
const isTrain = (p: CoreProblem): p is TrainProblem => p.code.startsWith('train-');
const isDataset = (p: CoreProblem): p is DatasetProblem => p.code.startsWith('dataset-');
const isCompress = (p: CoreProblem): p is CompressProblem => p.code.startsWith('compress-');

function english(p: CoreProblem): string {
  if (isTflite(p)) return englishTfliteProblem(p);
  if (isImport(p)) return englishImportProblem(p);
  if (isRuntime(p)) return englishRuntimeProblem(p);
  if (isTrain(p)) return englishTrainProblem(p);
  if (isDataset(p)) return englishDatasetProblem(p);
  if (isCompress(p)) return englishCompressProblem(p);
  return englishDeployProblem(p);
}

function chinese(p: CoreProblem): string | undefined {
  if (isTflite(p)) return tfliteProblemZh(p);
  if (isImport(p)) return importProblemZh(p);
  if (isRuntime(p)) return (RUNTIME_ZH[p.code] as (p: RuntimeProblem) => string)(p);
  if (isTrain(p)) return (TRAIN_ZH[p.code] as (p: TrainProblem) => string)(p);
  if (isDataset(p)) return datasetProblemZh(p);
  if (isCompress(p)) return compressProblemZh(p);
  return deployProblemZh(p);
}

/** A coded problem in `language`. */
export function problemText(p: CoreProblem, language: Language): CoreText {
  const zh = language === 'zh-TW' ? chinese(p) : undefined;
  if (zh === undefined) return { text: english(p), english: true };
  const raw = isImport(p) ? importRawDetail(p) : undefined;
  return raw === undefined ? { text: zh, english: false } : { text: zh, english: false, raw };
}

/** A core text as one string (its raw message appended). */
function joined(t: CoreText): string {
  return t.raw === undefined ? t.text : `${t.text}${t.raw}`;
}

/** Several problems in `language`, joined (English "; ", zh-TW "；" unless `separator` is given). */
export function problemsText(ps: readonly CoreProblem[], language: Language, separator?: string): string {
  const sep = separator ?? (language === 'zh-TW' ? '；' : '; ');
  return ps.map((p) => joined(problemText(p, language))).join(sep);
}

/**
 * A settings value its field does not allow, in `language`; `label` is the field's name as the form shows it
 * (the English sentence is the core's, with the declaration's label).
 */
export function fieldProblemText(p: FieldProblem, language: Language, label?: string): string {
  return language === 'zh-TW' ? fieldProblemZh(p, label ?? p.label) : englishFieldProblem(p);
}

/** Several settings problems, joined as problemsText joins; `texts` has the form's labels by field key. */
export function fieldProblemsText(
  ps: readonly FieldProblem[],
  language: Language,
  texts: Partial<Record<string, { label: string }>>,
): string {
  return ps.map((p) => fieldProblemText(p, language, texts[p.key]?.label)).join(language === 'zh-TW' ? '；' : '; ');
}

/** A line of the QAT summary in `language`. */
export function qatLineText(l: QatSummaryLine, language: Language): string {
  return language === 'zh-TW' ? (QAT_LINE_ZH[l.code] as (l: QatSummaryLine) => string)(l) : englishQatLine(l);
}

/** Why an op runs on the CPU beside the Edge TPU, in `language`. */
export function edgeTpuCpuText(r: EdgeTpuCpuReason, language: Language): string {
  return language === 'zh-TW' ? edgeTpuCpuZh(r) : englishEdgeTpuCpu(r);
}

/** The coded problem a thrown error carries (any CodedError, also after a worker boundary), or undefined. */
export function problemOf(e: unknown): CoreProblem | undefined {
  return codedProblemOf(e) as CoreProblem | undefined;
}

/** What the page keeps of a thrown error: its English message and, when it has them, its problem and place. */
export interface CoreFailure {
  message: string;
  problem?: CoreProblem;
  /** Where in a .tflite file it was found (TfliteFormatError.context). */
  where?: string;
}

/** A thrown error as the page keeps it (in a job's failed state, across re-renders and language switches). */
export function coreFailure(e: unknown): CoreFailure {
  const message = e instanceof Error ? e.message : String(e);
  const problem = problemOf(e);
  const c = typeof e === 'object' && e !== null ? (e as { context?: unknown }).context : undefined;
  return { message, ...(problem && { problem }), ...(typeof c === 'string' && c !== '' && { where: c }) };
}

/** A failure in `language`: its problem's sentence, or the English message when it has none (or no text here). */
export function failureText(f: CoreFailure, language: Language): CoreText {
  const out = f.problem ? problemText(f.problem, language) : undefined;
  // The English message already ends with "(at ...)"; only the other languages name the place themselves.
  if (!out || out.english) return { text: f.message, english: true };
  return f.where ? { ...out, where: f.where } : out;
}
