/**
 * The greedy memory planner of TensorFlow Lite Micro, re-derived from tflite-micro's
 * `tensorflow/lite/micro/memory_planner/greedy_memory_planner.cc` (CalculateOffsetsIfNeeded): buffers are
 * placed largest first (a stable sort, so equal sizes keep their order); each one goes at the lowest offset
 * where it fits between the buffers already placed that are live at an overlapping time (first fit).
 * Sizes arrive already aligned (the allocator rounds them up to 16 bytes, see arena-plan.ts).
 */

export interface BufferRequest {
  /** Bytes, already aligned. */
  size: number;
  /** First and last time step the buffer is live, inclusive. */
  first: number;
  last: number;
}

export interface GreedyPlan {
  /** Offset of each request, in request order. */
  offsets: number[];
  /** Bytes the arena needs: the highest end of any placed buffer. */
  peak: number;
}

const overlaps = (a: BufferRequest, b: BufferRequest): boolean => !(a.first > b.last || b.first > a.last);

/** The first offset where `want` fits among `placed` buffers (sorted by offset) that are live with it. */
function firstFit(want: BufferRequest, placed: { req: BufferRequest; offset: number }[]): number {
  let candidate = 0;
  for (const p of placed) {
    if (!overlaps(p.req, want)) continue;
    if (p.offset - candidate >= want.size) break;
    candidate = Math.max(candidate, p.offset + p.req.size);
  }
  return candidate;
}

/** Plans `requests` as TFLM's GreedyMemoryPlanner does; see the module comment. */
export function planGreedy(requests: readonly BufferRequest[]): GreedyPlan {
  const order = requests.map((_, i) => i).sort((a, b) => requests[b]!.size - requests[a]!.size || a - b);
  const offsets = new Array<number>(requests.length).fill(0);
  const placed: { req: BufferRequest; offset: number }[] = [];
  for (const i of order) {
    const req = requests[i]!;
    const offset = placed.length === 0 ? 0 : firstFit(req, placed);
    offsets[i] = offset;
    // Keep `placed` sorted by offset; a new entry goes after existing entries at the same offset.
    const at = placed.findIndex((p) => p.offset > offset);
    placed.splice(at < 0 ? placed.length : at, 0, { req, offset });
  }
  const peak = requests.reduce((m, r, i) => Math.max(m, offsets[i]! + r.size), 0);
  return { offsets, peak };
}
