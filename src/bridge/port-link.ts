import { PeerStoppedError, type PeerLink } from '../core/train/data-parallel';

/** What crosses the port: one replica's step message (its buffer transferred), or a stop. */
type PortMessage = { kind: 'step'; values: Float32Array } | { kind: 'stop'; reason?: string };

/**
 * A {@link PeerLink} over a MessagePort between two workers (the bridge hands each worker one end
 * of a MessageChannel): step messages cross as transferables, without the page in between.
 * `fail` rejects the pending and later exchanges, e.g. when the bridge learns the peer worker died or stopped.
 */
export function portLink(port: MessagePort): PeerLink & { fail(reason: string): void } {
  const inbox: Float32Array[] = [];
  let waiting: { resolve: (v: Float32Array) => void; reject: (e: Error) => void } | undefined;
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    const w = waiting;
    waiting = undefined;
    w?.reject(stopped);
  };
  port.onmessage = (event: MessageEvent<PortMessage>) => {
    const m = event.data;
    if (m.kind === 'stop') stop(new PeerStoppedError(m.reason));
    else if (waiting) {
      const w = waiting;
      waiting = undefined;
      w.resolve(m.values);
    } else inbox.push(m.values);
  };
  port.start();
  return {
    exchange(mine) {
      if (stopped) return Promise.reject(stopped);
      // The caller still reads `mine` (it combines both halves), so a copy's buffer is transferred.
      const values = mine.slice();
      port.postMessage({ kind: 'step', values } satisfies PortMessage, [values.buffer]);
      const ready = inbox.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    close() {
      if (!stopped) port.postMessage({ kind: 'stop' } satisfies PortMessage);
      stop(new PeerStoppedError());
      port.close();
    },
    fail(reason) {
      // A stop either way: rank 1 then returns quietly, rank 0 fails with `reason`.
      stop(new PeerStoppedError(reason));
    },
  };
}
