/**
 * Centroid fine-tuning (TFMOT `cluster_weights`) as a {@link TrainStepHook}. Every weight of a clustered
 * kernel equals its centroid; the gradient of a centroid is the sum of the gradients of its weights (TFMOT's
 * default `ClusterGradientAggregation.SUM`, the gradient of a gather). Giving every member that summed
 * gradient makes Adam update all members identically, so they stay one shared value: the weights are the
 * centroids. After each step they are snapped to one member per cluster to rule out any drift. Members
 * marked -1 (zeros kept by sparsity-preserving clustering) get no gradient and stay exactly zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainStepHook } from '../train/train';

/** Per clustered kernel: the cluster of each weight (-1: a preserved zero) and the number of clusters. */
export interface KernelClusters {
  index: number;
  /** [n] cluster id per weight in the kernel's flat layout, -1 for a preserved zero. */
  clusterOf: Int32Array;
  clusters: number;
}

interface DeviceClusters {
  index: number;
  /** [n, 1] segment ids; preserved zeros use the extra segment `clusters`. */
  segments: tf.Tensor;
  /** [n] 1 for clustered weights, 0 for preserved zeros. */
  live: tf.Tensor;
  /** [clusters + 1] flat index of one member of each cluster (any index for an empty one). */
  representatives: tf.Tensor;
  /** [n] segment id per weight, to gather per-cluster values back. */
  gatherIds: tf.Tensor;
  segmentCount: number;
}

export interface ClusteringHook extends TrainStepHook {
  dispose(): void;
}

/** A hook that keeps the kernels at `kernels[*].index` shared by cluster through training. */
export function makeClusteringHook(kernels: KernelClusters[]): ClusteringHook {
  const device = kernels.map(toDevice);
  const byIndex = new Map(device.map((d) => [d.index, d]));
  return {
    transformGradients(grads) {
      return grads.map((g, i) => {
        const d = byIndex.get(i);
        if (!d) return g;
        const n = g.size;
        const sums = tf.scatterND(d.segments, tf.reshape(g, [n]), [d.segmentCount]);
        return tf.reshape(tf.mul(tf.gather(sums, d.gatherIds), d.live), g.shape);
      });
    },
    afterStep(variables) {
      for (const d of device) {
        const v = variables[d.index];
        const values = tf.gather(tf.reshape(v, [v.size]), d.representatives);
        v.assign(tf.reshape(tf.mul(tf.gather(values, d.gatherIds), d.live), v.shape));
      }
    },
    dispose() {
      for (const d of device) tf.dispose([d.segments, d.live, d.representatives, d.gatherIds]);
    },
  };
}

function toDevice(k: KernelClusters): DeviceClusters {
  const n = k.clusterOf.length;
  const ids = Int32Array.from(k.clusterOf, (c) => (c < 0 ? k.clusters : c));
  const reps = new Int32Array(k.clusters + 1);
  const seen = new Uint8Array(k.clusters + 1);
  ids.forEach((c, i) => {
    if (!seen[c]) reps[c] = i;
    seen[c] = 1;
  });
  return {
    index: k.index,
    segments: tf.tensor2d(ids, [n, 1], 'int32'),
    live: tf.tensor1d(Float32Array.from(k.clusterOf, (c) => (c < 0 ? 0 : 1))),
    representatives: tf.tensor1d(reps, 'int32'),
    gatherIds: tf.tensor1d(ids, 'int32'),
    segmentCount: k.clusters + 1,
  };
}
