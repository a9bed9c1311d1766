import { useCallback, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QatSettings } from '../../core/qat/qat-settings';
import type { TrainProgress } from '../../core/train/settings';
import { Comlink, labBridge } from '../lab-client';
import type { ConvertedMode } from '../../core/pipeline/measure-mode';
import type { Quantization } from '../quant/use-quantization';

/** Quantization-aware training as one row of the quantization run, with its own training progress. */
export interface QatRun {
  /** The last QAT training report of the current run (none after it). */
  progress?: TrainProgress;
  run: (trained: TrainedModel, settings: QatSettings) => Promise<void>;
  /** Asks the running QAT to stop after the current batch. */
  cancel: () => Promise<void>;
}

/** Runs QAT then int8 export in the lab worker through the quantization run (measured like every mode). */
export function useQat(runJobs: Quantization['runJobs']): QatRun {
  const [progress, setProgress] = useState<TrainProgress>();
  const run = useCallback(
    (trained: TrainedModel, settings: QatSettings) =>
      runJobs(trained, [
        {
          mode: 'qat',
          convert: (ctx) =>
            ctx.gate<TrainProgress, ConvertedMode>(
              (onProgress) => labBridge.run((api) => api.qat(trained, settings, Comlink.proxy(onProgress)), ctx.signal),
              setProgress,
            ),
        },
      ]),
    [runJobs],
  );
  // Bypasses the bridge queue on purpose: the queue is busy with the QAT call itself.
  const cancel = useCallback(async () => (await labBridge.api()).cancelTraining(), []);
  return useMemo(() => ({ progress, run, cancel }), [progress, run, cancel]);
}
