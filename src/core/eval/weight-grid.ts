/**
 * A weight tensor's histogram with the quantization grid of a chosen bit-width on top: the explorer's
 * picture of why fewer bits hurt (few grid levels, most weights crowded onto the middle ones).
 */
import { constFloat32, type Graph, type GraphOp } from '../graph/graph';
import { quantizeWeightsSymmetric, symmetricQmax } from '../quant/quant-params';
import {
  weightHistogramBins,
  weightErrorStats,
  type WeightErrorStats,
  type WeightHistogramBin,
} from './weight-histogram';

export interface WeightGridView {
  bits: number;
  /** Histogram of the float weights and of their dequantized n-bit values, on shared bins. */
  bins: WeightHistogramBin[];
  /** Grid levels (weight units) of the per-tensor grid, -qmax * scale ... qmax * scale: 2^bits - 1 of them. */
  levels: number[];
  error: WeightErrorStats;
}

/** Histogram and per-tensor symmetric grid of `values` at `bits` bits (per-tensor so one grid fits the picture). */
export function weightGridView(values: Float32Array, bits: number, bins = 64): WeightGridView {
  const q = quantizeWeightsSymmetric(values, [values.length], undefined, bits);
  const scale = q.quant.scale[0];
  const dequantized = Float32Array.from(q.values, (v) => v * scale);
  const qmax = symmetricQmax(bits);
  const levels = Array.from({ length: 2 * qmax + 1 }, (_, i) => (i - qmax) * scale);
  return {
    bits,
    bins: weightHistogramBins(values, dequantized, bins),
    levels,
    error: weightErrorStats(values, dequantized),
  };
}

/** The kernel of one weighted op at `bits` bits: float and dequantized values (same order), and its grid levels. */
export interface WeightGridLayer {
  /** The op's output tensor name, e.g. 'conv2d_0/out'. */
  name: string;
  float: Float32Array;
  quantized: Float32Array;
  /** The per-tensor grid's levels (weight units); absent per-channel, where each channel has its own grid. */
  levels?: number[];
}

/** Weight dimension of one scale per output channel, in TFLite layout (quantize-graph.ts uses the same). */
const CHANNEL_DIM: Partial<Record<GraphOp['kind'], number>> = { CONV_2D: 0, DEPTHWISE_CONV_2D: 3, FULLY_CONNECTED: 0 };

/** Every weighted op's kernel of the float `graph` on a symmetric `bits`-bit grid, per channel or per tensor. */
export function weightGridLayers(graph: Graph, bits: number, perChannel: boolean): WeightGridLayer[] {
  const out: WeightGridLayer[] = [];
  for (const op of graph.ops) {
    const dim = CHANNEL_DIM[op.kind];
    const kernel = graph.tensors[op.inputs[1]];
    if (dim === undefined || !kernel?.data || kernel.dtype !== 'float32') continue;
    const values = constFloat32(kernel);
    const q = quantizeWeightsSymmetric(values, kernel.shape, perChannel ? dim : undefined, bits);
    const channels = perChannel ? kernel.shape[dim] : 1;
    const inner = perChannel ? kernel.shape.slice(dim + 1).reduce((a, b) => a * b, 1) : values.length;
    const quantized = Float32Array.from(q.values, (v, i) => v * q.quant.scale[Math.floor(i / inner) % channels]);
    const qmax = symmetricQmax(bits);
    const levels = perChannel
      ? undefined
      : Array.from({ length: 2 * qmax + 1 }, (_, i) => (i - qmax) * q.quant.scale[0]);
    out.push({ name: graph.tensors[op.outputs[0]].name, float: values, quantized, levels });
  }
  return out;
}
