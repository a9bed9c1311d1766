/** What the graph view says about one node: its weights in four numbers, and its error as a shade. Pure. */

export interface WeightSummary {
  count: number;
  min: number;
  max: number;
  /** Mean of |w|. */
  meanAbs: number;
}

export function summarizeWeights(values: Float32Array): WeightSummary {
  let min = Infinity;
  let max = -Infinity;
  let sumAbs = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sumAbs += Math.abs(v);
  }
  return values.length === 0
    ? { count: 0, min: 0, max: 0, meanAbs: 0 }
    : { count: values.length, min, max, meanAbs: sumAbs / values.length };
}

/**
 * Upper bounds of the error shades, in RMSE / scale: rounding alone gives 1/sqrt(12) = 0.29; 0.7 is the
 * debugger's flag (TF QuantizationDebugger guide, FLAG_RMSE_OVER_SCALE); twice that is far off.
 */
export const ERROR_SHADES = [0.35, 0.5, 0.7, 1.4] as const;

/** Shade 0 (rounding-only) .. 4 (far above the flag) of an op's RMSE / scale; undefined when not measured. */
export function errorShade(rmseOverScale: number | null | undefined): number | undefined {
  if (rmseOverScale === null || rmseOverScale === undefined || !Number.isFinite(rmseOverScale)) return undefined;
  const i = ERROR_SHADES.findIndex((bound) => rmseOverScale < bound);
  return i < 0 ? ERROR_SHADES.length : i;
}
