/**
 * One-dimensional k-means for weight sharing. Initial centroids as TFMOT's `CentroidInitialization`
 * (tensorflow_model_optimization/python/core/clustering/keras/cluster_config.py, clustering_centroids.py):
 * LINEAR spaces them evenly between the smallest and largest weight; DENSITY_BASED places them at evenly
 * spaced levels of the weights' cumulative distribution, so dense regions get more centroids. Lloyd
 * iterations then refine them (as Deep Compression does; TFMOT refines only by fine-tuning).
 */
import type { CentroidInit } from './compress-settings';

export interface Clustering {
  /** [k] cluster values, ascending. */
  centroids: Float32Array;
  /** Cluster index of each input value. */
  assignments: Uint8Array | Uint16Array;
}

/** Initial centroids for `values` (k of them, ascending). */
export function initialCentroids(values: Float32Array, k: number, init: CentroidInit): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  if (init === 'linear')
    return Float32Array.from({ length: k }, (_, j) => (k === 1 ? lo : lo + ((hi - lo) * j) / (k - 1)));
  // Density: the inverse CDF at k evenly spaced levels from the first to the last weight.
  return Float32Array.from({ length: k }, (_, j) => {
    const q = k === 1 ? 0.5 : j / (k - 1);
    const pos = q * (sorted.length - 1);
    const a = Math.floor(pos);
    const b = Math.min(a + 1, sorted.length - 1);
    return sorted[a] + (sorted[b] - sorted[a]) * (pos - a);
  });
}

/** Index of the nearest of the ascending `centroids` to v (binary search). */
export function nearestCentroid(centroids: Float32Array, v: number): number {
  let lo = 0;
  let hi = centroids.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (centroids[mid] <= v) lo = mid;
    else hi = mid;
  }
  return Math.abs(v - centroids[lo]) <= Math.abs(centroids[hi] - v) ? lo : hi;
}

/** k-means of `values` into `k` clusters from the chosen init (at most `iterations` Lloyd steps). */
export function kmeans1d(values: Float32Array, k: number, init: CentroidInit, iterations = 30): Clustering {
  if (values.length === 0) throw new Error('kmeans1d: no values to cluster');
  const centroids = initialCentroids(values, k, init);
  const assignments = k <= 256 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  const sums = new Float64Array(k);
  const counts = new Uint32Array(k);
  for (let it = 0; it <= iterations; it++) {
    let moved = false;
    for (let i = 0; i < values.length; i++) {
      const c = nearestCentroid(centroids, values[i]);
      if (c !== assignments[i] || it === 0) moved = true;
      assignments[i] = c;
    }
    if (!moved || it === iterations) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < values.length; i++) {
      sums[assignments[i]] += values[i];
      counts[assignments[i]]++;
    }
    // An empty cluster keeps its centroid; sorting keeps the binary search valid.
    for (let j = 0; j < k; j++) if (counts[j] > 0) centroids[j] = sums[j] / counts[j];
    centroids.sort();
  }
  return { centroids, assignments };
}
