// A two-level sweep on a briefly trained tutorial CNN (real MNIST, tfjs WASM), measured by the lab's own
// converter and reference interpreter (the CLI measures in LiteRT.js).
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backends/select-backend';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { takeFirst, type MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { calibrationImages, convertModel, simulateModel } from '../pipeline/convert';
import { DEFAULT_RECIPE } from '../quant/recipe';
import { DEFAULT_TRAIN_SETTINGS } from '../train/settings';
import { trainModel } from '../train/train';
import { DEFAULT_PRUNE_SETTINGS } from './compress-settings';
import { gzipBytes } from './gzip-size';
import { formatSweepTable, sweepSparsity, type SweepMeasure } from './sparsity-sweep';

let data: MnistDataset;
let base: TrainedModel;

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 500) };
  base = (await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 2000 })).model;
});

const measure: SweepMeasure = async (model) => {
  const { bytes, graph } = convertModel(
    model,
    { ...DEFAULT_RECIPE, mode: 'int8' },
    calibrationImages(data.train, 50, 1),
  );
  return [
    {
      mode: 'int8',
      bytes: bytes.length,
      gzip_bytes: gzipBytes(bytes),
      accuracy: simulateModel(graph, data.test).accuracy,
    },
  ];
};

describe('sweepSparsity', () => {
  it('measures each level; more zeros give a smaller gzip size at the same raw size', async () => {
    const prune = { ...DEFAULT_PRUNE_SETTINGS, epochs: 1, trainLimit: 640 };
    const levels: number[] = [];
    const rows = await sweepSparsity(data, base, [0, 0.5, 0.9], prune, measure, { onLevel: (l) => levels.push(l) });
    expect(levels).toEqual([0, 0.5, 0.9]);
    rows.forEach((r, i) => expect(r.measured_sparsity).toBeCloseTo([0, 0.5, 0.9][i], 4));
    expect(rows[0].float_accuracy).toBe(base.testAccuracy);
    expect(new Set(rows.map((r) => r.bytes)).size).toBe(1);
    expect(rows[1].gzip_bytes).toBeLessThan(rows[0].gzip_bytes);
    expect(rows[2].gzip_bytes).toBeLessThan(rows[1].gzip_bytes);
    const table = formatSweepTable(rows).split('\n');
    expect(table).toHaveLength(4);
    expect(table[3]).toMatch(/^90\.0%\s+-\s+int8\s+\d+\s+\d+\s+\d+\.\d\d%/);
  });
});
