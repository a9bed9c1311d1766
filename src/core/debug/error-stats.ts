/**
 * The numbers TF's QuantizationDebugger reports per layer, computed from one pair of arrays:
 * the float reference and the quantized result (dequantized to float).
 */

/** Error statistics of `actual - reference` over all elements (float64 accumulation). */
export interface ErrorStats {
  numElements: number;
  /** Mean of (actual - reference): a non-zero mean is a bias (e.g. a shifted zero point). */
  meanError: number;
  /** Standard deviation of (actual - reference) (population, as numpy's np.std). */
  stddev: number;
  maxAbsError: number;
  meanSquaredError: number;
  /** sqrt(meanSquaredError), in the tensor's real units. */
  rmse: number;
  /** 10 log10(sum reference^2 / sum error^2) in dB; Infinity when there is no error. */
  snrDb: number;
  /** The output scale (real value of one integer step), or null when the output is not quantized. */
  scale: number | null;
  /** rmse / scale: about 1/sqrt(12) = 0.289 when rounding is the only error; null without a scale. */
  rmseOverScale: number | null;
}

/**
 * rmse / scale above this is suspect (TF's QuantizationDebugger guide): the error is much larger than
 * rounding to the integer grid alone would give, e.g. because the calibrated range clips values.
 */
export const FLAG_RMSE_OVER_SCALE = 0.7;

/** Uniform rounding error over one step has standard deviation 1/sqrt(12) of that step. */
export const ROUNDING_RMSE_OVER_SCALE = 1 / Math.sqrt(12);

/**
 * Compares `actual` (quantized, dequantized) with `reference` (float); both have the same length.
 * `scale` is the quantized output's scale, or null/undefined for a float output.
 */
export function errorStats(reference: ArrayLike<number>, actual: ArrayLike<number>, scale?: number | null): ErrorStats {
  if (reference.length !== actual.length)
    throw new Error(`errorStats: ${reference.length} reference values vs ${actual.length} actual values`);
  const n = reference.length;
  let sum = 0;
  let sumSq = 0;
  let maxAbs = 0;
  let signal = 0;
  for (let i = 0; i < n; i++) {
    const r = reference[i];
    const d = actual[i] - r;
    sum += d;
    sumSq += d * d;
    signal += r * r;
    const a = Math.abs(d);
    if (a > maxAbs) maxAbs = a;
  }
  const mean = n > 0 ? sum / n : 0;
  const mse = n > 0 ? sumSq / n : 0;
  const rmse = Math.sqrt(mse);
  const s = scale ?? null;
  return {
    numElements: n,
    meanError: mean,
    stddev: Math.sqrt(Math.max(0, mse - mean * mean)),
    maxAbsError: maxAbs,
    meanSquaredError: mse,
    rmse,
    snrDb: sumSq === 0 ? Infinity : signal === 0 ? -Infinity : 10 * Math.log10(signal / sumSq),
    scale: s,
    rmseOverScale: s !== null && s > 0 ? rmse / s : null,
  };
}

/** Is this layer suspect (rmse / scale above FLAG_RMSE_OVER_SCALE)? Float outputs are never flagged. */
export function isFlagged(stats: Pick<ErrorStats, 'rmseOverScale'>): boolean {
  return stats.rmseOverScale !== null && stats.rmseOverScale > FLAG_RMSE_OVER_SCALE;
}
