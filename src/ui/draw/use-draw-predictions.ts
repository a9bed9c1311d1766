import { useCallback, useEffect, useRef } from 'react';
import { useWorkerJob } from '../common/use-worker-job';
import { type JobContext, type JobState } from '../common/worker-job';
import { coreFailure, type CoreFailure } from '../i18n/core-text';
import { runtimeBridge } from '../lab-client';

/** One exported file to classify with. */
export interface DrawModel {
  mode: string;
  bytes: Uint8Array;
}

/** What one file said about the drawing: probabilities [10], or why it failed. */
export type DrawPrediction =
  { status: 'pending' } | { status: 'done'; probabilities: Float32Array } | ({ status: 'error' } & CoreFailure);

/** Each file's answer for the current drawing, by mode. */
export type DrawPredictions = Record<string, DrawPrediction>;

const PENDING: DrawPrediction = { status: 'pending' };
const NONE: DrawPredictions = {};

/** The answers a drawing job's state holds (none while idle, cancelled or superseded). */
export function predictionsOf(state: JobState<DrawPredictions, DrawPredictions>): DrawPredictions {
  if (state.status === 'running') return state.progress ?? NONE;
  return state.status === 'done' ? state.result : NONE;
}

/** Asks every file about `image`, reporting the answers so far after each one. */
async function classifyWithEach(files: DrawModel[], image: Float32Array, ctx: JobContext<DrawPredictions>) {
  const answers: DrawPredictions = Object.fromEntries(files.map((m) => [m.mode, PENDING]));
  ctx.progress({ ...answers });
  // The bridge runs calls one after another; each file's compiled model is cached in the worker, so a
  // newer drawing supersedes this job without terminating the worker (no signal is passed).
  await Promise.all(
    files.map(async (m) => {
      try {
        answers[m.mode] = {
          status: 'done',
          probabilities: await runtimeBridge.run((api) => api.predict(m.bytes, image)),
        };
      } catch (e) {
        answers[m.mode] = { status: 'error', ...coreFailure(e) };
      }
      ctx.progress({ ...answers });
    }),
  );
  return answers;
}

/**
 * Classifies a preprocessed drawing ([784] in [0, 1]) with every model in the TFLite runtime
 * worker, as a worker job: a newer drawing supersedes older answers; a new set of models
 * re-classifies the last drawing.
 */
export function useDrawPredictions(models: DrawModel[]) {
  const { state, run, reset: resetJob } = useWorkerJob<DrawPredictions, DrawPredictions>();
  const lastImage = useRef<Float32Array>(undefined);
  // Callers may pass a fresh array on every render; only a change of files counts.
  const current = useRef(models);

  const predict = useCallback(
    (image: Float32Array) => {
      lastImage.current = image;
      const files = current.current;
      void run((ctx) => classifyWithEach(files, image, ctx));
    },
    [run],
  );

  const reset = useCallback(() => {
    lastImage.current = undefined;
    resetJob();
  }, [resetJob]);

  // New files (a new quantization run): classify the drawing that is on screen again.
  useEffect(() => {
    if (sameModels(current.current, models)) return;
    current.current = models;
    if (lastImage.current) predict(lastImage.current);
  }, [models, predict]);

  return { predictions: predictionsOf(state), predict, reset };
}

function sameModels(a: DrawModel[], b: DrawModel[]): boolean {
  return a.length === b.length && a.every((m, i) => m.mode === b[i].mode && m.bytes === b[i].bytes);
}
