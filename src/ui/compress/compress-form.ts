import type { CompressPlan } from '../../core/compress/compress-model';
import {
  compressPlanFor,
  DEFAULT_COMPRESS_TUNING,
  compressTuningProblems,
  type CompressTuning,
  type CompressTuningProblem,
} from '../../core/compress/compress-fields';
import type { TrainSettings } from '../../core/train/settings';

/** The panel starts at TFMOT's notebook target (80%); the CLI's default 0 means "do not prune". */
export const DEFAULT_COMPRESS_FORM: CompressTuning = { ...DEFAULT_COMPRESS_TUNING, pruneSparsity: 0.8 };

/** Cluster counts offered in the form (TFMOT suggests 8 to 64); 0 = off. */
export const CLUSTER_CHOICES = [0, 8, 16, 32, 64] as const;

/** The core plan for the form under the lab's training settings. */
export function planFromForm(t: CompressTuning, train: Pick<TrainSettings, 'batchSize' | 'seed'>): CompressPlan {
  return compressPlanFor(t, train);
}

/** Problems with the form, as data (empty when it can run). */
export function validateCompressForm(
  t: CompressTuning,
  train: Pick<TrainSettings, 'batchSize' | 'seed'>,
): CompressTuningProblem[] {
  const problems = compressTuningProblems(t, train);
  if (t.pruneSparsity === 0 && t.clusters === 0) problems.push({ code: 'compress-nothing' });
  return problems;
}
