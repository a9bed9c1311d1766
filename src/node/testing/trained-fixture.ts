/**
 * Small real models for tests: a preset trained for one epoch on the first N (seeded-shuffled) training
 * images of a real dataset, on tfjs's WASM backend, cached per (dataset, preset, N) within a test file.
 */
import { initBackend } from '../../backends/select-backend';
import { takeFirst, type MnistDataset } from '../../core/mnist/dataset';
import type { DatasetId } from '../../core/mnist/datasets';
import type { PresetId } from '../../core/model/presets';
import type { TrainedModel } from '../../core/model/trained-model';
import { DEFAULT_TRAIN_SETTINGS } from '../../core/train/settings';
import { trainModel } from '../../core/train/train';
import { loadDatasetForNode } from '../fashion-node';

const cache = new Map<string, Promise<{ model: TrainedModel; data: MnistDataset }>>();

/** Trains `preset` on `trainImages` images of `dataset`; `data.test` holds the first `testImages` test images. */
export function trainedFixture(
  dataset: DatasetId,
  preset: PresetId,
  trainImages: number,
  testImages = 500,
): Promise<{ model: TrainedModel; data: MnistDataset }> {
  const key = `${dataset}/${preset}/${trainImages}/${testImages}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = (async () => {
      await initBackend('wasm');
      const full = loadDatasetForNode(dataset);
      const data = { train: full.train, test: takeFirst(full.test, testImages) };
      const settings = { ...DEFAULT_TRAIN_SETTINGS, dataset, preset, trainLimit: trainImages };
      const { model } = await trainModel(data, settings, {});
      return { model, data };
    })();
    cache.set(key, entry);
  }
  return entry;
}
