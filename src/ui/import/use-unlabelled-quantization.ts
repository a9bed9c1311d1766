import { useCallback, useMemo, useState } from 'react';
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
  done: Partial<Record<QuantMode, { entry: ModeReport; bytes: Uint8Array }>>;
  errors: Partial<Record<QuantMode, CoreFailure>>;
}

/** A mode's failure as the page keeps it: the English message and, when the outcome has one, its problem. */
function modeFailure(message: string, outcome: unknown): CoreFailure {
  const problem = problemOf(outcome);
  return problem ? { message, problem } : { message };
}

/**
 * Every post-training mode of a model whose input is not MNIST, calibrated on the user's images in the lab
 * worker and scored there in LiteRT.js by agreement with the float model. Cancel stops at once; the modes
 * finished so far stay.
 */
export function useUnlabelledQuantization() {
  const job = useWorkerJob<UnlabelledStep, unknown>();
  const { run } = job;
  const [results, setResults] = useState<UnlabelledResults>();

  const quantize = useCallback(
    async (model: TrainedModel, images: UnlabelledImages, modes: QuantMode[], recipe: RecipeSettings) => {
      setResults({ model, modes, images: images.count, done: {}, errors: {} });
      const onOutcome = (o: UnlabelledOutcome) =>
        setResults(
          (r) =>
            r &&
            ('error' in o
              ? { ...r, errors: { ...r.errors, [o.mode]: modeFailure(o.error, o) } }
              : { ...r, done: { ...r.done, [o.mode]: { entry: o.entry, bytes: o.bytes } } }),
        );
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
    },
    [run],
  );

  return useMemo(
    () => ({ state: job.state, results, quantize, cancel: job.cancel }),
    [job.state, results, quantize, job.cancel],
  );
}
