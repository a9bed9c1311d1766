import * as Comlink from 'comlink';

export class WorkerDiedError extends Error {
  constructor(what: string, detail: string) {
    super(`The ${what} worker stopped unexpectedly (${detail}). Your settings and earlier results are kept; try again.`);
    this.name = 'WorkerDiedError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * Owns one worker: lazy start-up, a serial queue of calls, abort (by terminating the worker, the
 * only way to stop synchronous WASM work) and errors when the worker dies. Squoosh's WorkerBridge
 * is the model. `T` is the type the worker passes to Comlink.expose.
 */
export class WorkerBridge<T> {
  private worker?: Worker;
  private starting?: Promise<Comlink.Remote<T>>;
  private queue: Promise<unknown> = Promise.resolve();
  private deathListeners = new Set<(e: Error) => void>();

  constructor(
    private readonly name: string,
    private readonly create: () => Worker,
    private readonly onStart?: (remote: Comlink.Remote<T>) => Promise<void>,
  ) {}

  /**
   * The remote API, starting the worker (and running onStart) on first use; concurrent callers share
   * one start-up. Calls made through it directly bypass the queue.
   */
  api(): Promise<Comlink.Remote<T>> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<Comlink.Remote<T>> {
    const worker = this.create();
    this.worker = worker;
    const remote = Comlink.wrap<T>(worker);
    const died = new Promise<never>((_, reject) => {
      const die = (detail: string) => {
        if (this.worker !== worker) return;
        this.reset();
        const err = new WorkerDiedError(this.name, detail);
        reject(err);
        for (const l of this.deathListeners) l(err);
      };
      worker.addEventListener('error', (e) => die(e.message || 'script error'));
      worker.addEventListener('messageerror', () => die('message could not be decoded'));
    });
    died.catch(() => undefined);
    try {
      // A worker that dies while starting rejects start-up instead of leaving it pending forever.
      if (this.onStart) await Promise.race([this.onStart(remote), died]);
    } catch (e) {
      if (this.worker === worker) this.terminate();
      throw e;
    }
    return remote;
  }

  /**
   * Runs `job` after the calls queued before it. When `signal` aborts, the worker is terminated,
   * the call rejects with CancelledError, and the next call starts a fresh worker.
   */
  run<R>(job: (remote: Comlink.Remote<T>) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const result = this.queue.then(async () => {
      if (signal?.aborted) throw new CancelledError();
      const remote = await this.api();
      return new Promise<R>((resolve, reject) => {
        const onAbort = () => {
          this.terminate();
          reject(new CancelledError());
        };
        const onDeath = (e: Error) => reject(e);
        signal?.addEventListener('abort', onAbort, { once: true });
        this.deathListeners.add(onDeath);
        job(remote)
          .then(resolve, reject)
          .finally(() => {
            signal?.removeEventListener('abort', onAbort);
            this.deathListeners.delete(onDeath);
          });
      });
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  terminate(): void {
    this.worker?.terminate();
    this.reset();
  }

  private reset(): void {
    this.worker = undefined;
    this.starting = undefined;
  }
}
