/**
 * Min/max calibration on tfjs: the accelerated twin of calibrate(..., 'minmax') (src/core/quant/calibrate.ts).
 * Runs the float graph over the representative images and keeps, per batched tensor (the graph input and
 * every op output), the global min and max. Two scalars per tensor are read back per chunk.
 */

import * as tf from '@tensorflow/tfjs-core';
import { shapeSize, type Graph } from '../core/graph/graph';
import type { CalibrationStats, TensorRange } from '../core/quant/calibrate';
import { runGraphTfjs } from './simulate-tfjs';

/**
 * Calibrates `count` images from `images` ([N, 28, 28, 1] floats in [0, 1], flattened) on the active
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
  for (let s = 0; s < n; s += chunkSize) {
    const m = Math.min(chunkSize, n - s);
    runGraphTfjs(floatGraph, images.subarray(s * perImage, (s + m) * perImage), m, {
      chunkSize: m,
      visit: (index, values) => pending.push({ index, minMax: tf.keep(tf.stack([tf.min(values), tf.max(values)])) }),
    });
    flush();
  }
  for (const r of Object.values(tensors)) [r.rangeMin, r.rangeMax] = [r.min, r.max];
  return { method: 'minmax', count: n, tensors };
}
