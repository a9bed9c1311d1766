import { useCallback, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';
import { ProgressStore } from '../common/progress-store';
import { useWorkerJob } from '../common/use-worker-job';
import { labBridge } from '../lab-client';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import type { CoreFailure } from '../i18n/core-text';
import { measureModes, type ConvertJob, type ModeJob, type QuantStep } from './measure-modes';

/** Least time between two progress reports of the same step that the page shows (ms). */
const PROGRESS_INTERVAL_MS = 250;

/** The quantization run as the panels show it (its results live in the results cache). */
export interface QuantRun {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** The mode being worked on (the progress line's details are in `progress`). */
  mode?: string;
  /** What is happening now, for the progress line (subscribe with useProgress: it changes many times a second). */
  progress: ProgressStore<QuantStep>;
  /** Per-mode failures of the last run (the other modes still ran). */
  errors: Record<string, CoreFailure>;
}

/** The quantization run and its stable controls. */
export interface Quantization {
  run: QuantRun;
  /** Converts and measures each job's file; results go to `onOutcome`. */
  runJobs: (trained: TrainedModel, jobs: ModeJob[]) => Promise<void>;
  /** Post-training quantization of `modes` with `recipeOf(mode)`. */
  quantize: (trained: TrainedModel, modes: QuantMode[], recipeOf: (m: QuantMode) => QuantRecipe) => Promise<void>;
  cancel: () => void;
  /** Abort and forget the run's state (the trained model changed). */
  reset: () => void;
}

/** A job converting `trained` with `recipe` (any recipe, e.g. one with keepFloat) in the lab worker. */
export function convertJob(trained: TrainedModel, recipe: QuantRecipe): ConvertJob {
  return (ctx) => labBridge.run((api) => api.convert(trained, recipe), ctx.signal);
}

/**
 * Converts the trained model into each mode in the lab worker, then measures every file in the
 * TFLite runtime worker, as one worker job. Results are reported per mode to `onOutcome` (stable
 * callbacks keep the returned object stable between progress reports).
 */
export function useQuantization(onOutcome: (model: TrainedModel, mode: string, o: MeasuredMode) => void): Quantization {
  const { state, run, cancel, reset: resetJob } = useWorkerJob<QuantStep, void>();
  const [errors, setErrors] = useState<Record<string, CoreFailure>>({});
  const [progress] = useState(() => new ProgressStore<QuantStep>());
  const [mode, setMode] = useState<string>();

  const runJobs = useCallback(
    async (trained: TrainedModel, jobs: ModeJob[]) => {
      setErrors({});
      await run(async (ctx) => {
        // Reports go to the progress store, not to the job's state: re-rendering the page on each one kept
        // the main thread busy for most of the run.
        // A report that only moves the same step's fraction is dropped within PROGRESS_INTERVAL_MS of the last
        // one shown: each repaints the page, and the runtime workers report many times a second.
        let shownAt = -Infinity;
        const quiet = {
          ...ctx,
          progress: (p: QuantStep) => {
            if (ctx.signal.aborted) return;
            const last = progress.get();
            const now = performance.now();
            const sameStep = last && last.mode === p.mode && last.what === p.what && last.index === p.index;
            if (sameStep && now - shownAt < PROGRESS_INTERVAL_MS) return;
            shownAt = now;
            progress.set(p);
            setMode(p.mode);
          },
        };
        try {
          await measureModes(trained, jobs, quiet, {
            outcome: (m, o) => onOutcome(trained, m, o),
            error: (m, failure) => setErrors((e) => ({ ...e, [m]: failure })),
          });
        } finally {
          progress.set(undefined);
          setMode(undefined);
        }
      });
    },
    [run, onOutcome, progress],
  );
  const quantize = useCallback(
    (trained: TrainedModel, modes: QuantMode[], recipeOf: (m: QuantMode) => QuantRecipe) =>
      runJobs(
        trained,
        modes.map((mode) => ({ mode, convert: convertJob(trained, recipeOf(mode)) })),
      ),
    [runJobs],
  );
  const reset = useCallback(() => {
    resetJob();
    setErrors({});
  }, [resetJob]);

  const status = state.status;
  const quantRun = useMemo<QuantRun>(
    () => ({ status, mode: status === 'running' ? mode : undefined, progress, errors }),
    [status, mode, progress, errors],
  );
  return useMemo(
    () => ({ run: quantRun, runJobs, quantize, cancel, reset }),
    [quantRun, runJobs, quantize, cancel, reset],
  );
}
