import { useCallback, useEffect, useMemo } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { BitsSeries } from '../../core/quant/bits-sweep';
import type { QuantRecipe } from '../../core/quant/recipe';
import { useWorkerJob } from '../common/use-worker-job';
import { Comlink, labBridge } from '../lab-client';

export interface SweepProgress {
  done: number;
  total: number;
  series: BitsSeries[];
}

export interface SweepResult {
  series: BitsSeries[];
  /** Stopped by the learner; `series` holds the points measured before. */
  cancelled: boolean;
}

export interface SweepOptions {
  activationBits: 8 | 16;
  testLimit: number;
  recipe: Partial<QuantRecipe>;
}

/**
 * Runs the bit-width sweep in the lab worker with progress (the points so far). Cancel asks the worker to
 * stop after the current bit-width, so the points measured are kept. A new model clears the sweep.
 */
export function useBitsSweep(trained: TrainedModel | undefined) {
  const { state, run, reset } = useWorkerJob<SweepProgress, SweepResult>();
  useEffect(() => reset(), [trained, reset]);
  const start = useCallback(
    (options: SweepOptions) => {
      if (!trained) return;
      void run((ctx) =>
        ctx.gate<SweepProgress, SweepResult>((onProgress) =>
          labBridge.run((api) => api.bitsSweep(trained, options, Comlink.proxy(onProgress))),
        ),
      );
    },
    [trained, run],
  );
  const cancel = useCallback(async () => {
    // Bypasses the bridge queue on purpose: the queue is busy with the sweep itself.
    await (await labBridge.api()).cancelTraining();
  }, []);
  return useMemo(() => ({ state, start, cancel }), [state, start, cancel]);
}
