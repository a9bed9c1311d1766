/**
 * The life of one piece of worker work, without React: start (superseding the previous run), abort,
 * cancel, and progress that goes quiet once the result is in. Progress reports travel on their own
 * comlink message port, so the last one can arrive after the call has resolved; without a gate it
 * would put a finished view back into "running". useWorkerJob wraps this for components.
 */
import { CancelledError } from '../../bridge/worker-bridge';
import { coreFailure, type CoreFailure } from '../i18n/core-text';

/** Where one job stands. `P` is its progress report, `R` its result. */
export type JobState<P, R> =
  | { status: 'idle' }
  | { status: 'running'; progress?: P }
  | { status: 'done'; result: R }
  | ({ status: 'failed' } & CoreFailure)
  | { status: 'cancelled' };

/** How a run ended, for the caller that started it. */
export type JobOutcome<R> =
  { status: 'done'; result: R } | ({ status: 'failed' } & CoreFailure) | { status: 'cancelled' };

/** What a job's work function is given. */
export interface JobContext<P> {
  /** Aborts when the job is cancelled, superseded or disposed: pass it to WorkerBridge.run. */
  signal: AbortSignal;
  /** Reports the job's progress; ignored once the run has settled, been cancelled or superseded. */
  progress: (p: P) => void;
  /**
   * Runs one worker call with a progress callback of its own that goes quiet as soon as that call
   * settles (or the run stops being current). `handler` defaults to `progress`.
   */
  gate<A, T>(call: (onProgress: (a: A) => void) => Promise<T>, handler?: (a: A) => void): Promise<T>;
}

/** The part of a job's context a single worker call needs (its signal and its own progress gate). */
export type CallContext = Pick<JobContext<unknown>, 'signal' | 'gate'>;

export type JobWork<P, R> = (ctx: JobContext<P>) => Promise<R>;

/** The idle state, shared so that resets do not create new objects. */
export const IDLE_JOB = { status: 'idle' } as const;

/**
 * Runs `call(onProgress)` and forwards progress to `handler` only while the call is pending and
 * `live()` holds. Reports that arrive after the call settled are dropped.
 */
export async function gateProgress<A, T>(
  call: (onProgress: (a: A) => void) => Promise<T>,
  handler: (a: A) => void,
  live: () => boolean = () => true,
): Promise<T> {
  let open = true;
  try {
    return await call((a) => {
      if (open && live()) handler(a);
    });
  } finally {
    open = false;
  }
}

/** The message shown for a failure: the error's message, or the thrown value itself. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * One job slot: at most one run is current. `emit` receives every state change of the current run;
 * a superseded or cancelled run emits nothing more.
 */
export class WorkerJob<P, R> {
  private controller?: AbortController;

  constructor(private readonly emit: (state: JobState<P, R>) => void) {}

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.controller !== undefined;
  }

  /** Starts `work`, aborting the run before it. Resolves with how this run ended. */
  async run(work: JobWork<P, R>): Promise<JobOutcome<R>> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const live = () => this.controller === controller;
    let settled = false;
    const progress = (p: P) => {
      if (!settled && live()) this.emit({ status: 'running', progress: p });
    };
    const ctx: JobContext<P> = {
      signal: controller.signal,
      progress,
      gate: (call, handler = progress as never) => gateProgress(call, handler, () => !settled && live()),
    };
    this.emit({ status: 'running' });
    const outcome = await settle(work, ctx);
    settled = true;
    if (!live()) return { status: 'cancelled' };
    this.controller = undefined;
    this.emit(outcome);
    return outcome;
  }

  /** Aborts the current run (its worker call rejects) and reports 'cancelled' at once. */
  cancel(): void {
    if (!this.stop()) return;
    this.emit({ status: 'cancelled' });
  }

  /** Aborts the current run, if any, and returns to idle. */
  reset(): void {
    this.stop();
    this.emit(IDLE_JOB);
  }

  /** Aborts the current run without reporting anything (the owner is going away). */
  dispose(): void {
    this.stop();
  }

  private stop(): boolean {
    const controller = this.controller;
    this.controller = undefined;
    controller?.abort();
    return controller !== undefined;
  }
}

async function settle<P, R>(work: JobWork<P, R>, ctx: JobContext<P>): Promise<JobOutcome<R>> {
  try {
    const result = await work(ctx);
    return ctx.signal.aborted ? { status: 'cancelled' } : { status: 'done', result };
  } catch (e) {
    if (e instanceof CancelledError || ctx.signal.aborted) return { status: 'cancelled' };
    return { status: 'failed', ...coreFailure(e) };
  }
}
