import { useEffect, useRef, useState } from 'react';
import type { BackendChoice as BackendInfo } from '../../backends/select-backend';
import type { DatasetId } from '../../core/mnist/datasets';
import type { DownloadProgress } from '../../data/fetch-dataset';
import { useWorkerJob } from '../common/use-worker-job';
import type { JobState } from '../common/worker-job';
import { loadLabDataset, startLab, type DataCounts } from '../lab-client';
import type { BackendPreference } from '../state/lab-state';

/** The dataset download as the banner shows it: running with byte progress, done with counts, or failed. */
export type DataStatus = JobState<DownloadProgress, DataCounts>;

/**
 * Starts the lab worker on the preferred backend (again whenever it changes) and follows the download of
 * `dataset`; a change of dataset loads it in the running worker (Fashion-MNIST is fetched on first use).
 * A late download report cannot put a loaded page back into "loading": the job gates it.
 */
export function useLabBoot(
  preference: BackendPreference,
  dataset: DatasetId = 'mnist',
): { backend?: BackendInfo; data: DataStatus } {
  const [backend, setBackend] = useState<BackendInfo>();
  const { state: data, run } = useWorkerJob<DownloadProgress, DataCounts>();
  const started = useRef<BackendPreference>(undefined);
  useEffect(() => {
    const restart = started.current !== preference;
    started.current = preference;
    void run((ctx) =>
      ctx.gate<DownloadProgress, DataCounts>((onDataProgress) =>
        restart
          ? startLab(
              preference,
              { onBackend: (info) => !ctx.signal.aborted && setBackend(info), onDataProgress },
              dataset,
            )
          : loadLabDataset(dataset, onDataProgress),
      ),
    );
  }, [preference, dataset, run]);
  return { backend, data };
}
