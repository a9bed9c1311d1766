/**
 * The compression stage ("deep compression" before quantization): trained model -> pruned -> clustered
 * model, plus the recipe that report.json records. Either step may be skipped. The result is a plain
 * TrainedModel, so every PTQ mode and QAT take it like a freshly trained one.
 */
import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import type { TrainProgress } from '../train/settings';
import { clusterModel, type ClusterResult } from './cluster-model';
import type { ClusterSettings, PruneSettings } from './compress-settings';
import type { CompressionRecipe } from './compression-recipe';
import { pruneModel, type PruneProgress, type PruneResult } from './prune-model';

export interface CompressPlan {
  prune?: PruneSettings;
  cluster?: ClusterSettings;
}

export interface CompressResult {
  model: TrainedModel;
  recipe: CompressionRecipe;
  cancelled: boolean;
}

/** Prunes, then clusters (sparsity-preserving when asked), `trained` as `plan` says. */
export async function compressModel(
  data: MnistDataset,
  trained: TrainedModel,
  plan: CompressPlan,
  opts: {
    onPruneProgress?: (p: PruneProgress) => void;
    onClusterProgress?: (p: TrainProgress) => void;
    shouldCancel?: () => boolean;
    backendName?: string;
  } = {},
): Promise<CompressResult> {
  let model = trained;
  const recipe: CompressionRecipe = { base_test_accuracy: trained.testAccuracy, ...trained.compression };
  const common = { shouldCancel: opts.shouldCancel, backendName: opts.backendName };
  if (plan.prune) {
    const r = await pruneModel(data, model, plan.prune, { ...common, onProgress: opts.onPruneProgress });
    recipe.pruning = pruningRecipe(plan.prune, r, data);
    model = r.model;
    if (r.cancelled) return { model: { ...model, compression: recipe }, recipe, cancelled: true };
  }
  if (plan.cluster) {
    const r = await clusterModel(data, model, plan.cluster, { ...common, onProgress: opts.onClusterProgress });
    recipe.clustering = clusteringRecipe(plan.cluster, r);
    model = r.model;
    if (r.cancelled) return { model: { ...model, compression: recipe }, recipe, cancelled: true };
  }
  return { model: { ...model, compression: recipe }, recipe, cancelled: false };
}

function pruningRecipe(s: PruneSettings, r: PruneResult, data: MnistDataset): CompressionRecipe['pruning'] {
  return {
    schedule: r.schedule,
    layers: s.layers,
    epochs: s.epochs,
    learning_rate: s.learningRate,
    batch_size: s.batchSize,
    train_images: Math.min(s.trainLimit, data.train.count),
    sparsity: r.sparsity,
    pruned_weights: r.prunedWeights,
    test_accuracy: r.model.testAccuracy,
    seconds: r.seconds,
    cancelled: r.cancelled,
  };
}

function clusteringRecipe(s: ClusterSettings, r: ClusterResult): CompressionRecipe['clustering'] {
  return {
    clusters: s.clusters,
    init: s.init,
    preserve_sparsity: s.preserveSparsity,
    layers: s.layers,
    epochs: s.epochs,
    learning_rate: s.learningRate,
    max_distinct_values: r.maxDistinctValues,
    clustered_weights: r.clusteredWeights,
    test_accuracy: r.model.testAccuracy,
    seconds: r.seconds,
    cancelled: r.cancelled,
  };
}
