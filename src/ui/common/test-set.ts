import { labBridge } from '../lab-client';

/** The MNIST test split: images [N * 784] raw pixels 0..255, labels [N]. */
export interface TestSet {
  images: Uint8Array;
  labels: Uint8Array;
}

let cached: Promise<TestSet> | undefined;

/**
 * The test set, fetched from the lab worker once and shared by every panel (the runtime worker
 * scores files on it, the confusion view draws its digits). A failed fetch is retried next time.
 */
export function getTestSet(): Promise<TestSet> {
  const pending = (cached ??= labBridge.run((api) => api.testSet()));
  pending.catch(() => {
    if (cached === pending) cached = undefined;
  });
  return pending;
}
