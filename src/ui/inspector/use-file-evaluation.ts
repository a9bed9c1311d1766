import { useCallback, useEffect, useRef, useState } from 'react';
import { CancelledError } from '../../bridge/worker-bridge';
import type { InputRange } from '../../core/tflite/model-kind';
import { stripInternalPaths } from '../../runtime/runtime-errors';
import { Comlink, runtimeBridge } from '../lab-client';

export interface FileEvaluationResult {
  accuracy: number;
  count: number;
  engine: string;
  latency: { medianMs: number; p90Ms: number; samples: number };
  /** Predicted class per test image, for the confusion matrix. */
  predictions: Uint8Array;
  inputRange: InputRange;
}

/** A failure as the page shows it: the worker's sentence, with any internal source path taken out. */
function userMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const clean = stripInternalPaths(text);
  return clean || 'the runtime failed without saying why. Try the file again, or another file.';
}

export type FileEvaluation =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; fraction: number }
  | { status: 'done'; fileName: string; result: FileEvaluationResult }
  | { status: 'failed'; fileName: string; message: string };

/** Timed single-image runs for the latency statistics (fewer than the quantize panel's 500: one file, on demand). */
const LATENCY_SAMPLES = 300;

/**
 * Scores one dropped .tflite on the MNIST test set in the runtime worker. Starting a new evaluation (or
 * unmounting) cancels the previous one; results of a cancelled run are dropped.
 */
export function useFileEvaluation(getTestSet: () => Promise<{ images: Uint8Array; labels: Uint8Array }>) {
  const [state, setState] = useState<FileEvaluation>({ status: 'idle' });
  const abort = useRef<AbortController>(undefined);

  const cancel = useCallback(() => {
    abort.current?.abort();
    abort.current = undefined;
    setState({ status: 'idle' });
  }, []);

  useEffect(() => () => abort.current?.abort(), []);

  const evaluate = useCallback(
    async (bytes: Uint8Array, fileName: string, inputRange: InputRange): Promise<FileEvaluationResult | undefined> => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const { signal } = controller;
      setState({ status: 'running', fileName, fraction: 0 });
      // Progress arrives on the proxy's own message port, so its last call can land after the result.
      let finished = false;
      try {
        const test = await getTestSet();
        if (signal.aborted) return undefined;
        const onProgress = (done: number, total: number) => {
          if (!signal.aborted && !finished)
            setState({ status: 'running', fileName, fraction: total > 0 ? done / total : 0 });
        };
        const evaluation = await runtimeBridge.run(
          (api) =>
            api.evaluate(
              bytes,
              test.images,
              test.labels,
              { latencySamples: LATENCY_SAMPLES, inputRange },
              Comlink.proxy(onProgress),
            ),
          signal,
        );
        finished = true;
        if (signal.aborted) return undefined;
        const result: FileEvaluationResult = {
          accuracy: evaluation.accuracy,
          count: evaluation.count,
          engine: evaluation.engine,
          latency: evaluation.latency,
          predictions: evaluation.predictions,
          inputRange: evaluation.inputRange,
        };
        setState({ status: 'done', fileName, result });
        return result;
      } catch (e) {
        finished = true;
        if (e instanceof CancelledError || signal.aborted) return undefined;
        setState({ status: 'failed', fileName, message: userMessage(e) });
        return undefined;
      }
    },
    [getTestSet],
  );

  return { state, evaluate, cancel };
}
