import type { DatasetId } from '../../core/mnist/datasets';
import { labBridge, labDataset } from '../lab-client';

/** A test split: images [N * 784] raw pixels 0..255, labels [N]. */
export interface TestSet {
  images: Uint8Array;
  labels: Uint8Array;
}

const cached = new Map<DatasetId, Promise<TestSet>>();

/**
 * The test set of `dataset` (default: the one the lab worker holds), fetched from the lab worker once and
 * shared by every panel (the runtime worker scores files on it, the confusion view draws its images). A
 * failed fetch is retried next time.
 */
export function getTestSet(dataset: DatasetId = labDataset()): Promise<TestSet> {
  let pending = cached.get(dataset);
  if (!pending) {
    pending = labBridge.run((api) => api.testSet(dataset));
    cached.set(dataset, pending);
  }
  const mine = pending;
  mine.catch(() => {
    if (cached.get(dataset) === mine) cached.delete(dataset);
  });
  return mine;
}
