import { useCallback, useState } from 'react';
import { needsCalibrationImages } from '../../core/import/calibration-pixels';
import { architectureOf } from '../../core/model/trained-model';
import type { TrainedModel } from '../../core/model/trained-model';
import { useWorkerJob } from '../common/use-worker-job';
import { Comlink, labBridge } from '../lab-client';

/**
 * Reads chosen files into the lab worker (bytes transferred) and imports them as the lab's model; a model
 * whose input is not MNIST is kept here instead (`unlabelled`), to be calibrated on the user's images.
 */
export function useModelImport(onImported: (model: TrainedModel) => void) {
  const [unlabelled, setUnlabelled] = useState<TrainedModel>();
  const job = useWorkerJob<never, { model: TrainedModel; notes: string[] }>();
  const { run } = job;
  const importFiles = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      const outcome = await run(async (ctx) => {
        const inputs = await Promise.all(
          files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
        );
        const buffers = inputs.map((i) => i.bytes.buffer as ArrayBuffer);
        return labBridge.run((api) => api.importModel(Comlink.transfer(inputs, buffers)), ctx.signal);
      });
      if (outcome.status !== 'done') return;
      const { model } = outcome.result;
      if (needsCalibrationImages(architectureOf(model).inputShape)) setUnlabelled(model);
      else {
        setUnlabelled(undefined);
        onImported(model);
      }
    },
    [run, onImported],
  );
  return { state: job.state, importFiles, unlabelled };
}
