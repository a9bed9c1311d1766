/**
 * The pruning and clustering settings the learner chooses, declared once (src/core/settings/fields): bounds,
 * defaults and names for the UI form, the URL and the CLI. Batch size and seed follow the training settings.
 * Defaults: TFMOT's pruning notebook (50% -> 80% over 2 epochs, polynomial decay with power 3) and its
 * clustering guide (16 clusters, density-based start, sparsity kept).
 */
import { defaultsOf, englishFieldProblem, fieldProblems, type FieldGroup, type FieldProblem } from '../settings/fields';
import type { TrainSettings } from '../train/settings';
import type { CompressPlan } from './compress-model';
import { englishCompressProblem, type CompressProblem } from './compress-problem';
import {
  DEFAULT_CLUSTER_SETTINGS,
  DEFAULT_PRUNE_SETTINGS,
  validateClusterSettings,
  validatePruneSettings,
  type CentroidInit,
  type CompressLayers,
  type PruneSettings,
} from './compress-settings';

export interface CompressTuning {
  /** Target fraction of zeros; 0 skips pruning. */
  pruneSparsity: number;
  pruneInitialSparsity: number;
  pruneEpochs: number;
  pruneSchedule: PruneSettings['schedule'];
  pruneLayers: CompressLayers;
  /** Training images per fine-tuning epoch (pruning and clustering). */
  fineTuneImages: number;
  /** Shared values per kernel; 0 skips clustering. */
  clusters: number;
  clusterInit: CentroidInit;
  clusterEpochs: number;
  preserveSparsity: boolean;
}

const fraction = { kind: 'number', min: 0, max: 0.99, step: 0.05 } as const;

export const COMPRESS_FIELDS: FieldGroup<CompressTuning> = {
  pruneSparsity: {
    ...fraction,
    label: 'Target sparsity',
    help: 'magnitude pruning after training to this fraction of zeros (0 = no pruning)',
    default: 0,
    cli: 'prune-sparsity',
    url: 'ps',
  },
  pruneInitialSparsity: {
    ...fraction,
    label: 'Initial sparsity',
    help: 'where the polynomial schedule starts (capped at the target)',
    default: DEFAULT_PRUNE_SETTINGS.initialSparsity,
    cli: 'prune-start',
    url: 'pis',
  },
  pruneEpochs: {
    kind: 'integer',
    label: 'Pruning epochs',
    help: 'fine-tuning epochs while pruning',
    min: 1,
    max: 50,
    default: DEFAULT_PRUNE_SETTINGS.epochs,
    cli: 'prune-epochs',
    url: 'pe',
  },
  pruneSchedule: {
    kind: 'choice',
    label: 'Pruning schedule',
    help: 'TFMOT PolynomialDecay (power 3) or ConstantSparsity, mask updated every 100 steps',
    options: ['polynomial', 'constant'],
    optionLabels: { polynomial: 'polynomial decay (TFMOT, power 3)', constant: 'constant sparsity' },
    default: DEFAULT_PRUNE_SETTINGS.schedule,
    cli: 'prune-schedule',
    url: 'psch',
  },
  pruneLayers: {
    kind: 'choice',
    label: 'Compressed layers',
    help: 'which kernels are pruned and clustered (biases never are)',
    options: ['all', 'dense'],
    optionLabels: { all: 'every conv and dense kernel', dense: 'the dense layers only' },
    default: DEFAULT_PRUNE_SETTINGS.layers,
    cli: 'prune-layers',
    url: 'pl',
  },
  fineTuneImages: {
    kind: 'integer',
    label: 'Fine-tuning images',
    help: 'training images per pruning or clustering epoch',
    min: 1,
    max: 60000,
    default: 60000,
    cli: 'prune-train-limit',
    url: 'ptl',
  },
  clusters: {
    kind: 'integer',
    label: 'Clusters',
    help: 'weight clustering after pruning into this many shared values per kernel (0 = off; TFMOT: 8 to 64)',
    min: 0,
    max: 256,
    default: 0,
    cli: 'clusters',
    url: 'cl',
  },
  clusterInit: {
    kind: 'choice',
    label: 'Centroid start',
    help: "TFMOT's centroid initialisation",
    options: ['density', 'linear'],
    optionLabels: { density: "density-based (by the weights' CDF)", linear: 'linear (evenly spaced)' },
    default: DEFAULT_CLUSTER_SETTINGS.init,
    cli: 'cluster-init',
    url: 'ci',
  },
  clusterEpochs: {
    kind: 'integer',
    label: 'Clustering epochs',
    help: 'centroid fine-tuning epochs',
    min: 1,
    max: 20,
    default: DEFAULT_CLUSTER_SETTINGS.epochs,
    cli: 'cluster-epochs',
    url: 'ce',
  },
  preserveSparsity: {
    kind: 'boolean',
    label: 'Preserve sparsity',
    help: 'keep pruned zeros at zero and out of the clusters',
    default: DEFAULT_CLUSTER_SETTINGS.preserveSparsity,
    cli: 'keep-zeros',
    url: 'cps',
  },
};

export const DEFAULT_COMPRESS_TUNING: CompressTuning = defaultsOf(COMPRESS_FIELDS);

/** The core plan for a tuning under the training's batch size and seed; `sparsity` overrides the target. */
export function compressPlanFor(
  t: CompressTuning,
  train: Pick<TrainSettings, 'batchSize' | 'seed'>,
  sparsity = t.pruneSparsity,
): CompressPlan {
  const common = { batchSize: train.batchSize, seed: train.seed, trainLimit: t.fineTuneImages, layers: t.pruneLayers };
  return {
    ...(sparsity > 0 && {
      prune: {
        ...DEFAULT_PRUNE_SETTINGS,
        ...common,
        sparsity,
        initialSparsity: Math.min(t.pruneInitialSparsity, sparsity),
        epochs: t.pruneEpochs,
        schedule: t.pruneSchedule,
      },
    }),
    ...(t.clusters > 0 && {
      cluster: {
        ...DEFAULT_CLUSTER_SETTINGS,
        ...common,
        clusters: t.clusters,
        init: t.clusterInit,
        epochs: t.clusterEpochs,
        preserveSparsity: t.preserveSparsity,
      },
    }),
  };
}

/** A problem with a tuning: a field out of its bounds, or one the stages' own checks find. */
export type CompressTuningProblem = FieldProblem | CompressProblem;

/** Problems with a tuning, as data (empty when valid): the field bounds, then the stages' own checks. */
export function compressTuningProblems(
  t: CompressTuning,
  train: Pick<TrainSettings, 'batchSize' | 'seed'>,
): CompressTuningProblem[] {
  const fields = fieldProblems(COMPRESS_FIELDS, t);
  if (fields.length > 0) return fields;
  const plan = compressPlanFor(t, train);
  const problems = [
    ...(plan.prune ? validatePruneSettings(plan.prune) : []),
    ...(plan.cluster ? validateClusterSettings(plan.cluster) : []),
  ];
  // Pruning and clustering share the fine-tuning checks: keep each problem once.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** The English sentence of a tuning problem. */
export function englishCompressTuningProblem(p: CompressTuningProblem): string {
  return p.code === 'setting-invalid' ? englishFieldProblem(p) : englishCompressProblem(p);
}

/** Problems with a tuning, as English sentences (empty when valid; the CLI's usage errors). */
export function validateCompressTuning(t: CompressTuning, train: Pick<TrainSettings, 'batchSize' | 'seed'>): string[] {
  return compressTuningProblems(t, train).map(englishCompressTuningProblem);
}
