/**
 * The tensor arena TensorFlow Lite Micro plans for a file, computed from the inspector's tensor table:
 * - lifetimes as tflite-micro's `tensorflow/lite/micro/micro_allocation_info.cc` (MarkAllocationLifetimes)
 *   marks them: graph inputs live from step 0; op i runs at step i + 1, creates its outputs there and is the
 *   last use of its inputs so far; graph outputs live to the last step;
 * - only tensors that need allocating: no constant data, not variables, non-zero size (InitializeAllocationInfo);
 * - each size rounded up to 16 bytes (`micro_allocator.cc` CreatePlan with MicroArenaBufferAlignment() = 16,
 *   `micro_arena_constants.h`);
 * - placed by the greedy planner (greedy-planner.ts).
 * Kernels' scratch buffers (optimized kernels such as CMSIS-NN request some) are not included: the reference
 * kernels the lab's files use request none.
 */
import type { TfliteModelInfo, TfliteSubgraphInfo, TfliteTensorInfo } from '../tflite/read-tflite';
import { TENSOR_TYPE_BYTES } from '../tflite/schema';
import { planGreedy } from './greedy-planner';

export const ARENA_ALIGNMENT = 16;

export interface PlannedTensor {
  tensor: number;
  name: string;
  type: string;
  bytes: number;
  alignedBytes: number;
  /** First and last step the tensor is live (inclusive); step 0 is before the first op. */
  first: number;
  last: number;
  offset: number;
}

export interface ArenaPlan {
  /** Bytes of the planned (non-persistent) arena section. */
  arenaBytes: number;
  tensors: PlannedTensor[];
  /** Step labels: "inputs", then one per op ("0 CONV_2D"). */
  steps: string[];
}

export const alignUp = (n: number, a = ARENA_ALIGNMENT): number => Math.ceil(n / a) * a;

/** Bytes of a tensor as TfLiteEvalTensorByteLength computes them (0 for types without a fixed size). */
export function tensorBytes(t: TfliteTensorInfo): number {
  const elem = TENSOR_TYPE_BYTES[t.typeId] ?? 0;
  return t.shape.reduce((a, d) => a * Math.max(d, 0), elem);
}

const needsAllocating = (t: TfliteTensorInfo): boolean => t.dataOffset < 0 && !t.isVariable && tensorBytes(t) > 0;

/** [first, last] step of every tensor (-1 when never touched), as MarkAllocationLifetimes computes them. */
export function tensorLifetimes(sg: TfliteSubgraphInfo): { first: number; last: number }[] {
  const life = sg.tensors.map(() => ({ first: -1, last: -1 }));
  const create = (i: number, step: number) => {
    const l = life[i];
    if (l && l.first < 0) l.first = step;
  };
  const lastUse = (i: number, step: number) => {
    const l = life[i];
    if (l) l.last = step;
  };
  for (const i of sg.inputs) {
    create(i, 0);
    lastUse(i, 0);
  }
  sg.ops.forEach((op, k) => {
    const step = k + 1;
    op.outputs.forEach((i) => create(i, step));
    op.inputs.forEach((i) => {
      if (i >= 0) lastUse(i, step);
    });
    op.outputs.forEach((i) => lastUse(i, step));
  });
  const end = sg.ops.length;
  for (const i of sg.outputs) {
    create(i, end);
    lastUse(i, end);
  }
  return life;
}

/** Plans the arena of subgraph 0 (the one the interpreter runs). */
export function planArena(info: TfliteModelInfo): ArenaPlan {
  const sg = info.subgraphs[0];
  if (!sg) return { arenaBytes: 0, tensors: [], steps: [] };
  const life = tensorLifetimes(sg);
  const tensors = sg.tensors
    .filter((t) => needsAllocating(t) && life[t.index]!.first >= 0)
    .map((t) => {
      const bytes = tensorBytes(t);
      return { tensor: t.index, name: t.name, type: t.type, bytes, alignedBytes: alignUp(bytes), ...life[t.index]! };
    });
  const plan = planGreedy(tensors.map((t) => ({ size: t.alignedBytes, first: t.first, last: t.last })));
  return {
    arenaBytes: plan.peak,
    tensors: tensors.map((t, i) => ({ ...t, offset: plan.offsets[i]! })),
    steps: ['inputs', ...sg.ops.map((op) => `${op.index} ${op.opName}`)],
  };
}
