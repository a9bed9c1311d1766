/**
 * Per-row parameters of the hybrid kernels' on-the-fly input quantization, from a row's min and max:
 * the same double-precision arithmetic as the reference's asymmetricQuantizeRow / symmetricQuantizeRow
 * (src/core/graph/reference/hybrid.ts, after TFLite's portable tensor_utils), without touching the values.
 * real ≈ scale * (q - offset), q = round(offset + x * inv) (asymmetric) or round(x * inv) (symmetric).
 */

import { roundHalfAway } from '../core/graph/reference/fixed-point';

export interface RowParams {
  scale: number;
  offset: number;
  inv: number;
}

/** Asymmetric int8: the range includes 0; an all-zero row gives scale 1, offset 0 (and inv 0: every q is 0). */
export function asymmetricRowParams(rowMin: number, rowMax: number): RowParams {
  const min = Math.min(rowMin, 0);
  const max = Math.max(rowMax, 0);
  if (min === max) return { scale: 1, offset: 0, inv: 0 };
  const scale = (max - min) / 255;
  const zpFromMin = -128 - min / scale;
  const zpFromMax = 127 - max / scale;
  const zp = 128 + Math.abs(min / scale) < 127 + Math.abs(max / scale) ? zpFromMin : zpFromMax;
  const offset = zp <= -128 ? -128 : zp >= 127 ? 127 : roundHalfAway(zp);
  const fscale = Math.fround(scale);
  return { scale: fscale, offset, inv: Math.fround(1 / fscale) };
}

/** Symmetric int8 [-127, 127]; an all-zero row gives scale 1 (inv 0). */
export function symmetricRowParams(rowMin: number, rowMax: number): RowParams {
  const range = Math.max(Math.abs(rowMin), Math.abs(rowMax));
  if (range === 0) return { scale: 1, offset: 0, inv: 0 };
  return { scale: Math.fround(range / 127), offset: 0, inv: Math.fround(127 / range) };
}
