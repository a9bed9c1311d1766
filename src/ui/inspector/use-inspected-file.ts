import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InputRange } from '../../core/tflite/model-kind';
import { planRun } from '../../core/tflite/run-plan';
import { errorMessage } from '../common/worker-job';
import { runtimeBridge } from '../lab-client';
import type { InspectedFile } from '../state/results-cache';
import { fileReport, fileSizeProblem, inspectFile, type InspectorProblem, type Loaded } from './inspector-model';
import { useFileEvaluation } from './use-file-evaluation';

/** One file read and inspected, with its run plan (see core/tflite/run-plan.ts). */
export type LoadedFile = Loaded;

/**
 * Opens a dropped or chosen file: size check, read, inspect, plan; when it is an MNIST classifier, scores
 * it in the runtime (from the pinned copy for a dynamic batch, with the feed the plan chose) and hands it to
 * `onEvaluated`. `rerun` scores it again with another pixel range. A newer file supersedes an older one.
 */
export function useInspectedFile(onEvaluated: (file: InspectedFile) => void) {
  const [loaded, setLoaded] = useState<LoadedFile>();
  const [error, setError] = useState<InspectorProblem>();
  const serial = useRef(0);
  const onEvaluatedRef = useRef(onEvaluated);
  useEffect(() => {
    onEvaluatedRef.current = onEvaluated;
  }, [onEvaluated]);
  const { state: evaluation, evaluate, cancel } = useFileEvaluation();

  const run = useCallback(
    async (file: LoadedFile) => {
      const { plan } = file;
      if (!plan.runs) return;
      const result = await evaluate(plan.bytes, file.fileName, plan.feed.range);
      if (!result || file.serial !== serial.current) return;
      const how = { feed: plan.feed.label, pinnedTensors: plan.pinnedTensors };
      // Deflate at level 9 takes seconds for a file of megabytes: the runtime worker does it.
      const gzipSize = await runtimeBridge.run((api) => api.gzipSize(file.bytes));
      if (file.serial !== serial.current) return;
      const entry = fileReport(file.fileName, file.bytes.length, result, how, gzipSize);
      onEvaluatedRef.current({ entry, bytes: plan.bytes, predictions: result.predictions });
    },
    [evaluate],
  );

  const openFile = useCallback(
    async (file: File) => {
      const mine = ++serial.current;
      cancel();
      setError(undefined);
      setLoaded(undefined);
      const sizeProblem = fileSizeProblem(file.name, file.size);
      if (sizeProblem) return setError(sizeProblem);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        if (mine === serial.current) setError({ kind: 'read-failed', fileName: file.name, detail: errorMessage(e) });
        return;
      }
      if (mine !== serial.current) return;
      const outcome = inspectFile(bytes, file.name);
      if (!outcome.ok) return setError(outcome.problem);
      const next = { serial: mine, fileName: file.name, bytes, info: outcome.info, plan: planRun(bytes, outcome.info) };
      setLoaded(next);
      await run(next);
    },
    [cancel, run],
  );
  const rerun = useCallback(
    (range: InputRange) => {
      if (!loaded) return;
      const next = { ...loaded, plan: planRun(loaded.bytes, loaded.info, range) };
      setLoaded(next);
      void run(next);
    },
    [loaded, run],
  );
  return useMemo(
    () => ({ loaded, error, evaluation, openFile, rerun, cancel }),
    [loaded, error, evaluation, openFile, rerun, cancel],
  );
}
