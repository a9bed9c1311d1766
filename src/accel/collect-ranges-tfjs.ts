/**
 * Min/max calibration on tfjs: the accelerated twin of calibrate(..., 'minmax') (src/core/quant/calibrate.ts).
 * Runs the float graph over the representative images and keeps, per batched tensor (the graph input and
 * every op output), the global min and max. Two scalars per tensor are read back per chunk.
 */

import * as tf from '@tensorflow/tfjs-core';
import { shapeSize, type Graph } from '../core/graph/graph';
import type { CalibrationStats, TensorRange } from '../core/quant/calibrate';
import { runGraphTfjs } from './simulate-tfjs';

/** The float graph's outputs on every image and its min/max ranges on the first images, from one pass. */
export interface FloatPass {
  /** Graph output, [count, ...outputShape[1:]] flattened. */
  outputs: Float32Array;
  /** 'minmax' stats over the first `calibrate` images (count: how many). */
  stats: CalibrationStats;
}

/**
 * One streamed pass of the float graph over `count` images ([N, ...input shape] floats, flattened) on the
 * active backend, `chunkSize` images a call (bounded memory: only one chunk's activations are ever held):
 * every image's output, and the 'minmax' ranges of the first `calibrate` images (0: none, outputs only). This is the reference the
 * unlabelled modes are scored against and their calibration at once, instead of two passes. Its twins are
 * runGraph's outputs and calibrate(..., 'minmax') (src/core/quant/calibrate.ts).
 * @param onChunk told (images done, count) after each chunk
 */
export function floatPassTfjs(
  floatGraph: Graph,
  images: Float32Array,
  count: number,
  calibrate: number,
  chunkSize = 500,
  onChunk?: (done: number, total: number) => void,
): FloatPass {
  const perImage = shapeSize(floatGraph.tensors[floatGraph.inputs[0]].shape.slice(1));
  const perOut = shapeSize(floatGraph.tensors[floatGraph.outputs[0]].shape.slice(1));
  const n = Math.min(count, Math.floor(images.length / perImage));
  const calibrated = Math.max(0, Math.min(calibrate, n));
  if (n <= 0) throw new Error('floatPassTfjs: no images');
  const chunk = Math.max(1, chunkSize);
  const outputs = new Float32Array(n * perOut);
  const tensors: Record<string, TensorRange> = {};
  const pending: { index: number; minMax: tf.Tensor }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const all = tf.stack(pending.map((p) => p.minMax));
    const v = all.dataSync();
    all.dispose();
    pending.forEach((p, k) => {
      const r = (tensors[floatGraph.tensors[p.index].name] ??= {
        min: Infinity,
        max: -Infinity,
        rangeMin: 0,
        rangeMax: 0,
      });
      r.min = Math.min(r.min, v[2 * k]);
      r.max = Math.max(r.max, v[2 * k + 1]);
      p.minMax.dispose();
    });
    pending.length = 0;
  };
  const visit = (index: number, values: tf.Tensor) =>
    pending.push({ index, minMax: tf.keep(tf.stack([tf.min(values), tf.max(values)])) });
  for (let s = 0; s < n;) {
    // A chunk never straddles the calibration count, so the ranges see exactly the first `calibrated` images.
    const m = Math.min(chunk, s < calibrated ? calibrated - s : n - s);
    const ran = runGraphTfjs(floatGraph, images.subarray(s * perImage, (s + m) * perImage), m, {
      chunkSize: m,
      ...(s < calibrated && { visit }),
    });
    outputs.set(ran.outputs, s * perOut);
    flush();
    s += m;
    onChunk?.(s, n);
  }
  for (const r of Object.values(tensors)) [r.rangeMin, r.rangeMax] = [r.min, r.max];
  return { outputs, stats: { method: 'minmax', count: calibrated, tensors } };
}

/**
 * Calibrates `count` images from `images` ([N, ...input shape] floats, flattened) on the active
 * backend. Returns 'minmax' stats keyed by tensor name, ready for quantizeGraph.
 */
export function collectRangesTfjs(
  floatGraph: Graph,
  images: Float32Array,
  count: number,
  chunkSize = 500,
): CalibrationStats {
  const perImage = shapeSize(floatGraph.tensors[floatGraph.inputs[0]].shape.slice(1));
  const n = Math.min(count, Math.floor(images.length / perImage));
  if (n <= 0) throw new Error('collectRangesTfjs: no images');
  return floatPassTfjs(floatGraph, images, n, n, chunkSize).stats;
}
