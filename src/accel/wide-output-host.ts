/**
 * 16x8 integer ops (int16 activations, int8 weights): the sums run on tfjs, the output stage on the host.
 * Each byte part of the input (as integerAccumulators splits it) and each reduction chunk gives an exact
 * float32 sum on the backend; the host adds them in doubles (exact: |acc| < 2^53), max-pools tiling windows
 * when a MAX_POOL_2D follows, and requantizes with the reference's own finishInteger. This replaces about 25
 * full-size tfjs ops a chunk (the exact pair arithmetic of requantize-tfjs.ts) with one pass over the sums,
 * read in place on the WASM heap.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Pool2DOp } from '../core/graph/graph';
import { asFloat64, finishInteger } from '../core/graph/reference/accumulate';
import { multiplyByQuantizedMultiplier64 } from '../core/graph/reference/fixed-point';
import type { IntegerOutputStage } from '../core/graph/reference/requantize';
import type { TensorData } from '../core/graph/reference/tensors';
import type { WasmHeapBackend } from '../backends/wasm-heap';
import { chunkSum, wholeSum, type PreparedWeighted } from './weighted-ops-tfjs';

/** Exact partial sums of an op: acc = sum of weights[i] * sums[i]; all of one shape. Owned: dispose `sums`. */
interface PartialSums {
  sums: tf.Tensor[];
  weights: number[];
  shape: number[];
}

/** The byte-part sums (no bias) of an integer op with int16 input `q` (raw values). */
function wideSums(p: PreparedWeighted, q: tf.Tensor): PartialSums {
  const sums: tf.Tensor[] = [];
  const weights: number[] = [];
  tf.tidy(() => {
    const x = p.inputZeroPoint === 0 ? q : tf.sub(q, p.inputZeroPoint);
    // x = 256 * high + low, low in [0, 255], high in [-128, 127]: each product fits the exact chunk bound.
    const high = tf.floor(tf.mul(x, 1 / 256));
    const parts: [tf.Tensor, number][] = [
      [tf.sub(x, tf.mul(high, 256)), 1],
      [high, 256],
    ];
    for (const [part, weight] of parts) {
      const whole = wholeSum(p, part);
      const partSums = whole ? [whole] : p.ranges.map((_, i) => chunkSum(p, part, i));
      for (const s of partSums) {
        sums.push(tf.keep(s));
        weights.push(weight);
      }
    }
  });
  return { sums, weights, shape: sums[0].shape };
}

/**
 * Float32 values of `t` without a copy on the WASM backend (a view of its heap: valid until the next tfjs
 * allocation), else read back.
 */
function hostView(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as Partial<WasmHeapBackend>;
  if (tf.getBackend() === 'wasm' && backend.typedArrayFromHeap) return backend.typedArrayFromHeap(t);
  return t.dataSync() as Float32Array;
}

/** acc = sum of weights[i] * parts[i] in doubles (exact for integer sums). */
function combine(parts: Float32Array[], weights: number[]): Float64Array {
  const acc = new Float64Array(parts[0].length);
  parts.forEach((values, j) => {
    const w = weights[j];
    for (let i = 0; i < acc.length; i++) acc[i] += w * values[i];
  });
  return acc;
}

/**
 * MAX_POOL_2D over windows that tile [n, h, w, c] exactly (filter = stride, no padding) of lo + wHi * hi
 * (doubles: exact), without building the full-size sum.
 */
function maxPoolPairTiling(lo: ArrayLike<number>, hi: ArrayLike<number>, wHi: number, shape: number[], pool: Pool2DOp) {
  const [n, h, w, c] = shape;
  const { filterH: fh, filterW: fw } = pool;
  const oh = h / fh;
  const ow = w / fw;
  const out = new Float64Array(n * oh * ow * c);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const first = ((b * h + y * fh) * w + x * fw) * c;
        if (fh === 2 && fw === 2) {
          // The common 2x2 window, unrolled.
          const down = w * c;
          for (let k = 0; k < c; k++) {
            const s = first + k;
            const a = lo[s] + wHi * hi[s];
            const b = lo[s + c] + wHi * hi[s + c];
            const d = lo[s + down] + wHi * hi[s + down];
            const e = lo[s + down + c] + wHi * hi[s + down + c];
            out[o++] = Math.max(Math.max(a, b), Math.max(d, e));
          }
          continue;
        }
        for (let k = 0; k < c; k++) {
          let m = -Infinity;
          for (let dy = 0; dy < fh; dy++) {
            const row = first + dy * w * c + k;
            for (let dx = 0; dx < fw; dx++) {
              const s = row + dx * c;
              const v = lo[s] + wHi * hi[s];
              if (v > m) m = v;
            }
          }
          out[o++] = m;
        }
      }
    }
  }
  return { acc: out, shape: [n, oh, ow, c] };
}

/**
 * The reference's finishInteger for 16x8 (bias, MultiplyByQuantizedMultiplier64, zero point, clamp), then the
 * following pool's clamp, written straight to float32: one pass, no intermediate arrays.
 */
function finishWide(
  acc: Float64Array,
  bias: TensorData | undefined,
  channels: number,
  stage: IntegerOutputStage,
  poolClamp: [number, number] = [-Infinity, Infinity],
): Float32Array {
  const out = new Float32Array(acc.length);
  if (stage.fp32Scales || !stage.wide) {
    finishInteger(acc, bias, channels, stage, out);
    for (let i = 0; i < out.length; i++) out[i] = Math.min(poolClamp[1], Math.max(poolClamp[0], out[i]));
    return out;
  }
  // multiplyByQuantizedMultiplier64's per-channel constants, hoisted: (x * reduced + 2^(t-1)) * 2^-t, the same
  // double operations, with the reference itself for products beyond 2^52.
  const { multipliers } = stage;
  const reduced = Float64Array.from(multipliers, ({ multiplier: m }) =>
    m < 0x7fff0000 ? (m + 2 ** 15) >> 16 : 0x7fff,
  );
  const half = Float64Array.from(multipliers, ({ shift }) => 2 ** (15 - shift - 1));
  const inv = Float64Array.from(multipliers, ({ shift }) => 2 ** -(15 - shift));
  const b64 = bias ? asFloat64(bias) : new Float64Array(channels);
  const { clampMin, clampMax, outputZeroPoint: zp } = stage;
  const [poolMin, poolMax] = poolClamp;
  const BIG = 4503599627370496;
  for (let base = 0; base < acc.length; base += channels) {
    for (let c = 0; c < channels; c++) {
      const a = acc[base + c] + b64[c];
      const prod = a * reduced[c];
      const scaled =
        prod < BIG && prod > -BIG
          ? Math.floor((prod + half[c]) * inv[c])
          : multiplyByQuantizedMultiplier64(a, multipliers[c].multiplier, multipliers[c].shift);
      const q = scaled + zp;
      const y = q < clampMin ? clampMin : q > clampMax ? clampMax : q;
      out[base + c] = y < poolMin ? poolMin : y > poolMax ? poolMax : y;
    }
  }
  return out;
}

/**
 * Runs a 16x8 integer op (`p.wideInput`) on input `q`, and the MAX_POOL_2D `pool` after it when given (its
 * windows must tile the op's output; see fusableMaxPool). Returns the raw int16 outputs as a float32 tensor.
 */
export function runWideIntegerHost(p: PreparedWeighted, q: tf.Tensor, pool?: Pool2DOp, poolClamp?: [number, number]) {
  const stage = p.stage;
  if (!stage) throw new Error(`${p.op.kind}: not an integer op`);
  const { sums, weights, shape } = wideSums(p, q);
  let result: { acc: Float64Array; shape: number[] };
  try {
    const views = sums.map(hostView);
    if (pool && views.length === 2 && weights[0] === 1) {
      result = maxPoolPairTiling(views[0], views[1], weights[1], shape, pool);
    } else {
      const acc = combine(views, weights);
      result = pool ? maxPoolPairTiling(acc, new Float64Array(acc.length), 0, shape, pool) : { acc, shape };
    }
  } finally {
    tf.dispose(sums);
  }
  return tf.tensor(
    finishWide(result.acc, p.bias, result.shape[result.shape.length - 1], stage, poolClamp),
    result.shape,
  );
}
