/**
 * Calibration stage: runs representative images through the float graph (reference interpreter with
 * capture) and records, per activation tensor, the global min/max over the set (as TF's converter does)
 * and, for 'percentile' and 'mse', a histogram from which the chosen range is derived.
 */

import type { Graph } from '../graph/graph';
import { shapeSize } from '../graph/graph';
import { runGraph } from '../graph/reference/run-graph';
import type { CalibrationMethod } from './recipe';

export interface Histogram {
  /** Bin edges span [min, max] in `counts.length` equal bins. */
  min: number;
  max: number;
  counts: number[];
}

export interface TensorRange {
  /** Global min and max over every calibration image. */
  min: number;
  max: number;
  histogram?: Histogram;
  /** The range the method chose (equals [min, max] for 'minmax'). */
  rangeMin: number;
  rangeMax: number;
}

export interface CalibrationStats {
  method: CalibrationMethod;
  /** Number of images used. */
  count: number;
  /** Float graph tensor name -> statistics, for the graph input and every op output. */
  tensors: Record<string, TensorRange>;
}

/** Grid the MSE search optimizes for: int8 asymmetric (255 steps over the range) or int16 symmetric. */
export type QuantGrid = 'int8' | 'int16';

export interface CalibrateOptions {
  /** Percentile kept per side for 'percentile' (default 99.99). */
  percentile?: number;
  /** Histogram bins (default 2048). */
  bins?: number;
  /** Grid for 'mse' (default 'int8'). */
  grid?: QuantGrid;
  /** Images per interpreter call (default: as many as keep the captured activations within {@link CAPTURE_BUDGET_FLOATS}, at most 64). */
  chunkSize?: number;
}

/**
 * Float values of captured activations one calibration chunk may hold (128 MB): a 28x28 model takes 64
 * images a chunk, a 224x224x3 MobileNet (about 5 M activation values an image) a few, so memory stays
 * bounded whatever the input size.
 */
export const CAPTURE_BUDGET_FLOATS = 1 << 25;

/** Images a chunk of the capture budget holds for this graph (1..64). */
export function calibrationChunkSize(graph: Graph): number {
  let perImage = 0;
  for (const t of graph.tensors) if (!t.data) perImage += shapeSize(t.shape.slice(1));
  return Math.max(1, Math.min(64, Math.floor(CAPTURE_BUDGET_FLOATS / Math.max(1, perImage))));
}

/**
 * Calibrates `count` images from `images` ([N, ...input shape] floats as the model expects them, flattened),
 * a chunk at a time (see {@link calibrationChunkSize}).
 * Pure: the same inputs give the same stats.
 */
export function calibrate(
  floatGraph: Graph,
  images: Float32Array,
  count: number,
  method: CalibrationMethod,
  options: CalibrateOptions = {},
): CalibrationStats {
  const perImage = shapeSize(floatGraph.tensors[floatGraph.inputs[0]].shape.slice(1));
  const n = Math.min(count, Math.floor(images.length / perImage));
  if (n <= 0) throw new Error('calibrate: no images');
  const chunk = options.chunkSize ?? calibrationChunkSize(floatGraph);
  const bins = options.bins ?? 2048;
  const eachChunk = (visit: (name: string, values: Float32Array) => void) => {
    for (let s = 0; s < n; s += chunk) {
      const m = Math.min(chunk, n - s);
      const { captured } = runGraph(floatGraph, images.subarray(s * perImage, (s + m) * perImage), m, {
        capture: true,
        chunkSize: m,
      });
      for (const [index, values] of captured ?? []) visit(floatGraph.tensors[index].name, values);
    }
  };
  const ranges: Record<string, TensorRange> = {};
  eachChunk((name, values) => {
    const r = (ranges[name] ??= { min: Infinity, max: -Infinity, rangeMin: 0, rangeMax: 0 });
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < r.min) r.min = v;
      if (v > r.max) r.max = v;
    }
  });
  if (method !== 'minmax') {
    for (const r of Object.values(ranges))
      r.histogram = { min: r.min, max: r.max, counts: new Array<number>(bins).fill(0) };
    eachChunk((name, values) => addToHistogram(ranges[name].histogram as Histogram, values));
  }
  for (const r of Object.values(ranges)) {
    let range: [number, number] = [r.min, r.max];
    if (method === 'percentile' && r.histogram) range = percentileRange(r.histogram, options.percentile ?? 99.99);
    if (method === 'mse' && r.histogram) range = mseRange(r.histogram, options.grid ?? 'int8');
    [r.rangeMin, r.rangeMax] = range;
  }
  return { method, count: n, tensors: ranges };
}

/** Adds values to a histogram whose bounds already cover them. */
export function addToHistogram(h: Histogram, values: ArrayLike<number>): void {
  const bins = h.counts.length;
  const width = (h.max - h.min) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = width > 0 ? Math.min(bins - 1, Math.max(0, Math.floor((values[i] - h.min) / width))) : 0;
    h.counts[b]++;
  }
}

/** Value below which `fraction` of the histogram mass lies (linear inside a bin). */
function quantileOf(h: Histogram, fraction: number): number {
  const total = h.counts.reduce((a, b) => a + b, 0);
  const width = (h.max - h.min) / h.counts.length;
  const target = fraction * total;
  let cum = 0;
  for (let b = 0; b < h.counts.length; b++) {
    const c = h.counts[b];
    if (cum + c >= target && c > 0) return h.min + (b + (target - cum) / c) * width;
    cum += c;
  }
  return h.max;
}

/** Symmetric tails: keeps [q(1 - p), q(p)] with p = percentile / 100, never outside [min, max]. */
export function percentileRange(h: Histogram, percentile: number): [number, number] {
  const p = Math.min(100, Math.max(50, percentile)) / 100;
  const lo = Math.max(h.min, quantileOf(h, 1 - p));
  const hi = Math.min(h.max, quantileOf(h, p));
  return [lo, Math.max(hi, lo)];
}

/**
 * Expected squared quantization error of a histogram for the clip range [lo, hi] on `grid`: clipped
 * values cost their distance to the bound squared, values inside cost step^2 / 12 (uniform rounding).
 */
export function expectedQuantMse(h: Histogram, lo: number, hi: number, grid: QuantGrid): number {
  const step =
    grid === 'int8' ? (Math.max(hi, 0) - Math.min(lo, 0)) / 255 : Math.max(Math.abs(lo), Math.abs(hi)) / 32767;
  const width = (h.max - h.min) / h.counts.length;
  let err = 0;
  let total = 0;
  for (let b = 0; b < h.counts.length; b++) {
    const c = h.counts[b];
    if (c === 0) continue;
    const v = h.min + (b + 0.5) * width;
    const d = v < lo ? lo - v : v > hi ? v - hi : 0;
    err += c * (d > 0 ? d * d : (step * step) / 12);
    total += c;
  }
  return total > 0 ? err / total : 0;
}

/** Searches clip ranges [k * min, k * max] (k in (0, 1], 0 stays inside) for the least expected MSE. */
export function mseRange(h: Histogram, grid: QuantGrid, candidates = 200): [number, number] {
  let best: [number, number] = [h.min, h.max];
  let bestErr = expectedQuantMse(h, h.min, h.max, grid);
  for (let i = 1; i < candidates; i++) {
    const k = i / candidates;
    const lo = h.min < 0 ? h.min * k : h.min;
    const hi = h.max > 0 ? h.max * k : h.max;
    const e = expectedQuantMse(h, lo, hi, grid);
    if (e < bestErr) {
      bestErr = e;
      best = [lo, hi];
    }
  }
  return best;
}
