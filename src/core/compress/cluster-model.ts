/**
 * The clustering stage (weight sharing): trained or pruned model -> model whose selected kernels hold at most
 * `clusters` distinct non-zero values, after k-means and a centroid fine-tune through trainModel.
 * With `preserveSparsity`, zeros stay zero and are not a cluster (TFMOT's sparsity-preserving clustering).
 */
import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel, WeightTensor } from '../model/trained-model';
import type { TrainProgress } from '../train/settings';
import { trainModel } from '../train/train';
import { UNIFORM_GUESS } from '../train/divergence';
import { makeClusteringHook, type KernelClusters } from './clustering-hook';
import { CompressError } from './compress-problem';
import { compressibleWeights, validateClusterSettings, type ClusterSettings } from './compress-settings';
import { kmeans1d } from './kmeans-1d';
import { fineTuneTrainSettings } from './prune-model';

export interface ClusterResult {
  model: TrainedModel;
  /** Names of the clustered kernels. */
  clusteredWeights: string[];
  /** Most distinct non-zero values found in any clustered kernel of the result. */
  maxDistinctValues: number;
  cancelled: boolean;
  seconds: number;
}

/** k-means clusters of one kernel, and the kernel with every weight replaced by its centroid. */
export function clusterKernel(
  w: WeightTensor,
  index: number,
  s: Pick<ClusterSettings, 'clusters' | 'init' | 'preserveSparsity'>,
): { kernel: KernelClusters; weights: WeightTensor } {
  const live = Uint32Array.from(w.values.keys()).filter((i) => !s.preserveSparsity || w.values[i] !== 0);
  const clusterOf = new Int32Array(w.values.length).fill(-1);
  const values = new Float32Array(w.values.length);
  if (live.length > 0) {
    const k = Math.min(s.clusters, live.length);
    const { centroids, assignments } = kmeans1d(
      Float32Array.from(live, (i) => w.values[i]),
      k,
      s.init,
    );
    live.forEach((i, j) => {
      clusterOf[i] = assignments[j];
      values[i] = centroids[assignments[j]];
    });
  }
  return { kernel: { index, clusterOf, clusters: s.clusters }, weights: { ...w, values } };
}

/** Number of distinct non-zero values in `values`. */
export function distinctNonZero(values: Float32Array): number {
  return new Set(Array.from(values).filter((v) => v !== 0)).size;
}

/** Clusters and fine-tunes `trained`; throws a sentence for bad settings or a diverging run. */
export async function clusterModel(
  data: MnistDataset,
  trained: TrainedModel,
  settings: ClusterSettings,
  opts: { onProgress?: (p: TrainProgress) => void; shouldCancel?: () => boolean; backendName?: string } = {},
): Promise<ClusterResult> {
  const problems = validateClusterSettings(settings);
  if (problems.length > 0) throw new CompressError({ code: 'compress-invalid', stage: 'clustering', problems });
  const started = Date.now();
  const selected = compressibleWeights(trained.weights, settings.layers);
  const weights = [...trained.weights];
  const kernels = selected.map((i) => {
    const { kernel, weights: clustered } = clusterKernel(trained.weights[i], i, settings);
    weights[i] = clustered;
    return kernel;
  });
  const hook = makeClusteringHook(kernels);
  try {
    const { model, cancelled } = await trainModel(data, fineTuneTrainSettings(trained, settings), {
      initialWeights: weights,
      stepHook: hook,
      cancelKeeps: 'step',
      divergenceReference: UNIFORM_GUESS,
      ...opts,
    });
    return {
      model: { ...model, history: [...trained.history, ...model.history] },
      clusteredWeights: selected.map((i) => trained.weights[i].name),
      maxDistinctValues: Math.max(0, ...selected.map((i) => distinctNonZero(model.weights[i].values))),
      cancelled,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    hook.dispose();
  }
}
