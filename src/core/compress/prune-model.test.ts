// Prunes a briefly trained tutorial CNN on real MNIST (tfjs WASM), writes .tflite files with the lab's
// converter and reads them back: the pruned weights must be exactly zero in the files.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { constFloat32, type Graph } from '../graph/graph';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { calibrationImages, convertModel } from '../pipeline/convert';
import { DEFAULT_RECIPE } from '../quant/recipe';
import { readTflite } from '../tflite/read-tflite';
import { DEFAULT_TRAIN_SETTINGS } from '../train/settings';
import { trainModel } from '../train/train';
import { DEFAULT_PRUNE_SETTINGS, type PruneSettings } from './compress-settings';
import { sparsityOf } from './magnitude-mask';
import { pruneModel, type PruneProgress } from './prune-model';

let data: MnistDataset;
let base: TrainedModel;
const settings = (extra: Partial<PruneSettings> = {}): PruneSettings => ({
  ...DEFAULT_PRUNE_SETTINGS,
  epochs: 1,
  trainLimit: 1920,
  ...extra,
});

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 1000) };
  base = (await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 3200 })).model;
});

/** The constant weight input (index 1) of the graph's only op of `kind`. */
const weightOf = (g: Graph, kind: string) => g.tensors[g.ops.find((o) => o.kind === kind)!.inputs[1]];
const zerosFor = (n: number, s: number) => n - Math.round(n * (1 - s));

describe('pruneModel', () => {
  it('leaves exactly the requested zeros in every kernel, and they are zeros in the written files', async () => {
    const progress: PruneProgress[] = [];
    const r = await pruneModel(data, base, settings({ sparsity: 0.8 }), { onProgress: (p) => progress.push(p) });
    expect(r.cancelled).toBe(false);
    expect(r.prunedWeights).toEqual(['conv2d_0/kernel', 'dense_3/kernel']);
    const [conv, convBias, dense] = r.model.weights;
    expect(sparsityOf(conv.values) * 108).toBe(zerosFor(108, 0.8));
    expect(sparsityOf(dense.values) * 20280).toBe(zerosFor(20280, 0.8));
    expect(sparsityOf(convBias.values)).toBe(0); // biases are not pruned
    expect(r.model.testAccuracy).toBeGreaterThan(0.75);
    // The live chart's sparsity rises from the schedule's 50% to 80%.
    expect(progress[0].sparsity).toBeGreaterThanOrEqual(0.5);
    expect(progress.at(-1)!.sparsity).toBeCloseTo(0.8, 3);

    const calibration = calibrationImages(data.train, 50, 1);
    const float = readTflite(convertModel(r.model, { ...DEFAULT_RECIPE, mode: 'float32' }, calibration).bytes);
    expect(sparsityOf(constFloat32(weightOf(float, 'FULLY_CONNECTED'))) * 20280).toBe(zerosFor(20280, 0.8));
    expect(sparsityOf(constFloat32(weightOf(float, 'CONV_2D'))) * 108).toBe(zerosFor(108, 0.8));

    const int8 = readTflite(convertModel(r.model, { ...DEFAULT_RECIPE, mode: 'int8' }, calibration).bytes);
    const fc = weightOf(int8, 'FULLY_CONNECTED');
    expect(fc.dtype).toBe('int8');
    const q = new Int8Array(fc.data!.buffer, fc.data!.byteOffset, fc.data!.length);
    // File layout [units, in]; TF.js kernel [in, units]: every pruned weight is an int8 zero.
    const [units, inputs] = fc.shape;
    let prunedNonZero = 0;
    for (let u = 0; u < units; u++)
      for (let i = 0; i < inputs; i++)
        if (dense.values[i * units + u] === 0 && q[u * inputs + i] !== 0) prunedNonZero++;
    expect(prunedNonZero).toBe(0);
    expect(sparsityOf(q)).toBeGreaterThanOrEqual(0.8);
  });

  it('prunes only the dense kernel when asked, with constant sparsity', async () => {
    const r = await pruneModel(data, base, settings({ schedule: 'constant', sparsity: 0.9, layers: 'dense' }));
    expect(r.prunedWeights).toEqual(['dense_3/kernel']);
    expect(sparsityOf(r.model.weights[0].values)).toBe(0);
    expect(sparsityOf(r.model.weights[2].values) * 20280).toBe(zerosFor(20280, 0.9));
    expect(r.schedule).toMatchObject({ kind: 'constant', targetSparsity: 0.9, endStep: -1 });
  });

  it('on cancel keeps the last completed step, with that step mask applied', async () => {
    let calls = 0;
    const r = await pruneModel(data, base, settings({ sparsity: 0.8, layers: 'dense' }), {
      shouldCancel: () => ++calls > 20,
    });
    expect(r.cancelled).toBe(true);
    expect(r.sparsity).toBeGreaterThanOrEqual(0.5);
    expect(r.sparsity).toBeLessThan(0.8);
    expect(r.model.weights[2].values).not.toEqual(base.weights[2].values);
    expect(Number.isFinite(r.model.testAccuracy)).toBe(true);
  });

  it('refuses a sparsity out of range with a sentence', async () => {
    await expect(pruneModel(data, base, settings({ sparsity: 1.2 }))).rejects.toThrow(
      /sparsity must be at least 0 and below 1, e.g. 0.8 for 80% zeros \(got 1.2\)/,
    );
  });
});
