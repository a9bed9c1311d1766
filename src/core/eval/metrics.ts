/**
 * Evaluation metrics over class predictions. Predictions and labels are class indices 0..classes-1,
 * one byte per test image, in test-set order.
 */

function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
}

/** Fraction (0..1) of `predictions` equal to `labels`; NaN for zero images. */
export function accuracyOf(predictions: Uint8Array, labels: Uint8Array): number {
  assertSameLength(predictions, labels, 'accuracyOf');
  if (labels.length === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}

/**
 * Index of the largest value in each row of a row-major `[N, classes]` matrix (probabilities or
 * logits). Ties go to the lowest index, as in `tf.argMax` and `numpy.argmax`; NaN never wins.
 */
export function argmaxRows(probs: Float32Array, classes = 10): Uint8Array {
  if (!Number.isInteger(classes) || classes < 1 || classes > 256) {
    throw new RangeError(`argmaxRows: classes must be an integer in 1..256, got ${classes}`);
  }
  if (probs.length % classes !== 0) {
    throw new RangeError(`argmaxRows: ${probs.length} values is not a whole number of rows of ${classes}`);
  }
  const rows = probs.length / classes;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * classes;
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = probs[base + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/** Fraction (0..1) of positions where two prediction vectors give the same class; NaN when empty. */
export function agreement(a: Uint8Array, b: Uint8Array): number {
  return accuracyOf(a, b);
}

/**
 * Confusion matrix `m[label][prediction]`: rows are the true class, columns the predicted class,
 * so the diagonal counts correct answers and each row sums to the number of images of that class.
 */
export function confusionMatrix(predictions: Uint8Array, labels: Uint8Array, classes = 10): number[][] {
  assertSameLength(predictions, labels, 'confusionMatrix');
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    const pred = predictions[i];
    if (label >= classes || pred >= classes) {
      throw new RangeError(`confusionMatrix: class out of range at index ${i} (label ${label}, prediction ${pred})`);
    }
    m[label][pred]++;
  }
  return m;
}

export interface LatencyStats {
  median_ms: number;
  p90_ms: number;
  samples: number;
}

/**
 * Percentile with linear interpolation between closest ranks, numpy's default
 * (`numpy.percentile(..., method='linear')`): position p*(n-1) in the sorted samples.
 */
function percentileSorted(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median and 90th percentile of per-inference timings in milliseconds (see `percentileSorted`). */
export function latencyStats(msSamples: number[]): LatencyStats {
  if (msSamples.length === 0) throw new RangeError('latencyStats: no samples');
  if (msSamples.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new RangeError('latencyStats: samples must be finite, non-negative milliseconds');
  }
  const sorted = [...msSamples].sort((a, b) => a - b);
  return {
    median_ms: percentileSorted(sorted, 0.5),
    p90_ms: percentileSorted(sorted, 0.9),
    samples: sorted.length,
  };
}

export interface Histogram {
  /** `bins + 1` ascending bin edges. */
  edges: number[];
  /** `bins` counts; bin i is [edges[i], edges[i+1]), the last bin also includes its right edge. */
  counts: number[];
}

/**
 * Equal-width histogram, following `numpy.histogram`: the range defaults to [min, max] of the
 * values (widened by 0.5 each side when all values are equal), values outside the range and NaN
 * are not counted, and the last bin is closed on the right.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`histogram: bins must be a positive integer, got ${bins}`);
  let [lo, hi] = range ?? finiteExtent(values);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
    throw new RangeError(`histogram: invalid range [${lo}, ${hi}]`);
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    const b = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[b]++;
  }
  return { edges, counts };
}

/** [min, max] over finite values; [0, 1] when there are none (numpy's choice for empty input). */
function finiteExtent(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 1];
}

/**
 * Test-image indices (ascending) that `predA` gets wrong and `predB` gets right. Pass a quantized
 * mode's predictions as `predA` and the float model's as `predB` to list what quantization broke.
 */
export function disagreements(predA: Uint8Array, predB: Uint8Array, labels: Uint8Array): number[] {
  assertSameLength(predA, labels, 'disagreements');
  assertSameLength(predB, labels, 'disagreements');
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (predA[i] !== labels[i] && predB[i] === labels[i]) out.push(i);
  }
  return out;
}
