/**
 * A weight tensor's histogram with the quantization grid of a chosen bit-width on top: the explorer's
 * picture of why fewer bits hurt (few grid levels, most weights crowded onto the middle ones).
 */
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
