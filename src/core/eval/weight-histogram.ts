/**
 * Float vs quantized weights of one layer, on shared bins so the two histograms line up, plus the
 * size of the rounding error. `quantized` holds the dequantized values (scale * (q - zero_point)).
 */
import { histogram } from './metrics';

export interface WeightHistogramBin {
  /** Bin centre, in weight units. */
  center: number;
  lo: number;
  hi: number;
  float: number;
  quantized: number;
}

export interface WeightErrorStats {
  /** Largest |float - quantized| over all weights. */
  maxAbs: number;
  /** Root-mean-square of float - quantized. */
  rms: number;
  /** How many different values the weights take: 2^bits at most for integer modes. */
  distinctFloat: number;
  distinctQuantized: number;
}

/** Both histograms over [min, max] of the two arrays together, with `bins` equal-width bins. */
export function weightHistogramBins(float: Float32Array, quantized: Float32Array, bins: number): WeightHistogramBin[] {
  let min = Infinity;
  let max = -Infinity;
  for (const xs of [float, quantized]) {
    for (const v of xs) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const range: [number, number] | undefined = min <= max ? [min, max] : undefined;
  const f = histogram(float, bins, range);
  const q = histogram(quantized, bins, range);
  return f.counts.map((count, i) => ({
    center: (f.edges[i] + f.edges[i + 1]) / 2,
    lo: f.edges[i],
    hi: f.edges[i + 1],
    float: count,
    quantized: q.counts[i],
  }));
}

export function weightErrorStats(float: Float32Array, quantized: Float32Array): WeightErrorStats {
  if (float.length !== quantized.length) {
    throw new RangeError(`weightErrorStats: lengths differ (${float.length} vs ${quantized.length})`);
  }
  let maxAbs = 0;
  let sumSq = 0;
  for (let i = 0; i < float.length; i++) {
    const d = float[i] - quantized[i];
    maxAbs = Math.max(maxAbs, Math.abs(d));
    sumSq += d * d;
  }
  return {
    maxAbs,
    rms: float.length ? Math.sqrt(sumSq / float.length) : 0,
    distinctFloat: new Set(float).size,
    distinctQuantized: new Set(quantized).size,
  };
}
