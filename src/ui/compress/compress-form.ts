import type { CompressPlan } from '../../core/compress/compress-model';
import {
  DEFAULT_CLUSTER_SETTINGS,
  DEFAULT_PRUNE_SETTINGS,
  validateClusterSettings,
  validatePruneSettings,
  type CentroidInit,
  type CompressLayers,
  type PruneSettings,
} from '../../core/compress/compress-settings';

/** The compression form: data only. `clusters` 0 means no clustering. */
export interface CompressForm {
  /** Target sparsity as a fraction (0.8 = 80% zeros). */
  sparsity: number;
  schedule: PruneSettings['schedule'];
  epochs: number;
  trainLimit: number;
  layers: CompressLayers;
  clusters: number;
  init: CentroidInit;
  preserveSparsity: boolean;
}

export const DEFAULT_COMPRESS_FORM: CompressForm = {
  sparsity: DEFAULT_PRUNE_SETTINGS.sparsity,
  schedule: DEFAULT_PRUNE_SETTINGS.schedule,
  epochs: DEFAULT_PRUNE_SETTINGS.epochs,
  trainLimit: DEFAULT_PRUNE_SETTINGS.trainLimit,
  layers: DEFAULT_PRUNE_SETTINGS.layers,
  clusters: 0,
  init: DEFAULT_CLUSTER_SETTINGS.init,
  preserveSparsity: DEFAULT_CLUSTER_SETTINGS.preserveSparsity,
};

/** Cluster counts offered in the form (TFMOT suggests 8 to 64); 0 = off. */
export const CLUSTER_CHOICES = [0, 8, 16, 32, 64] as const;

/** The core plan for a form: pruning always (sparsity 0 skips it), clustering when `clusters` > 0. */
export function planFromForm(f: CompressForm, seed: number, batchSize: number): CompressPlan {
  const common = { epochs: f.epochs, trainLimit: f.trainLimit, layers: f.layers, seed, batchSize };
  return {
    ...(f.sparsity > 0 && {
      prune: {
        ...DEFAULT_PRUNE_SETTINGS,
        ...common,
        schedule: f.schedule,
        sparsity: f.sparsity,
        initialSparsity: Math.min(DEFAULT_PRUNE_SETTINGS.initialSparsity, f.sparsity),
      },
    }),
    ...(f.clusters > 0 && {
      cluster: {
        ...DEFAULT_CLUSTER_SETTINGS,
        ...common,
        epochs: 1,
        clusters: f.clusters,
        init: f.init,
        preserveSparsity: f.preserveSparsity,
      },
    }),
  };
}

/** Problems with a form, as sentences (empty when it can run). */
export function validateCompressForm(f: CompressForm): string[] {
  const plan = planFromForm(f, 1, 32);
  const problems = [
    ...(plan.prune ? validatePruneSettings(plan.prune) : []),
    ...(plan.cluster ? validateClusterSettings(plan.cluster) : []),
  ];
  if (!(f.sparsity >= 0 && f.sparsity < 1))
    problems.push(`sparsity must be from 0% to below 100% (got ${Math.round(f.sparsity * 1000) / 10}%)`);
  if (!plan.prune && !plan.cluster) problems.push('choose a sparsity above 0% or a number of clusters');
  return [...new Set(problems)];
}
