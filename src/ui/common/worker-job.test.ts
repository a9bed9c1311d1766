import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../bridge/worker-bridge';
import { gateProgress, WorkerJob, type JobState } from './worker-job';

/** A promise with its resolve/reject exposed, standing in for a worker call. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function recorder() {
  const states: JobState<number, string>[] = [];
  const job = new WorkerJob<number, string>((s) => states.push(s));
  return { states, job };
}

describe('gateProgress', () => {
  it('forwards progress while the call is pending and drops what arrives after it settled', async () => {
    const seen: number[] = [];
    let report!: (n: number) => void;
    const call = deferred<string>();
    const done = gateProgress<number, string>(
      (onProgress) => ((report = onProgress), call.promise),
      (n) => seen.push(n),
    );
    report(1);
    call.resolve('ok');
    await expect(done).resolves.toBe('ok');
    report(2);
    expect(seen).toEqual([1]);
  });

  it('drops progress while live() is false, and after a failed call', async () => {
    const seen: number[] = [];
    let report!: (n: number) => void;
    let live = false;
    const call = deferred<string>();
    const done = gateProgress<number, string>(
      (onProgress) => ((report = onProgress), call.promise),
      (n) => seen.push(n),
      () => live,
    );
    report(1);
    live = true;
    report(2);
    call.reject(new Error('boom'));
    await expect(done).rejects.toThrow('boom');
    report(3);
    expect(seen).toEqual([2]);
  });
});

describe('WorkerJob', () => {
  it('reports running, progress, then done, and ignores progress that arrives after the result', async () => {
    const { states, job } = recorder();
    let report!: (n: number) => void;
    const outcome = await job.run(async (ctx) => {
      report = ctx.progress;
      ctx.progress(0.5);
      return 'result';
    });
    report(0.9);
    expect(outcome).toEqual({ status: 'done', result: 'result' });
    expect(states).toEqual([
      { status: 'running' },
      { status: 'running', progress: 0.5 },
      { status: 'done', result: 'result' },
    ]);
    expect(job.running).toBe(false);
  });

  it('gates each worker call: a call that settled reports nothing while later calls run', async () => {
    const { states, job } = recorder();
    const second = deferred<string>();
    let firstReport!: (n: number) => void;
    const run = job.run(async (ctx) => {
      await ctx.gate<number, string>(async (onProgress) => ((firstReport = onProgress), 'first'));
      return ctx.gate<number, string>(() => second.promise);
    });
    await Promise.resolve();
    firstReport(0.7);
    second.resolve('second');
    await run;
    expect(states).toEqual([{ status: 'running' }, { status: 'done', result: 'second' }]);
  });
});

describe('WorkerJob cancel, supersession and errors', () => {
  it('a gate with its own handler feeds that handler only, and only while its call and the run are pending', async () => {
    const { states, job } = recorder();
    const seen: string[] = [];
    const call = deferred<string>();
    let report!: (s: string) => void;
    const run = job.run((ctx) =>
      ctx.gate<string, string>(
        (onProgress) => ((report = onProgress), call.promise),
        (s) => seen.push(s),
      ),
    );
    report('epoch 1');
    call.resolve('model');
    await run;
    report('late');
    expect(seen).toEqual(['epoch 1']);
    expect(states).toEqual([{ status: 'running' }, { status: 'done', result: 'model' }]);
  });

  it('cancel aborts the signal, reports cancelled at once, and drops the late result', async () => {
    const { states, job } = recorder();
    const call = deferred<string>();
    let signal!: AbortSignal;
    const run = job.run((ctx) => ((signal = ctx.signal), call.promise));
    job.cancel();
    expect(signal.aborted).toBe(true);
    call.resolve('too late');
    await expect(run).resolves.toEqual({ status: 'cancelled' });
    expect(states).toEqual([{ status: 'running' }, { status: 'cancelled' }]);
  });

  it('a new run supersedes the old one: the old run emits nothing more and resolves as cancelled', async () => {
    const { states, job } = recorder();
    const old = deferred<string>();
    let oldReport!: (n: number) => void;
    let oldSignal!: AbortSignal;
    const first = job.run((ctx) => ((oldReport = ctx.progress), (oldSignal = ctx.signal), old.promise));
    const second = job.run(async () => 'new');
    expect(oldSignal.aborted).toBe(true);
    oldReport(0.3);
    old.resolve('old');
    await expect(first).resolves.toEqual({ status: 'cancelled' });
    await expect(second).resolves.toEqual({ status: 'done', result: 'new' });
    expect(states).toEqual([{ status: 'running' }, { status: 'running' }, { status: 'done', result: 'new' }]);
  });

  it.each([
    ['a CancelledError (the bridge terminated the worker)', new CancelledError(), { status: 'cancelled' }],
    ['any other error', new Error('worker died'), { status: 'failed', message: 'worker died' }],
    ['a thrown string', 'plain', { status: 'failed', message: 'plain' }],
  ])('maps %s to its outcome', async (_what, error, expected) => {
    const { states, job } = recorder();
    await expect(job.run(() => Promise.reject(error))).resolves.toEqual(expected);
    expect(states.at(-1)).toEqual(expected);
  });

  it('dispose aborts without reporting; reset returns to idle', async () => {
    const { states, job } = recorder();
    const call = deferred<string>();
    let signal!: AbortSignal;
    const run = job.run((ctx) => ((signal = ctx.signal), call.promise));
    job.dispose();
    expect(signal.aborted).toBe(true);
    call.resolve('ignored');
    await run;
    expect(states).toEqual([{ status: 'running' }]);
    job.reset();
    expect(states.at(-1)).toEqual({ status: 'idle' });
    job.cancel();
    expect(states.at(-1)).toEqual({ status: 'idle' });
  });
});
