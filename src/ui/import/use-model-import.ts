import { useCallback } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { useWorkerJob } from '../common/use-worker-job';
import { Comlink, labBridge } from '../lab-client';

/** Reads chosen files into the lab worker (bytes transferred) and imports them as the lab's model. */
export function useModelImport(onImported: (model: TrainedModel) => void) {
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
      if (outcome.status === 'done') onImported(outcome.result.model);
    },
    [run, onImported],
  );
  return { state: job.state, importFiles };
}
