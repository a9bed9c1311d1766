import { useCallback, useRef, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { tfliteFileName } from '../../core/eval/artifact-names';
import type { QuantRecipe } from '../../core/quant/recipe';
import type { QuantMode } from '../../core/modes/lab-modes';
import { measureMode, type ConvertedMode, type MeasuredMode } from '../../core/pipeline/measure-mode';
import { CancelledError } from '../../bridge/worker-bridge';
import { Comlink, labBridge, runtimeBridge } from '../lab-client';

export interface QuantRun {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** What is happening now, for the progress line. */
  step?: { mode: string; what: string; index: number; total: number; fraction?: number };
  outcomes: Record<string, MeasuredMode>;
  /** Per-mode failures (the other modes still run). */
  errors: Record<string, string>;
}

export interface TestSet {
  images: Uint8Array;
  labels: Uint8Array;
}

const IDLE: QuantRun = { status: 'idle', outcomes: {}, errors: {} };

/** A job that produces one converted file in the lab worker (PTQ convert, or QAT then convert). */
export type ConvertJob = (signal: AbortSignal) => Promise<ConvertedMode>;

/**
 * Converts the trained model into each mode in the lab worker, then measures every file in the
 * TFLite runtime worker. Results are kept per mode; a failing mode does not stop the others.
 */
export function useQuantization() {
  const [run, setRun] = useState<QuantRun>(IDLE);
  const abort = useRef<AbortController>(undefined);
  const testSet = useRef<Promise<TestSet>>(undefined);

  const getTestSet = useCallback(() => {
    testSet.current ??= labBridge.run((api) => api.testSet());
    testSet.current.catch(() => (testSet.current = undefined));
    return testSet.current;
  }, []);

  const runJobs = useCallback(
    async (trained: TrainedModel, jobs: { mode: string; job: ConvertJob }[]) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const signal = controller.signal;
      setRun((r) => ({ ...r, status: 'running', errors: {} }));
      let cancelled = false;
      for (const [index, { mode, job }] of jobs.entries()) {
        const step = (what: string, fraction?: number) =>
          setRun((r) => ({ ...r, step: { mode, what, index, total: jobs.length, fraction } }));
        try {
          step('converting and simulating');
          const converted = await job(signal);
          step('running in the TFLite runtime', 0);
          const test = await getTestSet();
          // Progress messages travel on their own channel and may arrive after the result: drop those.
          let evaluating = true;
          const onProgress = (done: number, total: number) =>
            evaluating && step('running in the TFLite runtime', done / total);
          const outcome = await measureMode(
            converted,
            (bytes) =>
              runtimeBridge.run(
                (api) =>
                  api.evaluate(bytes, test.images, test.labels, { latencySamples: 500 }, Comlink.proxy(onProgress)),
                signal,
              ),
            { file: tfliteFileName(trained.preset, mode), tfjsPredictions: trained.testPredictions },
          ).finally(() => (evaluating = false));
          setRun((r) => ({ ...r, outcomes: { ...r.outcomes, [mode]: outcome } }));
        } catch (e) {
          if (e instanceof CancelledError || signal.aborted) {
            cancelled = true;
            break;
          }
          const message = (e as Error).message;
          setRun((r) => ({ ...r, errors: { ...r.errors, [mode]: message } }));
        }
      }
      setRun((r) => ({
        ...r,
        step: undefined,
        status: cancelled
          ? 'cancelled'
          : Object.keys(r.errors).length > 0 && Object.keys(r.outcomes).length === 0
            ? 'failed'
            : 'done',
      }));
    },
    [getTestSet],
  );

  /** Post-training quantization of `modes` with `recipeOf(mode)`. */
  const quantize = useCallback(
    (trained: TrainedModel, modes: QuantMode[], recipeOf: (m: QuantMode) => QuantRecipe) =>
      runJobs(
        trained,
        modes.map((mode) => ({
          mode,
          job: (signal: AbortSignal) => labBridge.run((api) => api.convert(trained, recipeOf(mode)), signal),
        })),
      ),
    [runJobs],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  /** Forget all results (the trained model changed). */
  const clear = useCallback(() => {
    abort.current?.abort();
    setRun(IDLE);
  }, []);

  return { run, quantize, runJobs, cancel, clear, getTestSet };
}
