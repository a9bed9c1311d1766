import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import { combineShards, linkedPair, packShard, shardOf } from './data-parallel';
import { DEFAULT_TRAIN_SETTINGS, type TrainProgress, type TrainSettings } from './settings';
import { trainModel } from './train';

let data: MnistDataset;
beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 500) };
});

const settings = (extra: Partial<TrainSettings> = {}): TrainSettings => ({
  ...DEFAULT_TRAIN_SETTINGS,
  // 20 batches of 32 and a last one of 5 rows (3 and 2 in the halves).
  trainLimit: 645,
  seed: 11,
  ...extra,
});

/** Largest absolute difference between two weight lists. */
function maxDiff(a: { values: Float32Array }[], b: { values: Float32Array }[]): number {
  let worst = 0;
  a.forEach((w, i) => w.values.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - b[i].values[k])))));
  return worst;
}

describe('combineShards', () => {
  it('weights each half by its rows and sums the statistics', () => {
    const a = packShard([Float32Array.of(1, 2), Float32Array.of(3)], 3, 6, 2);
    const b = packShard([Float32Array.of(5, 6), Float32Array.of(7)], 1, 2, 1);
    const c = combineShards(a, b, [2, 1]);
    expect(c.grads.map((g) => Array.from(g))).toEqual([[2, 3], [4]]);
    expect(c).toMatchObject({ rows: 4, loss: 2, correct: 3 });
  });

  it('splits a batch into a first half of ceil(n/2) rows and the rest', () => {
    expect([shardOf(32, 0), shardOf(32, 1), shardOf(5, 0), shardOf(5, 1), shardOf(1, 1)]).toEqual([
      { start: 0, end: 16 },
      { start: 16, end: 32 },
      { start: 0, end: 3 },
      { start: 3, end: 5 },
      { start: 1, end: 1 },
    ]);
  });
});

describe('two-way data-parallel training', () => {
  it('equals single-replica training from the same seed up to float rounding, with identical replicas', async () => {
    for (const optimizer of ['adam', 'sgd'] as const) {
      const s = settings({ optimizer, learningRate: optimizer === 'sgd' ? 0.05 : 0.001 });
      const single = await trainModel(data, s, { skipTestEvaluation: true });
      const [l0, l1] = linkedPair();
      const events: TrainProgress[] = [];
      const [r0, r1] = await Promise.all([
        trainModel(data, s, { dataParallel: { rank: 0, link: l0 }, onProgress: (p) => events.push(p) }),
        trainModel(data, s, { dataParallel: { rank: 1, link: l1 }, onProgress: () => expect.fail('rank 1 reported') }),
      ]);
      expect(r0.cancelled).toBe(false);
      expect(r1.cancelled).toBe(false);
      // The two replicas apply the same combined gradient: same bits.
      expect(maxDiff(r0.model.weights, r1.model.weights)).toBe(0);
      // The halves' gradients differ from the whole batch's only in summation order.
      const diff = maxDiff(r0.model.weights, single.model.weights);
      expect(diff).toBeLessThan(2e-5);
      // Not vacuous: training moved the weights far more than the tolerance.
      const init = await trainModel(data, { ...s, trainLimit: 32, learningRate: 1e-12 }, { skipTestEvaluation: true });
      expect(maxDiff(init.model.weights, single.model.weights)).toBeGreaterThan(1e-3);
      expect(r0.model.history[0].loss).toBeCloseTo(single.model.history[0].loss, 4);
      expect(r0.model.history[0].accuracy).toBe(single.model.history[0].accuracy);
      expect(events.filter((e) => e.phase === 'epoch')).toHaveLength(1);
      expect(r0.model.testAccuracy).toBeGreaterThan(0.3);
    }
  });

  it('stops both replicas when rank 0 cancels, keeping the last completed epoch', async () => {
    const s = settings({ epochs: 2 });
    const [l0, l1] = linkedPair();
    let batches = 0;
    let epochs = 0;
    const [r0, r1] = await Promise.all([
      trainModel(data, s, {
        dataParallel: { rank: 0, link: l0 },
        onProgress: (p) => (p.phase === 'epoch' ? epochs++ : batches++),
        shouldCancel: () => epochs === 1 && batches > 1,
      }),
      trainModel(data, s, { dataParallel: { rank: 1, link: l1 } }),
    ]);
    expect(r0.cancelled).toBe(true);
    expect(r1.cancelled).toBe(true);
    expect(r0.model.history).toHaveLength(1);
    const oneEpoch = await trainModel(data, settings(), { skipTestEvaluation: true });
    expect(maxDiff(r0.model.weights, oneEpoch.model.weights)).toBeLessThan(2e-5);
  });
});
