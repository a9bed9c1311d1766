import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ModeReport } from '../../core/report/report';
import type { TfliteModelInfo } from '../../core/tflite/read-tflite';
import { errorMessage } from '../common/worker-job';
import { fileReport, fileSizeProblem, inspectFile, mnistFit, type MnistFit } from './inspector-model';
import { useFileEvaluation } from './use-file-evaluation';

/** One file read and inspected. */
export interface LoadedFile {
  /** Increases with every file, so per-file view state starts fresh. */
  serial: number;
  fileName: string;
  bytes: Uint8Array;
  info: TfliteModelInfo;
  fit: MnistFit;
}

/**
 * Opens a dropped or chosen file: size check, read, inspect, and when it fits MNIST, scores it in
 * the runtime and hands its entry to `onEvaluated`. A newer file supersedes an older one at every step.
 */
export function useInspectedFile(onEvaluated: (entry: ModeReport, bytes: Uint8Array) => void) {
  const [loaded, setLoaded] = useState<LoadedFile>();
  const [error, setError] = useState<string>();
  const serial = useRef(0);
  const onEvaluatedRef = useRef(onEvaluated);
  useEffect(() => {
    onEvaluatedRef.current = onEvaluated;
  }, [onEvaluated]);
  const { state: evaluation, evaluate, cancel } = useFileEvaluation();

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
        if (mine === serial.current) setError(`Could not read ${file.name}: ${errorMessage(e)}`);
        return;
      }
      if (mine !== serial.current) return;
      const outcome = inspectFile(bytes, file.name);
      if (!outcome.ok) return setError(outcome.message);
      const fit = mnistFit(outcome.info);
      setLoaded({ serial: mine, fileName: file.name, bytes, info: outcome.info, fit });
      if (!fit.fits) return;
      const result = await evaluate(bytes, file.name);
      if (result && mine === serial.current) onEvaluatedRef.current(fileReport(file.name, bytes.length, result), bytes);
    },
    [cancel, evaluate],
  );
  return useMemo(
    () => ({ loaded, error, evaluation, openFile, cancel }),
    [loaded, error, evaluation, openFile, cancel],
  );
}
