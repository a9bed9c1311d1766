import * as Comlink from 'comlink';

export class WorkerDiedError extends Error {
  constructor(what: string, detail: string) {
    super(
      `The ${what} worker stopped unexpectedly (${detail}). Your settings and earlier results are kept; try again.`,
    );
    this.name = 'WorkerDiedError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** One started worker and the promise that rejects when it stops (error, or terminate). */
interface Instance<T> {
  worker: Worker;
  remote: Comlink.Remote<T>;
  /** Rejects once this worker is gone; every call on it races against this. */
  stopped: Promise<never>;
  stop: (reason: Error) => void;
  ready: Promise<Comlink.Remote<T>>;
}

/**
 * Owns one worker: lazy start-up (shared by concurrent callers), a serial queue of calls, abort
 * (by terminating the worker, the only way to stop synchronous WASM work), and errors when the
 * worker dies. Nothing waits forever on a worker that is gone: start-up and every pending call
 * reject. Squoosh's WorkerBridge is the model. `T` is the type the worker passes to Comlink.expose.
 */
export class WorkerBridge<T> {
  private current?: Instance<T>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly name: string,
    private readonly create: () => Worker,
    private readonly onStart?: (remote: Comlink.Remote<T>) => Promise<void>,
  ) {}

  /** The remote API once the worker has started. Calls made through it directly bypass the queue. */
  api(): Promise<Comlink.Remote<T>> {
    this.current ??= this.start();
    return this.current.ready;
  }

  private start(): Instance<T> {
    const worker = this.create();
    let stop!: (reason: Error) => void;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    stopped.catch(() => undefined);
    const instance: Instance<T> = {
      worker,
      remote: Comlink.wrap<T>(worker),
      stopped,
      stop,
      ready: Promise.resolve() as never,
    };
    const die = (detail: string) => {
      if (this.current === instance) this.current = undefined;
      worker.terminate();
      stop(new WorkerDiedError(this.name, detail));
    };
    worker.addEventListener('error', (e) => die(e.message || 'script error'));
    worker.addEventListener('messageerror', () => die('message could not be decoded'));
    instance.ready = (async () => {
      if (this.onStart) await Promise.race([this.onStart(instance.remote), stopped]);
      return instance.remote;
    })();
    instance.ready.catch(() => {
      if (this.current === instance) this.terminate();
    });
    return instance;
  }

  /**
   * Runs `job` after the calls queued before it. When `signal` aborts, the worker is terminated,
   * the call rejects with CancelledError, and the next call starts a fresh worker.
   */
  run<R>(job: (remote: Comlink.Remote<T>) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const result = this.queue.then(async () => {
      if (signal?.aborted) throw new CancelledError();
      await this.api();
      const instance = this.current!;
      const aborted = new Promise<never>((_, reject) => {
        signal?.addEventListener(
          'abort',
          () => {
            if (this.current === instance) this.terminate();
            reject(new CancelledError());
          },
          { once: true },
        );
      });
      aborted.catch(() => undefined);
      return Promise.race([job(instance.remote), instance.stopped, aborted]);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stops the worker now; its pending calls reject with CancelledError. */
  terminate(): void {
    const instance = this.current;
    this.current = undefined;
    if (!instance) return;
    instance.worker.terminate();
    instance.stop(new CancelledError());
  }
}
