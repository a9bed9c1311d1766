import { useCallback } from 'react';
import { needsCalibrationImages } from '../../core/import/calibration-pixels';
import type { PixelChoice } from '../../core/import/raw-pixels';
import { architectureOf } from '../../core/model/trained-model';
import type { TrainedModel } from '../../core/model/trained-model';
import { useWorkerJob } from '../common/use-worker-job';
import { Comlink, labBridge } from '../lab-client';
import { useSavedModel } from '../state/use-saved-model';

/**
 * Reads chosen files into the lab worker (bytes transferred) and imports them as the lab's model; a model
 * whose input is not MNIST is kept here instead (`unlabelled`, saved in its own slot so a reload keeps it),
 * to be calibrated on the user's images. An MNIST import forgets the saved non-MNIST model.
 */
export function useModelImport(onImported: (model: TrainedModel) => void) {
  const saved = useSavedModel('unlabelled');
  const { keep, forget } = saved;
  const job = useWorkerJob<never, { model: TrainedModel; notes: string[] }>();
  const { run } = job;
  const importFiles = useCallback(
    async (files: readonly File[], pixels: PixelChoice = 'auto') => {
      if (files.length === 0) return;
      const outcome = await run(async (ctx) => {
        const inputs = await Promise.all(
          files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
        );
        const buffers = inputs.map((i) => i.bytes.buffer as ArrayBuffer);
        return labBridge.run((api) => api.importModel(Comlink.transfer(inputs, buffers), pixels), ctx.signal);
      });
      if (outcome.status !== 'done') return;
      const { model } = outcome.result;
      if (needsCalibrationImages(architectureOf(model).inputShape)) keep(model);
      else {
        forget();
        onImported(model);
      }
    },
    [run, onImported, keep, forget],
  );
  return {
    state: job.state,
    importFiles,
    unlabelled: saved.trained,
    /** The non-MNIST model was read back from the browser's storage (its calibration images were not kept). */
    restored: saved.restored,
    storeError: saved.storeError,
    /** Removes the non-MNIST model here and from the browser's storage. */
    forgetUnlabelled: forget,
    /** The removed model's stored copy is deleted (a reload will not bring it back). */
    forgotten: saved.forgotten,
  };
}
