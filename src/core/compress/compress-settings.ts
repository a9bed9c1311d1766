/**
 * Pruning and clustering settings: data only (serializable lab state, CLI options, report recipe).
 * Defaults follow TFMOT's pruning notebook for this CNN: 50% -> 80% polynomial decay over 2 epochs, adam 1e-3.
 */
import type { WeightTensor } from '../model/trained-model';
import type { CompressInteger, CompressProblem } from './compress-problem';
import { TFMOT_SCHEDULE_DEFAULTS } from './pruning-schedule';

/** Which weights are compressed: the dense layers' kernels, or every conv, depthwise and dense kernel. */
export type CompressLayers = 'dense' | 'all';

export interface FineTuneSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** How many of the 60,000 training images to use (the first N after a seeded shuffle). */
  trainLimit: number;
  seed: number;
  layers: CompressLayers;
}

export interface PruneSettings extends FineTuneSettings {
  schedule: 'polynomial' | 'constant';
  /** Polynomial decay's starting sparsity (TFMOT notebook 0.5); ignored by the constant schedule. */
  initialSparsity: number;
  /** Final (polynomial) or constant target sparsity, in [0, 1). */
  sparsity: number;
  /** Mask update interval in optimizer steps (TFMOT default 100; shortened for very short runs). */
  frequency: number;
  /** Polynomial decay exponent (TFMOT default 3). */
  power: number;
}

export type CentroidInit = 'linear' | 'density';

export interface ClusterSettings extends FineTuneSettings {
  /** Distinct values per clustered kernel (TFMOT suggests 8 to 64; the lab allows 2 to 256). */
  clusters: number;
  /** TFMOT's `CentroidInitialization.LINEAR` or `DENSITY_BASED` (by the weights' CDF). */
  init: CentroidInit;
  /** Keep zeros (from pruning) at zero and outside the clusters, as TFMOT's `preserve_sparsity`. */
  preserveSparsity: boolean;
}

export const DEFAULT_FINE_TUNE: FineTuneSettings = {
  epochs: 2,
  batchSize: 32,
  learningRate: 1e-3,
  trainLimit: 60000,
  seed: 1,
  layers: 'all',
};

export const DEFAULT_PRUNE_SETTINGS: PruneSettings = {
  ...DEFAULT_FINE_TUNE,
  schedule: 'polynomial',
  initialSparsity: 0.5,
  sparsity: 0.8,
  frequency: TFMOT_SCHEDULE_DEFAULTS.frequency,
  power: TFMOT_SCHEDULE_DEFAULTS.power,
};

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  ...DEFAULT_FINE_TUNE,
  epochs: 1,
  learningRate: 1e-4,
  clusters: 16,
  init: 'density',
  preserveSparsity: true,
};

/** Indices (into TrainedModel.weights) of the kernels `layers` selects; biases are never compressed (as TFMOT). */
export function compressibleWeights(weights: WeightTensor[], layers: CompressLayers): number[] {
  const out: number[] = [];
  weights.forEach((w, i) => {
    const kernel = /kernel$/.test(w.name);
    if (kernel && (layers === 'all' || w.name.startsWith('dense'))) out.push(i);
  });
  return out;
}

/** Problems with the fine-tuning part of the settings, as data (empty when valid). */
export function validateFineTune(s: FineTuneSettings): CompressProblem[] {
  const problems: CompressProblem[] = [];
  const int = (v: number, setting: CompressInteger, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push({ code: 'compress-integer', setting, min, max, got: v });
  };
  int(s.epochs, 'epochs', 1, 50);
  int(s.batchSize, 'batchSize', 1, 4096);
  int(s.trainLimit, 'trainLimit', 1, 60000);
  if (!(s.learningRate > 0 && s.learningRate <= 1))
    problems.push({ code: 'compress-learning-rate', got: s.learningRate });
  if (s.layers !== 'dense' && s.layers !== 'all') problems.push({ code: 'compress-layers', got: String(s.layers) });
  return problems;
}

/** Problems with pruning settings, as data (empty when valid). */
export function validatePruneSettings(s: PruneSettings): CompressProblem[] {
  const problems = validateFineTune(s);
  if (!(s.sparsity >= 0 && s.sparsity < 1)) problems.push({ code: 'compress-sparsity', got: s.sparsity });
  if (s.schedule === 'polynomial' && !(s.initialSparsity >= 0 && s.initialSparsity <= s.sparsity))
    problems.push({ code: 'compress-initial-sparsity', sparsity: s.sparsity, got: s.initialSparsity });
  if (s.schedule !== 'polynomial' && s.schedule !== 'constant')
    problems.push({ code: 'compress-schedule', got: String(s.schedule) });
  if (!Number.isInteger(s.frequency) || s.frequency < 1)
    problems.push({ code: 'compress-frequency', got: s.frequency });
  return problems;
}

/** Problems with clustering settings, as data (empty when valid). */
export function validateClusterSettings(s: ClusterSettings): CompressProblem[] {
  const problems = validateFineTune(s);
  if (!Number.isInteger(s.clusters) || s.clusters < 2 || s.clusters > 256)
    problems.push({ code: 'compress-integer', setting: 'clusters', min: 2, max: 256, got: s.clusters });
  if (s.init !== 'linear' && s.init !== 'density')
    problems.push({ code: 'compress-centroid-init', got: String(s.init) });
  return problems;
}
