import { useEffect, useState } from 'react';
import type { BackendChoice as BackendInfo } from '../../backends/select-backend';
import type { DownloadProgress } from '../../data/fetch-dataset';
import { useWorkerJob } from '../common/use-worker-job';
import type { JobState } from '../common/worker-job';
import { startLab, type DataCounts } from '../lab-client';
import type { BackendPreference } from '../state/lab-state';

/** The MNIST download as the banner shows it: running with byte progress, done with counts, or failed. */
export type DataStatus = JobState<DownloadProgress, DataCounts>;

/**
 * Starts the lab worker on the preferred backend (again whenever it changes) and follows the MNIST
 * download. A late download report cannot put a loaded page back into "loading": the job gates it.
 */
export function useLabBoot(preference: BackendPreference): { backend?: BackendInfo; data: DataStatus } {
  const [backend, setBackend] = useState<BackendInfo>();
  const { state: data, run } = useWorkerJob<DownloadProgress, DataCounts>();
  useEffect(() => {
    void run((ctx) =>
      ctx.gate<DownloadProgress, DataCounts>((onDataProgress) =>
        startLab(preference, {
          onBackend: (info) => !ctx.signal.aborted && setBackend(info),
          onDataProgress,
        }),
      ),
    );
  }, [preference, run]);
  return { backend, data };
}
