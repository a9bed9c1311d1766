/**
 * The accelerated twin of the reference interpreter (src/core/graph/reference/run-graph.ts): executes the
 * lab's graph IR with tfjs ops on whatever backend is active (WebGPU, WASM or CPU; the caller chooses).
 * Float ops run as float32 tfjs ops. Quantized tensors are held as float32 tensors of their raw integer
 * values; integer kernels compute exact integer sums and requantize as the kernel LiteRT.js runs does:
 * XNNPACK's fp32 scheme for int8, TFLite's fixed-point one (exact float32 limb arithmetic) for 16x8 (see
 * requantize-tfjs.ts and weighted-ops-tfjs.ts for the bounds).
 *
 * Host work (per chunk): hybrid row parameters (row min/max read back); int16 SOFTMAX, which runs the
 * reference kernel on the host because float32 cannot place 1/32768 output steps exactly; and the output
 * stage of 16x8 conv and FC ops (wide-output-host.ts: exact byte-part sums read in place, pooled and
 * requantized in doubles, cheaper than exact pair arithmetic in float32 tensors).
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphOp, Pool2DOp } from '../core/graph/graph';
import { batchedTensors, graphIo, prepareStatic } from '../core/graph/reference/run-graph';
import { evalSoftmax } from '../core/graph/reference/softmax';
import { evalAdd } from '../core/graph/reference/add';
import { floatActivationRange } from '../core/graph/reference/fixed-point';
import { allocate, toFloat, type RunContext, type TensorData } from '../core/graph/reference/tensors';
import {
  dequantizeTfjs,
  maxPoolTfjs,
  poolClamp,
  poolTfjs,
  quantizeTfjs,
  softmaxFloatTfjs,
  softmaxInt8Tfjs,
} from './simple-ops-tfjs';
import { EXTRA_OP_KINDS, runExtraOpTfjs } from './extra-ops-tfjs';
import {
  addIntegerBias,
  disposeWeighted,
  integerAccumulators,
  isWeightedOp,
  prepareWeighted,
  requantizeAccumulators,
  runWeighted,
  type PreparedWeighted,
} from './weighted-ops-tfjs';
import type { AccPair } from './requantize-tfjs';
import { runWideIntegerHost } from './wide-output-host';

export interface TfjsRunOptions {
  /** Images per tfjs chunk (bounds memory); default 500. */
  chunkSize?: number;
  /**
   * Called with every batched tensor of each chunk (the graph input and each op output), dequantized to
   * float, [chunk, ...shape[1:]]. The tensor is disposed after the call. Turns off op fusion.
   */
  visit?: (tensorIndex: number, values: tf.Tensor, chunkStart: number) => void;
}

export interface TfjsRunResult {
  /** Graph output dequantized to float, [batch, ...outputShape[1:]] flattened. */
  outputs: Float32Array;
  /** Graph output in its own dtype (e.g. Int8Array for the int8-I/O graph). */
  raw: TensorData;
  /** tfjs backend that ran it. */
  backend: string;
}

/** Ops consuming each tensor. */
function consumers(graph: Graph): number[][] {
  const uses: number[][] = graph.tensors.map(() => []);
  graph.ops.forEach((op, i) => op.inputs.forEach((t) => t >= 0 && uses[t].push(i)));
  return uses;
}

/**
 * Integer conv followed only by MAX_POOL_2D: requantization is monotone per channel, so pooling the
 * accumulators first gives the same values with a quarter of the requantization work.
 */
function fusableMaxPool(
  graph: Graph,
  opIndex: number,
  prepared: PreparedWeighted | undefined,
  uses: number[][],
): Pool2DOp | undefined {
  const op = graph.ops[opIndex];
  const next = graph.ops[opIndex + 1];
  if (!prepared || prepared.mode !== 'integer' || op.kind === 'FULLY_CONNECTED') return undefined;
  if (!next || next.kind !== 'MAX_POOL_2D' || next.inputs[0] !== op.outputs[0]) return undefined;
  // Accumulators held as exact pairs (16x8, chunked sums) pool through maxPoolPairTfjs, which needs tiling windows.
  const [, h, w] = graph.tensors[op.outputs[0]].shape;
  if ((prepared.wideInput || prepared.ranges.length !== 1) && !tilingPool(next, h, w)) return undefined;
  if (uses[op.outputs[0]].length !== 1 || graph.outputs.includes(op.outputs[0])) return undefined;
  return next;
}

/** Windows that tile the input exactly: filter = stride and no padding (none needed for SAME either). */
function tilingPool(pool: Pool2DOp, h: number, w: number): boolean {
  return (
    pool.filterH === pool.strideH && pool.filterW === pool.strideW && h % pool.filterH === 0 && w % pool.filterW === 0
  );
}

/**
 * MAX_POOL_2D of exact accumulator pairs (value 4096 hi + lo, lo in [0, 4096)) over tiling windows: the
 * largest value has the largest hi, and among those the largest lo. H = maxpool(hi) is spread back over each
 * window (nearest-neighbour resize); lo - 8192 (H - hi) keeps lo where hi = H and is negative (at most -4097, which rounding in float32
 * keeps negative) elsewhere, so its maxpool is the maximizer's lo. Every other step is exact integer arithmetic.
 */
function maxPoolPairTfjs(pool: Pool2DOp, acc: AccPair): AccPair {
  return tf.tidy(() => {
    const [, inH, inW] = acc.hi.shape;
    const hi = maxPoolTfjs(pool, acc.hi);
    // Nearest neighbour without align-corners or half-pixel centers reads pixel floor(y * outH / inH): its window.
    const spread = tf.image.resizeNearestNeighbor(hi, [inH, inW]);
    const lo = maxPoolTfjs(pool, tf.sub(acc.lo, tf.mul(tf.sub(spread, acc.hi), 8192)));
    return { hi, lo };
  });
}

/** The op's inputs that are not constants (those the forward pass holds as tfjs tensors). */
function activationInputs(graph: Graph, op: GraphOp): number[] {
  return op.inputs.filter((i) => i >= 0 && !graph.tensors[i].data);
}

/** Runs SOFTMAX with the reference kernel on the host (int16 output). */
function hostSoftmax(graph: Graph, op: Extract<GraphOp, { kind: 'SOFTMAX' }>, x: tf.Tensor): tf.Tensor {
  const inT = graph.tensors[op.inputs[0]];
  const raw = allocate(inT.dtype, x.size);
  raw.set(x.dataSync());
  const values: (TensorData | undefined)[] = graph.tensors.map(() => undefined);
  values[op.inputs[0]] = raw;
  const batched = graph.tensors.map(() => true);
  const ctx: RunContext = { graph, values, batch: x.shape[0], batched };
  evalSoftmax(ctx, op);
  return tf.tensor(Float32Array.from(values[op.outputs[0]] as TensorData), x.shape);
}

/**
 * ADD: float on the backend; quantized through the reference kernel on host data (its integer
 * rescaling needs exact 64-bit products, which float32 tensors cannot hold).
 */
function addTfjs(graph: Graph, op: Extract<GraphOp, { kind: 'ADD' }>, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const outT = graph.tensors[op.outputs[0]];
  if (outT.dtype === 'float32') {
    const [lo, hi] = floatActivationRange(op.activation);
    const y = tf.add(a, b);
    return hi === Infinity ? (lo === -Infinity ? y : tf.maximum(y, lo)) : tf.clipByValue(y, lo, hi);
  }
  const values: (TensorData | undefined)[] = graph.tensors.map(() => undefined);
  op.inputs.forEach((i, k) => {
    const raw = allocate(graph.tensors[i].dtype, a.size);
    raw.set((k === 0 ? a : b).dataSync());
    values[i] = raw;
  });
  const ctx: RunContext = { graph, values, batch: a.shape[0], batched: graph.tensors.map(() => true) };
  evalAdd(ctx, op);
  return tf.tensor(Float32Array.from(values[op.outputs[0]] as TensorData), a.shape);
}

/**
 * Runs `batch` images through the graph on the active tfjs backend. `input` is float32
 * [batch, ...inputShape[1:]] flattened; a quantized graph input (int8-I/O) is quantized with the input
 * tensor's params as the reference does.
 */
export function runGraphTfjs(
  graph: Graph,
  input: Float32Array,
  batch: number,
  options: TfjsRunOptions = {},
): TfjsRunResult {
  const { inIndex, outIndex, inT, outT, perIn, perOut } = graphIo(graph, input, batch, 'runGraphTfjs');
  const batched = batchedTensors(graph);
  // Constants and static ops (DEQUANTIZE of float16 or int8 constants) run once on the host, in the reference.
  const values = prepareStatic(graph, batched);
  const uses = consumers(graph);
  const prepared = new Map<number, PreparedWeighted>();
  const raw = allocate(outT.dtype, batch * perOut);
  const chunk = Math.max(1, options.chunkSize ?? 500);
  const visit = options.visit;
  const dequantized = (index: number, v: tf.Tensor) => {
    const t = graph.tensors[index];
    return t.dtype === 'float32' ? v : dequantizeTfjs(t, v);
  };
  try {
    graph.ops.forEach((op, i) => {
      if (isWeightedOp(op) && op.outputs.some((o) => batched[o])) prepared.set(i, prepareWeighted(graph, op, values));
    });
    for (let start = 0; start < batch; start += chunk) {
      const n = Math.min(chunk, batch - start);
      const y = tf.tidy(() => {
        const live = new Map<number, tf.Tensor>();
        const x = tf.tensor(input.subarray(start * perIn, (start + n) * perIn), [n, ...inT.shape.slice(1)]);
        live.set(inIndex, inT.dtype === 'float32' ? x : quantizeTfjs(inT, x));
        const get = (index: number) => {
          const v = live.get(index);
          if (!v) throw new Error(`tensor ${graph.tensors[index].name} has no value yet`);
          return v;
        };
        const emit = (index: number, v: tf.Tensor) => {
          live.set(index, v);
          if (visit) tf.tidy(() => visit(index, dequantized(index, v), start));
        };
        if (visit) tf.tidy(() => visit(inIndex, dequantized(inIndex, get(inIndex)), start));
        for (let i = 0; i < graph.ops.length; i++) {
          const op = graph.ops[i];
          if (!op.outputs.some((o) => batched[o])) continue;
          const outIdx = op.outputs[0];
          const opOut = graph.tensors[outIdx];
          const opIn = graph.tensors[op.inputs[0]];
          const p = prepared.get(i);
          const pool = visit ? undefined : fusableMaxPool(graph, i, p, uses);
          if (p?.stage && p.wideInput) {
            // 16x8: exact sums on the backend, output stage on the host (wide-output-host.ts).
            const clamp = pool && poolClamp(pool, graph.tensors[pool.outputs[0]]);
            emit(pool ? pool.outputs[0] : outIdx, runWideIntegerHost(p, get(op.inputs[0]), pool, clamp));
            if (pool) i++;
            continue;
          }
          if (p && pool) {
            const acc = integerAccumulators(p, get(op.inputs[0]), true);
            const pooled =
              acc instanceof tf.Tensor ? addIntegerBias(p, maxPoolTfjs(pool, acc)) : maxPoolPairTfjs(pool, acc);
            const [lo, hi] = poolClamp(pool, graph.tensors[pool.outputs[0]]);
            emit(pool.outputs[0], tf.clipByValue(requantizeAccumulators(p, pooled), lo, hi));
            i++;
            continue;
          }
          if (p) {
            emit(outIdx, runWeighted(p, get(op.inputs[0])));
            continue;
          }
          switch (op.kind) {
            case 'MAX_POOL_2D':
            case 'AVERAGE_POOL_2D':
              emit(outIdx, poolTfjs(op, opIn, opOut, get(op.inputs[0])));
              break;
            case 'RESHAPE':
              emit(outIdx, tf.reshape(get(op.inputs[0]), [n, ...opOut.shape.slice(1)]));
              break;
            case 'SOFTMAX':
              if (opIn.dtype === 'float32') emit(outIdx, softmaxFloatTfjs(op.beta, get(op.inputs[0])));
              else if (opOut.dtype === 'int8') emit(outIdx, softmaxInt8Tfjs(op.beta, opIn, opOut, get(op.inputs[0])));
              else emit(outIdx, hostSoftmax(graph, op, get(op.inputs[0])));
              break;
            case 'ADD':
              emit(outIdx, addTfjs(graph, op, get(op.inputs[0]), get(op.inputs[1])));
              break;
            case 'QUANTIZE':
              if (opIn.dtype !== 'float32') throw new Error(`QUANTIZE: requantizing ${opIn.dtype} is not supported`);
              emit(outIdx, quantizeTfjs(opOut, get(op.inputs[0])));
              break;
            case 'DEQUANTIZE':
              emit(outIdx, opIn.dtype === 'float16' ? get(op.inputs[0]) : dequantizeTfjs(opIn, get(op.inputs[0])));
              break;
            default:
              if (!EXTRA_OP_KINDS.has(op.kind)) throw new Error(`${op.kind} is not supported`);
              emit(outIdx, runExtraOpTfjs(graph, op, activationInputs(graph, op).map(get), n));
          }
        }
        return get(outIndex);
      });
      try {
        raw.set(y.dataSync(), start * perOut);
      } finally {
        y.dispose();
      }
    }
  } finally {
    for (const p of prepared.values()) disposeWeighted(p);
  }
  return { outputs: toFloat(outT, raw), raw, backend: tf.getBackend() };
}

/** Graph output dequantized to float for `batch` images, on the active tfjs backend (see runGraphTfjs). */
export function simulateGraphTfjs(
  graph: Graph,
  input: Float32Array,
  batch: number,
  options: TfjsRunOptions = {},
): Float32Array {
  return runGraphTfjs(graph, input, batch, options).outputs;
}
