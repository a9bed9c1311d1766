/**
 * The tfjs twin of the reference kernels added for imported models: SUB, MUL, CONCATENATION, PAD, MEAN,
 * LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU. Float ops run as tfjs ops on the active backend. Quantized
 * ones run the reference kernel on the host (as quantized ADD does): their integer arithmetic (XNNPACK's
 * float32 requantization, lookup tables, TFLite's fixed point) is exact there, and these ops are cheap
 * next to the convolutions.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphOp } from '../core/graph/graph';
import { floatActivationRange } from '../core/graph/reference/fixed-point';
import { evalOp } from '../core/graph/reference/run-graph';
import { allocate, decodeConstant, type RunContext, type TensorData } from '../core/graph/reference/tensors';

export const EXTRA_OP_KINDS: ReadonlySet<GraphOp['kind']> = new Set([
  'SUB',
  'MUL',
  'CONCATENATION',
  'PAD',
  'MEAN',
  'LOGISTIC',
  'TANH',
  'HARD_SWISH',
  'LEAKY_RELU',
]);

function clampActivation(y: tf.Tensor, activation: 'NONE' | 'RELU' | 'RELU6'): tf.Tensor {
  const [lo, hi] = floatActivationRange(activation);
  if (lo === -Infinity && hi === Infinity) return y;
  return hi === Infinity ? tf.maximum(y, lo) : tf.clipByValue(y, lo, hi);
}

function constantInts(graph: Graph, index: number): number[] {
  return Array.from(decodeConstant(graph.tensors[index]));
}

function floatOp(graph: Graph, op: GraphOp, ins: tf.Tensor[]): tf.Tensor {
  const [x, b] = ins;
  switch (op.kind) {
    case 'SUB':
      return clampActivation(tf.sub(x, b), op.activation);
    case 'MUL':
      return clampActivation(tf.mul(x, b), op.activation);
    case 'CONCATENATION':
      return clampActivation(tf.concat(ins, op.axis), op.activation);
    case 'PAD': {
      const p = constantInts(graph, op.inputs[1]);
      return tf.pad(
        x,
        [0, 1, 2, 3].map((d) => [p[2 * d], p[2 * d + 1]] as [number, number]),
      );
    }
    case 'MEAN':
      return tf.mean(x, constantInts(graph, op.inputs[1]), op.keepDims);
    case 'LOGISTIC':
      return tf.sigmoid(x);
    case 'TANH':
      return tf.tanh(x);
    case 'HARD_SWISH':
      return tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6);
    case 'LEAKY_RELU':
      return tf.leakyRelu(x, op.alpha);
    default:
      throw new Error(`${op.kind} is not an extra op`);
  }
}

/** Runs the reference kernel on host copies of the (raw integer) inputs; constants come from the graph. */
function hostOp(graph: Graph, op: GraphOp, ins: tf.Tensor[], batch: number): tf.Tensor {
  const values: (TensorData | undefined)[] = graph.tensors.map(() => undefined);
  const batched = graph.tensors.map(() => false);
  let k = 0;
  for (const i of op.inputs) {
    if (i < 0) continue;
    const t = graph.tensors[i];
    if (t.data) values[i] = decodeConstant(t);
    else {
      const x = ins[k++];
      const raw = allocate(t.dtype, x.size);
      raw.set(x.dataSync());
      values[i] = raw;
      batched[i] = true;
    }
  }
  for (const o of op.outputs) batched[o] = true;
  const ctx: RunContext = { graph, values, batch, batched };
  evalOp(ctx, op);
  const out = graph.tensors[op.outputs[0]];
  return tf.tensor(Float32Array.from(values[op.outputs[0]] as TensorData), [batch, ...out.shape.slice(1)]);
}

/**
 * One extra op on tfjs tensors: `ins` are the op's activation inputs (constants are read from the graph),
 * float values or raw quantized integers held as float32; `batch` is dimension 0 of the chunk.
 */
export function runExtraOpTfjs(graph: Graph, op: GraphOp, ins: tf.Tensor[], batch: number): tf.Tensor {
  const out = graph.tensors[op.outputs[0]];
  return out.dtype === 'float32' ? floatOp(graph, op, ins) : hostOp(graph, op, ins, batch);
}
