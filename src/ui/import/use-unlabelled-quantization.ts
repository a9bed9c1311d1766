import { useCallback, useMemo, useState } from 'react';
import type { ModelInputRange } from '../../core/import/calibration-pixels';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantMode } from '../../core/modes/lab-modes';
import type { UnlabelledImages, UnlabelledOutcome, UnlabelledStep } from '../../core/pipeline/unlabelled-modes';
import type { RecipeSettings } from '../../core/quant/recipe';
import type { ModeReport } from '../../core/report/report';
import { useWorkerJob } from '../common/use-worker-job';
import { problemOf, type CoreFailure } from '../i18n/core-text';
import { Comlink, labBridge } from '../lab-client';

/** The modes of the last run, in order, with each one's file or failure as it arrives. */
export interface UnlabelledResults {
  /** The model these results are of (a newly imported model has none yet). */
  model: TrainedModel;
  modes: QuantMode[];
  images: number;
  /** The input range the images were scaled to. */
  range: ModelInputRange;
  done: Partial<Record<QuantMode, { entry: ModeReport; bytes: Uint8Array }>>;
  errors: Partial<Record<QuantMode, CoreFailure>>;
}

/** A mode's failure as the page keeps it: the English message and, when the outcome has one, its problem. */
function modeFailure(message: string, outcome: unknown): CoreFailure {
  const problem = problemOf(outcome);
  return problem ? { message, problem } : { message };
}

/** Adds one mode's outcome to the results. */
function withOutcome(r: UnlabelledResults, o: UnlabelledOutcome): UnlabelledResults {
  return 'error' in o
    ? { ...r, errors: { ...r.errors, [o.mode]: modeFailure(o.error, o) } }
    : { ...r, done: { ...r.done, [o.mode]: { entry: o.entry, bytes: o.bytes } } };
}

/**
 * Every post-training mode of a model whose input is not MNIST, calibrated on the user's images in the lab
 * worker and scored there in LiteRT.js by agreement with the float model. Cancel stops at once; the modes
 * finished so far stay. When a run ends (done, cancelled or failed) with at least one file, `onFinished`
 * gets its results, so the run is kept.
 */
export function useUnlabelledQuantization(onFinished?: (results: UnlabelledResults) => void) {
  const job = useWorkerJob<UnlabelledStep, unknown>();
  const { run } = job;
  const [results, setResults] = useState<UnlabelledResults>();

  const quantize = useCallback(
    async (
      model: TrainedModel,
      images: UnlabelledImages,
      modes: QuantMode[],
      recipe: RecipeSettings,
      range: ModelInputRange,
    ) => {
      let current: UnlabelledResults = { model, modes, images: images.count, range, done: {}, errors: {} };
      setResults(current);
      const onOutcome = (o: UnlabelledOutcome) => {
        current = withOutcome(current, o);
        setResults(current);
      };
      await run((ctx) =>
        labBridge.run(
          (api) =>
            api.quantizeUnlabelled(
              model,
              images,
              modes,
              recipe,
              Comlink.proxy(ctx.progress),
              Comlink.proxy((o: UnlabelledOutcome) => {
                if (!ctx.signal.aborted) onOutcome(o);
              }),
            ),
          ctx.signal,
        ),
      );
      if (Object.keys(current.done).length > 0) onFinished?.(current);
    },
    [run, onFinished],
  );

  return useMemo(
    () => ({ state: job.state, results, quantize, cancel: job.cancel }),
    [job.state, results, quantize, job.cancel],
  );
}
