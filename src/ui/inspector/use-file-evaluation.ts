import { useCallback, useMemo, useState } from 'react';
import type { InputRange } from '../../core/tflite/model-kind';
import { evaluateInRuntime } from '../common/evaluate-in-runtime';
import { useWorkerJob } from '../common/use-worker-job';
import { fileEvaluationOf, type FileEvaluation, type FileEvaluationResult } from './file-evaluation';

/** Timed single-image runs for the latency statistics (fewer than the quantize panel's 500: one file, on demand). */
const LATENCY_SAMPLES = 300;

/** The evaluation's state and stable controls. */
export interface FileEvaluator {
  state: FileEvaluation;
  /** Scores the file; resolves with its result, or undefined when it failed or was cancelled or superseded. */
  evaluate: (bytes: Uint8Array, fileName: string, inputRange: InputRange) => Promise<FileEvaluationResult | undefined>;
  cancel: () => void;
}

/**
 * Scores one dropped .tflite on the MNIST test set in the runtime worker. Starting a new evaluation
 * (or unmounting) cancels the previous one; results of a cancelled run are dropped.
 */
export function useFileEvaluation(): FileEvaluator {
  const { state, run, reset } = useWorkerJob<number, FileEvaluationResult>();
  const [fileName, setFileName] = useState<string>();
  const evaluate = useCallback(
    async (bytes: Uint8Array, name: string, range: InputRange) => {
      setFileName(name);
      const outcome = await run(async (ctx) => {
        const r = await evaluateInRuntime(bytes, ctx, LATENCY_SAMPLES, ctx.progress, range);
        const { accuracy, count, engine, latency, predictions, inputRange } = r;
        return { accuracy, count, engine, latency, predictions, inputRange };
      });
      return outcome.status === 'done' ? outcome.result : undefined;
    },
    [run],
  );
  const evaluation = useMemo(() => fileEvaluationOf(state, fileName), [state, fileName]);
  return useMemo(() => ({ state: evaluation, evaluate, cancel: reset }), [evaluation, evaluate, reset]);
}
