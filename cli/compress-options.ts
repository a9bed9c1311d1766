/**
 * The CLI's pruning and clustering options (--prune-sparsity, --prune-epochs, --prune-schedule, --clusters, ...),
 * parsed into the core's settings. Validation is the core's (validatePruneSettings / validateClusterSettings).
 */
import type { CompressPlan } from '../src/core/compress/compress-model';
import {
  DEFAULT_CLUSTER_SETTINGS,
  DEFAULT_PRUNE_SETTINGS,
  validateClusterSettings,
  validatePruneSettings,
  type CentroidInit,
  type CompressLayers,
  type PruneSettings,
} from '../src/core/compress/compress-settings';
import type { TrainSettings } from '../src/core/train/settings';

export interface CliCompressOptions {
  /** --prune-sparsity; undefined: no pruning. */
  sparsity?: number;
  initialSparsity: number;
  epochs: number;
  schedule: PruneSettings['schedule'];
  layers: CompressLayers;
  /** --clusters; undefined: no clustering. */
  clusters?: number;
  clusterInit: CentroidInit;
  clusterEpochs: number;
  /** --prune-sweep levels; undefined: no sweep. */
  sweep?: number[];
}

export const DEFAULT_CLI_COMPRESS: CliCompressOptions = {
  initialSparsity: DEFAULT_PRUNE_SETTINGS.initialSparsity,
  epochs: DEFAULT_PRUNE_SETTINGS.epochs,
  schedule: DEFAULT_PRUNE_SETTINGS.schedule,
  layers: DEFAULT_PRUNE_SETTINGS.layers,
  clusterInit: DEFAULT_CLUSTER_SETTINGS.init,
  clusterEpochs: DEFAULT_CLUSTER_SETTINGS.epochs,
};

export const COMPRESS_USAGE = `  --prune-sparsity X        magnitude pruning to X zeros (0 <= X < 1, e.g. 0.8), after training
  --prune-initial-sparsity X  polynomial schedule start (default ${DEFAULT_PRUNE_SETTINGS.initialSparsity}, capped at X)
  --prune-epochs N          pruning fine-tune epochs (default ${DEFAULT_PRUNE_SETTINGS.epochs})
  --prune-schedule NAME     polynomial | constant (default ${DEFAULT_PRUNE_SETTINGS.schedule}; TFMOT power 3, every 100 steps)
  --prune-layers NAME       all | dense (default ${DEFAULT_PRUNE_SETTINGS.layers})
  --clusters K              weight clustering into K shared values per kernel (2..256), after pruning
  --cluster-init NAME       density | linear (default ${DEFAULT_CLUSTER_SETTINGS.init})
  --cluster-epochs N        centroid fine-tune epochs (default ${DEFAULT_CLUSTER_SETTINGS.epochs})
  --prune-sweep LIST        also prune the trained model to each sparsity (e.g. 0,0.5,0.7,0.8,0.9,0.95),
                            measure every mode's gzip size and LiteRT.js accuracy, and print the table`;

/**
 * Applies one compression flag to `o`; returns false for a flag that is not one of these.
 * Throws `makeError(sentence)` for a bad value.
 */
export function applyCompressOption(
  o: CliCompressOptions,
  flag: string,
  value: string,
  num: (flag: string, v: string) => number,
  makeError: (message: string) => Error,
): boolean {
  const oneOf = <T extends string>(choices: readonly T[]): T => {
    if (!(choices as readonly string[]).includes(value))
      throw makeError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
    return value as T;
  };
  switch (flag) {
    case '--prune-sparsity':
      o.sparsity = num(flag, value);
      return true;
    case '--prune-initial-sparsity':
      o.initialSparsity = num(flag, value);
      return true;
    case '--prune-epochs':
      o.epochs = num(flag, value);
      return true;
    case '--prune-schedule':
      o.schedule = oneOf(['polynomial', 'constant'] as const);
      return true;
    case '--prune-layers':
      o.layers = oneOf(['all', 'dense'] as const);
      return true;
    case '--clusters':
      o.clusters = num(flag, value);
      return true;
    case '--cluster-init':
      o.clusterInit = oneOf(['density', 'linear'] as const);
      return true;
    case '--cluster-epochs':
      o.clusterEpochs = num(flag, value);
      return true;
    case '--prune-sweep':
      o.sweep = value.split(',').map((v) => num(flag, v.trim()));
      return true;
    default:
      return false;
  }
}

/** The core plan for the options, with the training run's batch size, subset and seed. */
export function compressPlanFrom(o: CliCompressOptions, train: TrainSettings, sparsity = o.sparsity): CompressPlan {
  const common = { batchSize: train.batchSize, trainLimit: train.trainLimit, seed: train.seed, layers: o.layers };
  return {
    ...(sparsity !== undefined &&
      sparsity > 0 && {
        prune: {
          ...DEFAULT_PRUNE_SETTINGS,
          ...common,
          sparsity,
          initialSparsity: Math.min(o.initialSparsity, sparsity),
          epochs: o.epochs,
          schedule: o.schedule,
        },
      }),
    ...(o.clusters !== undefined && {
      cluster: {
        ...DEFAULT_CLUSTER_SETTINGS,
        ...common,
        clusters: o.clusters,
        init: o.clusterInit,
        epochs: o.clusterEpochs,
      },
    }),
  };
}

/** Problems with the compression options, as sentences (empty when valid). */
export function validateCompressOptions(o: CliCompressOptions, train: TrainSettings): string[] {
  const problems: string[] = [];
  for (const level of [o.sparsity, ...(o.sweep ?? [])]) {
    if (level === undefined) continue;
    if (!(level >= 0 && level < 1))
      problems.push(`sparsity must be at least 0 and below 1, e.g. 0.8 for 80% zeros (got ${level})`);
  }
  if (problems.length > 0) return problems;
  const plan = compressPlanFrom(o, train, o.sparsity ?? Math.max(0, ...(o.sweep ?? [])));
  if (plan.prune) problems.push(...validatePruneSettings(plan.prune));
  if (plan.cluster) problems.push(...validateClusterSettings(plan.cluster));
  return [...new Set(problems)];
}
