import { useCallback, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QatSettings } from '../../core/qat/qat-settings';
import type { TrainProgress } from '../../core/train/settings';
import { canTrainQatFused, qatShardable } from '../../core/qat/qat-train';
import { architectureOf } from '../../core/model/trained-model';
import { Comlink, labBridge, labCounts } from '../lab-client';
import { planWorkers, runReplicated } from '../train/train-on-workers';
import type { ConvertedMode } from '../../core/pipeline/measure-mode';
import type { Quantization } from '../quant/use-quantization';

/** Quantization-aware training as one row of the quantization run, with its own training progress. */
export interface QatRun {
  /** The last QAT training report of the current run (none after it). */
  progress?: TrainProgress;
  /** `workers`: the lab's "Training workers" setting (2 splits every batch across two workers when it can). */
  run: (trained: TrainedModel, settings: QatSettings, workers: number) => Promise<void>;
  /** Asks the running QAT to stop after the current batch. */
  cancel: () => Promise<void>;
}

/** Runs QAT then int8 export in the lab worker through the quantization run (measured like every mode). */
export function useQat(runJobs: Quantization['runJobs']): QatRun {
  const [progress, setProgress] = useState<TrainProgress>();
  const run = useCallback(
    (trained: TrainedModel, settings: QatSettings, workers: number) =>
      runJobs(trained, [
        {
          mode: 'qat',
          convert: (ctx) =>
            ctx.gate<TrainProgress, ConvertedMode>(async (onProgress) => {
              // Two workers only when the setting asks for them, every batch splits and the fused QAT step
              // does not apply: it runs on one worker, several times faster than two on tf ops (npm run bench).
              const count = labCounts()?.train ?? 0;
              const backend = await (await labBridge.api()).backendName();
              const plan =
                qatShardable(settings, count) && !canTrainQatFused(architectureOf(trained), backend, false)
                  ? await planWorkers(workers)
                  : ({ workers: 1, reason: 'setting' } as const);
              return runReplicated(
                plan,
                (port) =>
                  labBridge.run((api) => api.qat(trained, settings, Comlink.proxy(onProgress), port), ctx.signal),
                (api, port) => api.qatReplica(trained, settings, port),
              );
            }, setProgress),
        },
      ]),
    [runJobs],
  );
  // Bypasses the bridge queue on purpose: the queue is busy with the QAT call itself.
  const cancel = useCallback(async () => (await labBridge.api()).cancelTraining(), []);
  return useMemo(() => ({ progress, run, cancel }), [progress, run, cancel]);
}
