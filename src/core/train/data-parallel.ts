/**
 * Two-way data-parallel training: each of two replicas (a worker each, its own WASM instance) holds
 * the same weights, computes the gradient of its half of every batch, and the two halves are
 * combined into the full batch's gradient; both then apply the same optimizer step, so the weights
 * stay bit-identical and equal single-replica training up to float rounding.
 * This module is transport-free: a worker adapter implements {@link PeerLink} over a MessagePort,
 * tests over {@link linkedPair}.
 */

/** Sends one message to the other replica and waits for its message of the same step. */
export interface PeerLink {
  /** Posts `mine` (which stays the caller's: a link copies it) and resolves with the peer's message of the same round. */
  exchange(mine: Float32Array): Promise<Float32Array>;
  /** Tells the peer that this replica stops (its pending and later exchanges reject with {@link PeerStoppedError}). */
  close(): void;
}

/** This replica's place: rank 0 leads (reports progress, evaluates, returns the result), rank 1 follows. */
export interface DataParallel {
  rank: 0 | 1;
  link: PeerLink;
}

/** Thrown in one replica when the other stopped (finished, cancelled, failed). */
export class PeerStoppedError extends Error {
  constructor(detail = 'the other training worker stopped') {
    super(detail);
    this.name = 'PeerStoppedError';
  }
}

/** The rows [start, end) of a batch of `n` that replica `rank` trains on: rank 0 the first ceil(n/2). */
export function shardOf(n: number, rank: 0 | 1): { start: number; end: number } {
  const half = Math.ceil(n / 2);
  return rank === 0 ? { start: 0, end: half } : { start: half, end: n };
}

/**
 * Layout of one exchange message: the replica's flattened gradients (its half's mean), then its row
 * count, its summed cross-entropy and its number of correct predictions.
 */
export const STATS_LENGTH = 3;

/** Packs gradients (in variable order) and the half-batch statistics into one message. */
export function packShard(grads: Float32Array[], rows: number, lossSum: number, correct: number): Float32Array {
  const total = grads.reduce((s, g) => s + g.length, 0);
  const out = new Float32Array(total + STATS_LENGTH);
  let offset = 0;
  for (const g of grads) {
    out.set(g, offset);
    offset += g.length;
  }
  out[total] = rows;
  out[total + 1] = lossSum;
  out[total + 2] = correct;
  return out;
}

/** The full batch's mean gradient (in variable order, shapes as `sizes`), mean loss and correct count. */
export interface CombinedBatch {
  grads: Float32Array[];
  rows: number;
  loss: number;
  correct: number;
}

/**
 * Combines the two replicas' messages, always as rank 0's then rank 1's, so that both replicas
 * compute the same bits. The batch loss is a mean over rows, so each half's mean gradient is
 * weighted by its share of the rows: g = (n0 g0 + n1 g1) / (n0 + n1).
 */
export function combineShards(first: Float32Array, second: Float32Array, sizes: number[]): CombinedBatch {
  const total = sizes.reduce((s, n) => s + n, 0);
  if (first.length !== total + STATS_LENGTH || second.length !== total + STATS_LENGTH)
    throw new Error(
      `data-parallel message of ${first.length}/${second.length} floats, expected ${total + STATS_LENGTH}`,
    );
  const n0 = first[total];
  const n1 = second[total];
  const rows = n0 + n1;
  const w0 = n0 / rows;
  const w1 = n1 / rows;
  const grads: Float32Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    const g = new Float32Array(size);
    for (let i = 0; i < size; i++) g[i] = w0 * first[offset + i] + w1 * second[offset + i];
    grads.push(g);
    offset += size;
  }
  return {
    grads,
    rows,
    loss: (first[total + 1] + second[total + 1]) / rows,
    correct: first[total + 2] + second[total + 2],
  };
}

/** Sends this replica's message, receives the peer's, and combines both in rank order. */
export async function exchangeShards(
  parallel: DataParallel,
  mine: Float32Array,
  sizes: number[],
): Promise<CombinedBatch> {
  const theirs = await parallel.link.exchange(mine);
  return parallel.rank === 0 ? combineShards(mine, theirs, sizes) : combineShards(theirs, mine, sizes);
}

/** Two in-memory linked replicas' links (one realm): for tests and single-process runs. */
export function linkedPair(): [PeerLink, PeerLink] {
  interface End {
    inbox: Float32Array[];
    waiting?: { resolve: (v: Float32Array) => void; reject: (e: Error) => void };
    closed: boolean;
  }
  const ends: [End, End] = [
    { inbox: [], closed: false },
    { inbox: [], closed: false },
  ];
  const link = (me: End, peer: End): PeerLink => ({
    exchange(mine) {
      if (me.closed || peer.closed) return Promise.reject(new PeerStoppedError());
      const copy = mine.slice();
      if (peer.waiting) {
        const w = peer.waiting;
        peer.waiting = undefined;
        w.resolve(copy);
      } else peer.inbox.push(copy);
      const ready = me.inbox.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => (me.waiting = { resolve, reject }));
    },
    close() {
      me.closed = true;
      const w = peer.waiting;
      peer.waiting = undefined;
      w?.reject(new PeerStoppedError());
    },
  });
  return [link(ends[0], ends[1]), link(ends[1], ends[0])];
}
