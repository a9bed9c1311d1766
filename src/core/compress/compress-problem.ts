/**
 * What is wrong with a pruning or clustering request, as data: a code and its numbers. The checks in
 * compress-settings.ts return these, CompressError carries one; the core writes the English sentence here (the
 * CLI, the error's message) and the page writes its other languages from the same data
 * (src/ui/i18n/messages/panels.zh-TW.ts).
 */
import { CodedError } from '../errors/coded-error';

/** The integer settings the stages check themselves (beyond the form's field bounds). */
export type CompressInteger = 'epochs' | 'batchSize' | 'trainLimit' | 'clusters';

export type CompressProblem =
  | { code: 'compress-integer'; setting: CompressInteger; min: number; max: number; got: number }
  | { code: 'compress-learning-rate'; got: number }
  | { code: 'compress-layers'; got: string }
  | { code: 'compress-sparsity'; got: number }
  | { code: 'compress-initial-sparsity'; sparsity: number; got: number }
  | { code: 'compress-schedule'; got: string }
  | { code: 'compress-frequency'; got: number }
  | { code: 'compress-centroid-init'; got: string }
  /** The form asks for neither pruning nor clustering. */
  | { code: 'compress-nothing' }
  /** A stage was called with settings its checks refuse. */
  | { code: 'compress-invalid'; stage: 'pruning' | 'clustering'; problems: CompressProblem[] }
  /** Fine-tuning goes through the lab's training loop, which builds its presets only. */
  | { code: 'compress-imported-model' };

export type CompressProblemCode = CompressProblem['code'];

const INTEGER_NAMES: Record<CompressInteger, string> = {
  epochs: 'fine-tuning epochs',
  batchSize: 'batch size',
  trainLimit: 'training-subset size',
  clusters: 'clusters',
};

const SENTENCES: { [K in CompressProblemCode]: (p: Extract<CompressProblem, { code: K }>) => string } = {
  'compress-integer': (p) => `${INTEGER_NAMES[p.setting]} must be an integer from ${p.min} to ${p.max} (got ${p.got})`,
  'compress-learning-rate': (p) => `learning rate must be in (0, 1] (got ${p.got})`,
  'compress-layers': (p) => `layers must be dense or all (got ${p.got})`,
  'compress-sparsity': (p) => `sparsity must be at least 0 and below 1, e.g. 0.8 for 80% zeros (got ${p.got})`,
  'compress-initial-sparsity': (p) =>
    `initial sparsity must be from 0 to the final sparsity ${p.sparsity} (got ${p.got})`,
  'compress-schedule': (p) => `schedule must be polynomial or constant (got ${p.got})`,
  'compress-frequency': (p) => `frequency must be a positive integer (got ${p.got})`,
  'compress-centroid-init': (p) => `centroid init must be linear or density (got ${p.got})`,
  'compress-nothing': () => 'choose a sparsity above 0% or a number of clusters',
  'compress-invalid': (p) => `Invalid ${p.stage} settings: ${p.problems.map(englishCompressProblem).join('; ')}`,
  'compress-imported-model': () =>
    'Pruning and clustering fine-tune through the lab training loop, which builds the preset architectures only: an imported model cannot be compressed yet',
};

/** The English sentence of a compression problem. */
export function englishCompressProblem(p: CompressProblem): string {
  return (SENTENCES[p.code] as (p: CompressProblem) => string)(p);
}

/** A compression request the core refuses; the message is the English sentence of `problem`. */
export class CompressError extends CodedError<CompressProblem> {
  override name = 'CompressError';

  constructor(problem: CompressProblem) {
    super(problem, englishCompressProblem(problem));
  }
}
