import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { linkedPair } from '../train/data-parallel';
import { DEFAULT_TRAIN_SETTINGS } from '../train/settings';
import { trainModel } from '../train/train';
import { qatShardable, trainQat } from './qat-train';
import type { QatSettings } from './qat-settings';

let data: MnistDataset;
let trained: TrainedModel;
// 20 batches of 32 and a last one of 5 (3 and 2 rows in the halves).
const settings: QatSettings = { epochs: 1, batchSize: 32, learningRate: 5e-4, seed: 3, trainLimit: 645 };

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 500) };
  ({ model: trained } = await trainModel(
    data,
    { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 1000 },
    { skipTestEvaluation: true },
  ));
});

function maxDiff(a: { values: Float32Array }[], b: { values: Float32Array }[]): number {
  let worst = 0;
  a.forEach((w, i) => w.values.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - b[i].values[k])))));
  return worst;
}

describe('two-way data-parallel QAT', () => {
  it('equals single-replica QAT from the same model and seed: weights and ranges, up to float rounding', async () => {
    const single = await trainQat(data, trained, settings);
    const before = tf.memory().numTensors;
    const [l0, l1] = linkedPair();
    const [r0, r1] = await Promise.all([
      trainQat(data, trained, settings, { dataParallel: { rank: 0, link: l0 } }),
      trainQat(data, trained, settings, { dataParallel: { rank: 1, link: l1 } }),
    ]);
    expect(tf.memory().numTensors).toBe(before);
    expect(maxDiff(r0.model.weights, r1.model.weights)).toBe(0);
    expect(r1.ranges).toEqual(r0.ranges);
    expect(maxDiff(r0.model.weights, single.model.weights)).toBeLessThan(2e-5);
    expect(maxDiff(single.model.weights, trained.weights)).toBeGreaterThan(1e-3);
    for (const [name, r] of Object.entries(single.ranges)) {
      expect(r0.ranges[name].batches).toBe(r.batches);
      expect(r0.ranges[name].seenMin).toBeCloseTo(r.seenMin, 4);
      expect(r0.ranges[name].seenMax).toBeCloseTo(r.seenMax, 4);
      expect(r0.ranges[name].min).toBeCloseTo(r.min, 4);
      expect(r0.ranges[name].max).toBeCloseTo(r.max, 4);
    }
    expect(r0.history[0].loss).toBeCloseTo(single.history[0].loss, 4);
    expect(r0.simulatedTestAccuracy).toBeCloseTo(single.simulatedTestAccuracy, 2);
  });

  it('needs two rows in every batch', () => {
    expect(qatShardable({ batchSize: 32, trainLimit: 645 }, 60000)).toBe(true);
    expect(qatShardable({ batchSize: 32, trainLimit: 641 }, 60000)).toBe(false);
    expect(qatShardable({ batchSize: 1, trainLimit: 100 }, 60000)).toBe(false);
  });
});
