import { useCallback, useEffect, useMemo, useState } from 'react';
import { IDLE_JOB, WorkerJob, type JobOutcome, type JobState, type JobWork } from './worker-job';

/** A job slot's state and its stable controls (see WorkerJob). */
export interface WorkerJobHandle<P, R> {
  state: JobState<P, R>;
  /** Starts `work`, aborting the previous run. */
  run: (work: JobWork<P, R>) => Promise<JobOutcome<R>>;
  /** Aborts the run; the state becomes 'cancelled'. */
  cancel: () => void;
  /** Aborts the run, if any; the state becomes 'idle'. */
  reset: () => void;
  /** Whether a run is in progress right now (read at call time, not render time). */
  isRunning: () => boolean;
}

/**
 * The one way a component runs worker work: abort on a new run, on cancel and on unmount, and no
 * progress after the result. The returned object changes only when the state does.
 */
export function useWorkerJob<P, R>(): WorkerJobHandle<P, R> {
  const [state, setState] = useState<JobState<P, R>>(IDLE_JOB);
  const [job] = useState(() => new WorkerJob<P, R>(setState));
  useEffect(() => () => job.dispose(), [job]);
  const run = useCallback((work: JobWork<P, R>) => job.run(work), [job]);
  const cancel = useCallback(() => job.cancel(), [job]);
  const reset = useCallback(() => job.reset(), [job]);
  const isRunning = useCallback(() => job.running, [job]);
  return useMemo(() => ({ state, run, cancel, reset, isRunning }), [state, run, cancel, reset, isRunning]);
}
