import { useCallback, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { TrainProgress, TrainSettings } from '../../core/train/settings';
import { useThrottledValue } from '../common/use-throttled-value';
import { useWorkerJob } from '../common/use-worker-job';
import { labBridge } from '../lab-client';
import { planWorkers, trainOnWorkers, type WorkerPlan } from './train-on-workers';
import { addProgress, EMPTY_CURVES, trainingRun, type TrainResult } from './training-run';

/**
 * The charts redraw at most this often while a run reports (ten reports a second): a recharts redraw
 * of the two charts is a main-thread task of tens of milliseconds (issue 16: the longest task while
 * training must stay under 100 ms).
 */
const CHART_INTERVAL_MS = 1000;

/** Runs training in the lab worker as a worker job and exposes its live state. */
export function useTraining(onTrained: (m: TrainedModel, cancelled: boolean) => void) {
  const job = useWorkerJob<TrainProgress, TrainResult>();
  const { run: runJob, isRunning } = job;
  const [curves, setCurves] = useState(EMPTY_CURVES);
  const [cancelling, setCancelling] = useState(false);
  const [workers, setWorkers] = useState<WorkerPlan>();

  const start = useCallback(
    async (settings: TrainSettings) => {
      if (isRunning()) return;
      setCurves(EMPTY_CURVES);
      setCancelling(false);
      const outcome = await runJob((ctx) =>
        ctx.gate<TrainProgress, TrainResult>(
          async (onProgress) => {
            const plan = await planWorkers(settings.workers);
            setWorkers(plan);
            return trainOnWorkers(settings, onProgress, plan);
          },
          (p) => setCurves((c) => addProgress(c, p)),
        ),
      );
      if (outcome.status === 'done') onTrained(outcome.result.model, outcome.result.cancelled);
    },
    [runJob, isRunning, onTrained],
  );

  const cancel = useCallback(async () => {
    if (!isRunning()) return;
    setCancelling(true);
    // Bypasses the bridge queue on purpose: the queue is busy with the training call itself. The
    // worker stops after the current batch and returns the last completed epoch.
    await (await labBridge.api()).cancelTraining();
  }, [isRunning]);

  const run = useMemo(() => trainingRun(job.state, curves, cancelling), [job.state, curves, cancelling]);
  // At once at an epoch's end and when the run stops; in between, one redraw a second.
  const charts = useThrottledValue(
    curves,
    CHART_INTERVAL_MS,
    job.state.status !== 'running' || curves.progress?.phase === 'epoch',
  );
  return { run, charts, start, cancel, workers };
}
