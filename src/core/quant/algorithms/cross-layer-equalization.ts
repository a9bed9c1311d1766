/**
 * Cross-layer equalization (Nagel, van Baalen, Blankevoort, Welling 2019, "Data-Free Quantization Through
 * Weight Equalization and Bias Correction", section 4.1): for a layer pair joined by a positive-homogeneous
 * function (ReLU, identity, max/average pooling, a flatten), output channel i of the first layer is divided
 * by s_i and input channel i of the second multiplied by it, with s_i = sqrt(r1_i r2_i) / r2_i (eq. 7-8):
 * afterwards both channels' weight ranges equal sqrt(r1_i r2_i), so a per-tensor grid fits every channel.
 * The float function is unchanged. Chains (conv -> depthwise -> pointwise ...) are swept repeatedly, as the
 * paper and AIMET's `equalize_model` do for sequences of layers, until the scales settle.
 *
 * ReLU6 is not positive-homogeneous: relu6(x / s) != relu6(x) / s, its clip point would move to 6 / s. A
 * ReLU6 pair is equalized only when the first layer's output stays below 6 on the calibration images (the
 * clip never fires there); its ReLU6 then becomes ReLU (as AIMET replaces ReLU6 by ReLU before CLE). When the
 * clip fires, the pair is skipped and the reason reported.
 */
import { constFloat32, toBytes, type Graph, type GraphOp, type GraphTensor } from '../../graph/graph';
import { runGraph } from '../../graph/reference/run-graph';

type Weighted = Extract<GraphOp, { kind: 'CONV_2D' | 'DEPTHWISE_CONV_2D' | 'FULLY_CONNECTED' }>;

export interface EqualizedPair {
  first: string;
  second: string;
  /** The ReLU6 between them became ReLU (its clip never fired on the calibration images). */
  relu6Replaced: boolean;
}

export interface EqualizationResult {
  graph: Graph;
  pairs: EqualizedPair[];
  skipped: { first: string; second: string; reason: string }[];
}

interface Pair {
  a: number;
  b: number;
  /** Channels of a's output (the flatten's period for a FULLY_CONNECTED second layer). */
  channels: number;
}

/** Sweeps over the pairs; the scales of a chain converge quickly (AIMET sweeps until convergence too). */
const SWEEPS = 20;

const isWeighted = (op: GraphOp): op is Weighted =>
  op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED';

/** Equalizes every conv/depthwise -> conv/depthwise/dense pair of a float graph (a copy). */
export function equalizeGraph(floatGraph: Graph, calibration: Float32Array, samples: number): EqualizationResult {
  const graph: Graph = {
    ...floatGraph,
    tensors: floatGraph.tensors.map((t) => ({ ...t, data: t.data?.slice() })),
    ops: floatGraph.ops.map((op) => ({ ...op }) as GraphOp),
  };
  const result: EqualizationResult = { graph, pairs: [], skipped: [] };
  const maxOf = outputMax(graph, calibration, samples);
  const pairs = findPairs(graph).filter((p) => admitPair(graph, p, maxOf, result));
  const weights = new Map<number, Float32Array>();
  for (const p of pairs) for (const k of [p.a, p.b]) weights.set(k, constFloat32(weightOf(graph, k)));
  for (let sweep = 0; sweep < SWEEPS; sweep++) for (const p of pairs) equalizePair(graph, p, weights);
  for (const [k, w] of weights) graph.tensors[graph.ops[k].inputs[1]].data = toBytes(w);
  return result;
}

function weightOf(graph: Graph, opIndex: number): GraphTensor {
  return graph.tensors[graph.ops[opIndex].inputs[1]];
}

function nameOf(graph: Graph, opIndex: number): string {
  return graph.tensors[graph.ops[opIndex].outputs[0]].name;
}

/** Pairs a -> (pool)* -> b, or a -> (pool)* -> RESHAPE -> FULLY_CONNECTED, where a's output has one consumer. */
function findPairs(graph: Graph): Pair[] {
  const consumers = (t: number) => graph.ops.flatMap((op, k) => (op.inputs.includes(t) ? [k] : []));
  const pairs: Pair[] = [];
  graph.ops.forEach((op, a) => {
    if (op.kind !== 'CONV_2D' && op.kind !== 'DEPTHWISE_CONV_2D') return;
    const channels = graph.tensors[op.outputs[0]].shape.at(-1) as number;
    let next = consumers(op.outputs[0]);
    let flattened = false;
    while (next.length === 1) {
      const c = graph.ops[next[0]];
      if (isWeighted(c)) {
        if ((c.kind === 'FULLY_CONNECTED') === flattened) pairs.push({ a, b: next[0], channels });
        return;
      }
      const passes = c.kind === 'MAX_POOL_2D' || c.kind === 'AVERAGE_POOL_2D' || (c.kind === 'RESHAPE' && !flattened);
      if (!passes || ('activation' in c && c.activation !== 'NONE')) return;
      flattened ||= c.kind === 'RESHAPE';
      next = consumers(c.outputs[0]);
    }
  });
  return pairs;
}

/** Largest value of each op output over the calibration images (the float graph, captured once). */
function outputMax(graph: Graph, calibration: Float32Array, samples: number): (opIndex: number) => number {
  const perImage = 28 * 28;
  const n = Math.min(samples, Math.floor(calibration.length / perImage));
  let captured: Map<number, Float32Array> | undefined;
  return (opIndex) => {
    captured ??= runGraph(graph, calibration.subarray(0, n * perImage), n, { capture: true }).captured;
    const values = captured?.get(graph.ops[opIndex].outputs[0]);
    if (!values) throw new Error(`equalizeGraph: no captured values for ${nameOf(graph, opIndex)}`);
    let max = -Infinity;
    for (const v of values) if (v > max) max = v;
    return max;
  };
}

/** Whether a pair can be equalized exactly; a never-clipping ReLU6 becomes ReLU. Records skipped pairs. */
function admitPair(graph: Graph, p: Pair, maxOf: (opIndex: number) => number, result: EqualizationResult) {
  const a = graph.ops[p.a] as Extract<Weighted, { kind: 'CONV_2D' | 'DEPTHWISE_CONV_2D' }>;
  const b = graph.ops[p.b];
  const names = { first: nameOf(graph, p.a), second: nameOf(graph, p.b) };
  if (b.kind === 'DEPTHWISE_CONV_2D' && b.depthMultiplier !== 1) {
    result.skipped.push({ ...names, reason: 'depthwise depth multiplier above 1' });
    return false;
  }
  let relu6Replaced = false;
  if (a.activation === 'RELU6') {
    const top = maxOf(p.a);
    if (top >= 6 - 1e-6) {
      const reason = `its ReLU6 clips on the calibration images (max ${top.toFixed(2)}): scaling would move the clip point to 6/s`;
      result.skipped.push({ ...names, reason });
      return false;
    }
    relu6Replaced = true;
  }
  if (relu6Replaced) a.activation = 'RELU';
  result.pairs.push({ ...names, relu6Replaced });
  return true;
}

/** Output channel of weight element i of a producer (CONV_2D [out, kh, kw, in], DEPTHWISE [1, kh, kw, C]). */
function outChannel(op: GraphOp, shape: number[], i: number): number {
  return op.kind === 'CONV_2D' ? Math.floor(i / (shape[1] * shape[2] * shape[3])) : i % shape[3];
}

/** Input channel of weight element i of a consumer (FULLY_CONNECTED [units, in] after a flatten of C channels). */
function inChannel(op: GraphOp, shape: number[], i: number, channels: number): number {
  return op.kind === 'FULLY_CONNECTED' ? (i % shape[1]) % channels : i % shape[3];
}

function channelRanges(w: Float32Array, channels: number, channelOf: (i: number) => number): Float64Array {
  const r = new Float64Array(channels);
  for (let i = 0; i < w.length; i++) r[channelOf(i)] = Math.max(r[channelOf(i)], Math.abs(w[i]));
  return r;
}

/** One equalization step of a pair, eq. 8: W1 row i / s_i, b1_i / s_i, W2 column i * s_i. */
function equalizePair(graph: Graph, p: Pair, weights: Map<number, Float32Array>): void {
  const [a, b] = [graph.ops[p.a], graph.ops[p.b]];
  const [wa, wb] = [weights.get(p.a) as Float32Array, weights.get(p.b) as Float32Array];
  const [sa, sb] = [weightOf(graph, p.a).shape, weightOf(graph, p.b).shape];
  const outOf = (i: number) => outChannel(a, sa, i);
  const inOf = (i: number) => inChannel(b, sb, i, p.channels);
  const r1 = channelRanges(wa, p.channels, outOf);
  const r2 = channelRanges(wb, p.channels, inOf);
  const s = Array.from(r1, (r, i) => (r > 0 && r2[i] > 0 ? Math.sqrt(r * r2[i]) / r2[i] : 1));
  for (let i = 0; i < wa.length; i++) wa[i] = Math.fround(wa[i] / s[outOf(i)]);
  for (let i = 0; i < wb.length; i++) wb[i] = Math.fround(wb[i] * s[inOf(i)]);
  const biasIndex = a.inputs[2];
  if (biasIndex === undefined || biasIndex < 0) return;
  const bias = constFloat32(graph.tensors[biasIndex]);
  graph.tensors[biasIndex].data = toBytes(bias.map((v, c) => v / s[c]));
}
