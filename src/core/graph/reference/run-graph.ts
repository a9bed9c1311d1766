/**
 * The reference interpreter: a plain TypeScript executor of the lab's graph IR, the oracle that the
 * .tflite runtime results and faster kernels are tested against. Dimension 0 of every tensor derived
 * from the graph input is the batch (the IR stores batch 1 in shapes).
 */

import { shapeSize, type Graph, type GraphOp } from '../graph';
import { evalAdd } from './add';
import { evalConv2D } from './conv';
import { evalDepthwiseConv2D } from './depthwise-conv';
import { evalFullyConnected } from './fully-connected';
import { evalPool2D } from './pooling';
import { evalDequantize, evalQuantize, evalReshape } from './quantize';
import { evalMul } from './mul';
import { evalPointwise } from './pointwise';
import { evalConcatenation, evalMean, evalPad } from './shape-ops';
import { evalSoftmax } from './softmax';
import {
  allocate,
  decodeConstant,
  qRange,
  quantizeInto,
  tensorParams,
  toFloat,
  type RunContext,
  type TensorData,
} from './tensors';

export interface RunOptions {
  /** Also return every op output (and the graph input), dequantized to float. */
  capture?: boolean;
  /** Images per internal chunk (bounds memory); default 256. */
  chunkSize?: number;
}

export interface RunResult {
  /** Graph output dequantized to float, [batch, ...outputShape[1:]] flattened. */
  outputs: Float32Array;
  /** Graph output in its own dtype (e.g. int8 for the int8-I/O graph). */
  raw: TensorData;
  /** With `capture`: tensor index -> dequantized values over the whole batch. */
  captured?: Map<number, Float32Array>;
}

/** Evaluates one op of the graph into ctx.values (its inputs must be computed). */
export function evalOp(ctx: RunContext, op: GraphOp): void {
  switch (op.kind) {
    case 'CONV_2D':
      return evalConv2D(ctx, op);
    case 'DEPTHWISE_CONV_2D':
      return evalDepthwiseConv2D(ctx, op);
    case 'FULLY_CONNECTED':
      return evalFullyConnected(ctx, op);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return evalPool2D(ctx, op);
    case 'SOFTMAX':
      return evalSoftmax(ctx, op);
    case 'ADD':
    case 'SUB':
      return evalAdd(ctx, op);
    case 'MUL':
      return evalMul(ctx, op);
    case 'CONCATENATION':
      return evalConcatenation(ctx, op);
    case 'PAD':
      return evalPad(ctx, op);
    case 'MEAN':
      return evalMean(ctx, op);
    case 'LOGISTIC':
    case 'TANH':
    case 'HARD_SWISH':
    case 'LEAKY_RELU':
      return evalPointwise(ctx, op);
    case 'RESHAPE':
      return evalReshape(ctx, op);
    case 'QUANTIZE':
      return evalQuantize(ctx, op);
    case 'DEQUANTIZE':
      return evalDequantize(ctx, op);
  }
}

/** Which tensors carry the batch: graph inputs and everything computed from them. */
export function batchedTensors(graph: Graph): boolean[] {
  const batched = graph.tensors.map(() => false);
  for (const i of graph.inputs) batched[i] = true;
  for (const op of graph.ops) {
    if (op.inputs.some((i) => i >= 0 && batched[i])) for (const o of op.outputs) batched[o] = true;
  }
  return batched;
}

/** Constants decoded once, and static ops (e.g. DEQUANTIZE of float16 weights) evaluated once. */
export function prepareStatic(graph: Graph, batched: boolean[]): (TensorData | undefined)[] {
  const values: (TensorData | undefined)[] = graph.tensors.map((t) => (t.data ? decodeConstant(t) : undefined));
  const ctx: RunContext = { graph, values, batch: 1, batched };
  for (const op of graph.ops) if (!op.outputs.some((o) => batched[o])) evalOp(ctx, op);
  return values;
}

/** The single input and output of a graph and their per-image sizes; checks `input` holds `batch` images. */
export function graphIo(graph: Graph, input: Float32Array, batch: number, who: string) {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1)
    throw new Error(`${who} supports one input and one output`);
  const inIndex = graph.inputs[0];
  const outIndex = graph.outputs[0];
  const inT = graph.tensors[inIndex];
  const outT = graph.tensors[outIndex];
  const perIn = shapeSize(inT.shape.slice(1));
  const perOut = shapeSize(outT.shape.slice(1));
  if (input.length !== batch * perIn)
    throw new Error(`${who}: input has ${input.length} values, expected ${batch} x ${perIn}`);
  return { inIndex, outIndex, inT, outT, perIn, perOut };
}

/**
 * Runs `batch` images through the graph. `input` is float32 [batch, ...inputShape[1:]] flattened; a
 * quantized graph input (int8-I/O) is quantized with the input tensor's params as a QUANTIZE op would.
 */
export function runGraph(graph: Graph, input: Float32Array, batch: number, options: RunOptions = {}): RunResult {
  const { inIndex, outIndex, inT, outT, perIn, perOut } = graphIo(graph, input, batch, 'runGraph');
  const batched = batchedTensors(graph);
  const staticValues = prepareStatic(graph, batched);
  const chunk = Math.max(1, options.chunkSize ?? 256);
  const raw = allocate(outT.dtype, batch * perOut);
  const captured = options.capture ? new Map<number, Float32Array>() : undefined;
  if (captured) {
    captured.set(inIndex, new Float32Array(batch * perIn));
    for (const op of graph.ops)
      for (const o of op.outputs)
        if (batched[o]) captured.set(o, new Float32Array(batch * shapeSize(graph.tensors[o].shape.slice(1))));
  }
  for (let start = 0; start < batch; start += chunk) {
    const n = Math.min(chunk, batch - start);
    const ctx: RunContext = { graph, values: staticValues.slice(), batch: n, batched };
    const x = input.subarray(start * perIn, (start + n) * perIn);
    if (inT.dtype === 'float32') ctx.values[inIndex] = x;
    else {
      const q = allocate(inT.dtype, x.length);
      const { scale, zeroPoint } = tensorParams(inT);
      const [qmin, qmax] = qRange(inT.dtype);
      quantizeInto(x, q, scale, zeroPoint, qmin, qmax);
      ctx.values[inIndex] = q;
    }
    for (const op of graph.ops) if (op.outputs.some((o) => batched[o])) evalOp(ctx, op);
    const y = ctx.values[outIndex];
    if (!y) throw new Error('runGraph: the graph output was not computed');
    raw.set(y, start * perOut);
    if (captured) {
      for (const [index, dst] of captured) {
        const v = ctx.values[index];
        if (!v) continue;
        dst.set(toFloat(graph.tensors[index], v), (start * dst.length) / batch);
      }
    }
  }
  return { outputs: toFloat(outT, raw), raw, captured };
}
