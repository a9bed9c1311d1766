import { useEffect, useRef } from 'react';
import type { DatasetId } from '../../core/mnist/datasets';
import { useDataset } from '../datasets/dataset-context';
import { getTestSet, type TestSet } from './test-set';
import { useWorkerJob } from './use-worker-job';

/**
 * The current dataset's test set once `wanted` (fetched from the lab worker on first need, as a worker
 * job), or why it could not be loaded. A fetch cut short by a worker restart is tried again, and a change
 * of dataset fetches the other test set.
 */
export function useTestSet(wanted: boolean, load: (dataset: DatasetId) => Promise<TestSet> = getTestSet) {
  const dataset = useDataset();
  const { state, run } = useWorkerJob<never, TestSet>();
  const loadedFor = useRef<DatasetId>(undefined);
  const { status } = state;
  useEffect(() => {
    const stale = loadedFor.current !== dataset;
    if (wanted && (status === 'idle' || status === 'cancelled' || (stale && status !== 'running'))) {
      loadedFor.current = dataset;
      void run(() => load(dataset));
    }
  }, [wanted, status, run, load, dataset]);
  return {
    testSet: state.status === 'done' ? state.result : undefined,
    /** Why it failed (the panel frames it: "the test set could not be loaded:"), with its problem if coded. */
    error: state.status === 'failed' ? state : undefined,
  };
}
