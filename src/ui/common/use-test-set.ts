import { useEffect, useState } from 'react';
import { errorMessage } from './worker-job';
import { getTestSet, type TestSet } from './test-set';

/** The shared MNIST test set once `wanted` (fetched on first need), or why it could not be loaded. */
export function useTestSet(wanted: boolean, load: () => Promise<TestSet> = getTestSet) {
  const [testSet, setTestSet] = useState<TestSet>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!wanted || testSet) return;
    let live = true;
    load().then(
      (t) => live && setTestSet(t),
      (e: unknown) => live && setError(`Could not load the test set: ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [wanted, testSet, load]);
  return { testSet, error };
}
