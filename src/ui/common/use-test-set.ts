import { useEffect } from 'react';
import { getTestSet, type TestSet } from './test-set';
import { useWorkerJob } from './use-worker-job';

/**
 * The shared MNIST test set once `wanted` (fetched from the lab worker on first need, as a worker
 * job), or why it could not be loaded. A fetch cut short by a worker restart is tried again.
 */
export function useTestSet(wanted: boolean, load: () => Promise<TestSet> = getTestSet) {
  const { state, run } = useWorkerJob<never, TestSet>();
  const { status } = state;
  useEffect(() => {
    if (wanted && (status === 'idle' || status === 'cancelled')) void run(() => load());
  }, [wanted, status, run, load]);
  return {
    testSet: state.status === 'done' ? state.result : undefined,
    error: state.status === 'failed' ? `Could not load the test set: ${state.message}` : undefined,
  };
}
