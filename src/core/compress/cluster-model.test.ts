// Clusters a briefly trained (and pruned) tutorial CNN on real MNIST (tfjs WASM).
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { DEFAULT_TRAIN_SETTINGS } from '../train/settings';
import { trainModel } from '../train/train';
import { clusterKernel, clusterModel, distinctNonZero } from './cluster-model';
import { DEFAULT_CLUSTER_SETTINGS, DEFAULT_PRUNE_SETTINGS } from './compress-settings';
import { pruneModel } from './prune-model';

let data: MnistDataset;
let pruned: TrainedModel;
const brief = { epochs: 1, trainLimit: 1920 };

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 1000) };
  const base = (await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 3200 })).model;
  pruned = (await pruneModel(data, base, { ...DEFAULT_PRUNE_SETTINGS, ...brief, sparsity: 0.7 })).model;
});

describe('clusterModel', () => {
  it('keeps pruned zeros at zero and at most K shared values per kernel through fine-tuning', async () => {
    const settings = { ...DEFAULT_CLUSTER_SETTINGS, ...brief, clusters: 8, learningRate: 1e-3 };
    const r = await clusterModel(data, pruned, settings);
    expect(r.clusteredWeights).toEqual(['conv2d_0/kernel', 'dense_3/kernel']);
    for (const i of [0, 2]) {
      const before = pruned.weights[i].values;
      const after = r.model.weights[i].values;
      before.forEach((v, j) => expect(after[j] === 0).toBe(v === 0));
      expect(distinctNonZero(after)).toBeLessThanOrEqual(8);
    }
    // Fine-tuning moved the centroids away from the k-means values.
    const kmeans = clusterKernel(pruned.weights[2], 2, settings).weights.values;
    expect([...new Set(r.model.weights[2].values)].sort()).not.toEqual([...new Set(kmeans)].sort());
    expect(r.model.testAccuracy).toBeGreaterThan(0.7);
  });

  it('without sparsity preservation the zeros are clustered (and can move); with it they are outside', () => {
    const w = pruned.weights[2];
    const plain = clusterKernel(w, 2, { clusters: 4, init: 'linear', preserveSparsity: false });
    const kept = clusterKernel(w, 2, { clusters: 4, init: 'linear', preserveSparsity: true });
    expect(distinctNonZero(plain.weights.values)).toBeLessThanOrEqual(4);
    w.values.forEach((v, j) => {
      expect(plain.kernel.clusterOf[j]).toBeGreaterThanOrEqual(0);
      expect(kept.kernel.clusterOf[j] === -1).toBe(v === 0);
    });
  });

  it('refuses a bad cluster count with a sentence', async () => {
    await expect(clusterModel(data, pruned, { ...DEFAULT_CLUSTER_SETTINGS, clusters: 1 })).rejects.toThrow(
      /clusters must be an integer from 2 to 256 \(got 1\)/,
    );
  });
});
