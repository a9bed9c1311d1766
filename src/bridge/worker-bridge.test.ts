import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, WorkerBridge, WorkerDiedError } from './worker-bridge';

/**
 * A stand-in for a Web Worker in Node: a MessageChannel whose far end runs a real Comlink.expose'd
 * API. `crash()` fires the 'error' event a dying worker fires; terminate() closes the channel.
 */
class ChannelWorker extends EventTarget {
  static created: ChannelWorker[] = [];
  private readonly channel = new MessageChannel();
  terminated = false;

  constructor(api: object) {
    super();
    Comlink.expose(api, this.channel.port2 as unknown as Comlink.Endpoint);
    this.channel.port1.addEventListener('message', (e) =>
      this.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })),
    );
    this.channel.port1.start();
    ChannelWorker.created.push(this);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.channel.port1.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
  }

  crash(message: string): void {
    const event = new Event('error') as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

const never = () => new Promise<never>(() => undefined);

/** A promise the test awaits until the far end has seen a call (instead of sleeping). */
function signal() {
  let fire!: () => void;
  const reached = new Promise<void>((resolve) => (fire = resolve));
  return { reached, fire };
}
let hangReached = signal();
const api = {
  echo: async (x: number) => x * 2,
  hang: () => {
    hangReached.fire();
    return never();
  },
};
type Api = typeof api;

function bridge(onStart?: (remote: Comlink.Remote<Api>) => Promise<void>) {
  return new WorkerBridge<Api>('test', () => new ChannelWorker(api) as unknown as Worker, onStart);
}

afterEach(() => {
  hangReached = signal();
  for (const w of ChannelWorker.created) w.terminate();
  ChannelWorker.created = [];
});

describe('WorkerBridge', () => {
  it('starts lazily once and queues calls in order', async () => {
    const b = bridge();
    expect(ChannelWorker.created).toHaveLength(0);
    const results = await Promise.all([b.run((r) => r.echo(1)), b.run((r) => r.echo(2)), b.run((r) => r.echo(3))]);
    expect(results).toEqual([2, 4, 6]);
    expect(ChannelWorker.created).toHaveLength(1);
  });

  it('a worker that dies mid-call rejects the call with a clear error, and the next call gets a fresh worker', async () => {
    const b = bridge();
    const pending = b.run((r) => r.hang());
    await hangReached.reached;
    ChannelWorker.created[0].crash('out of memory');
    await expect(pending).rejects.toThrow(WorkerDiedError);
    await expect(pending).rejects.toThrow(/out of memory/);
    expect(ChannelWorker.created[0].terminated).toBe(true);
    await expect(b.run((r) => r.echo(21))).resolves.toBe(42);
    expect(ChannelWorker.created).toHaveLength(2);
  });

  it('a worker that dies during start-up rejects start-up instead of hanging', async () => {
    const startUp = signal();
    const b = bridge(() => {
      startUp.fire();
      return never();
    });
    const started = b.api();
    await startUp.reached;
    ChannelWorker.created[0].crash('script error');
    await expect(started).rejects.toThrow(WorkerDiedError);
  });

  it('abort terminates the worker, rejects with CancelledError and leaves the queue usable', async () => {
    const b = bridge();
    const controller = new AbortController();
    const pending = b.run((r) => r.hang(), controller.signal);
    const queued = b.run((r) => r.echo(5));
    await hangReached.reached;
    controller.abort();
    await expect(pending).rejects.toThrow(CancelledError);
    expect(ChannelWorker.created[0].terminated).toBe(true);
    await expect(queued).resolves.toBe(10);
  });

  it('terminate rejects pending calls rather than leaving them pending forever', async () => {
    const b = bridge();
    const pending = b.run((r) => r.hang());
    await hangReached.reached;
    b.terminate();
    await expect(pending).rejects.toThrow(CancelledError);
  });
});
