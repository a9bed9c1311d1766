/**
 * On-the-fly input quantization of the hybrid (dynamic range) kernels, after TFLite's portable
 * tensor_utils AsymmetricQuantizeFloats / SymmetricQuantizeFloats: one scale (and offset) per batch row.
 */

import { roundHalfAway, roundHalfEven } from './fixed-point';

export interface RowQuantization {
  /** Quantized row values. */
  values: Int8Array;
  /** real ≈ scale * (q - offset) */
  scale: number;
  offset: number;
}

/**
 * Per-row parameters of the hybrid kernels' on-the-fly input quantization, from the row's min and
 * max (after TFLite's portable tensor_utils): real ≈ scale * (q - offset), q = round(offset + x * inv)
 * for asymmetric rows, round(x * inv) for symmetric ones. Shared with the tfjs twin (src/accel).
 */
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

/**
 * XNNPACK's dynamic (qd8) quantization parameters of one row, used by LiteRT.js for the hybrid ops XNNPACK
 * takes (hybrid FULLY_CONNECTED with asymmetric inputs, CONV_2D with per-channel filters): XNNPACK src/xnnpack/quantization.h xnn_qd8_asymmetric_quantization_params
 * and xnn_f32_qd8_asymmetric_quantization_params, all in float32: m = 255 / (max - min), the zero point from
 * the smaller error side rounded half to even, the real scale 1 / m. The values are quantized with 1 / scale
 * (xnn_compute_f32_qd8_convert passes that reciprocal, not m, to the convert kernel).
 */
export function xnnpackRowParams(rowMin: number, rowMax: number): RowParams {
  const f = Math.fround;
  const rmin = Math.min(0, rowMin);
  const rmax = Math.max(0, rowMax);
  const m = rmin === rmax ? 1 : f(255 / f(rmax - rmin));
  const low = f(rmin * m);
  const high = f(rmax * m);
  const zp = f(-128 + low) + f(127 + high) > 0 ? f(-128 - low) : f(127 - high);
  const scale = f(1 / m);
  return { scale, offset: roundHalfEven(Math.min(127, Math.max(-128, zp))), inv: f(1 / scale) };
}

/**
 * Quantizes `rows` rows of `size` floats as XNNPACK's f32 -> qd8 convert kernel does: q = clamp(rint(x * inv)
 * + zp), half to even (the f32-qs8-vcvt kernels' magic-bias rounding). Returns values and per-row scales and
 * input offsets (-zp), as {@link quantizeRows}.
 */
export function quantizeRowsXnnpack(input: Float32Array, rows: number, size: number) {
  const values = new Int8Array(rows * size);
  const scales = new Float64Array(rows);
  const inputOffsets = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const { scale, offset, inv } = xnnpackRowParams(...rowMinMax(input, r * size, size));
    for (let i = r * size; i < (r + 1) * size; i++) {
      const q = roundHalfEven(Math.fround(input[i] * inv)) + offset;
      values[i] = q < -128 ? -128 : q > 127 ? 127 : q;
    }
    scales[r] = scale;
    inputOffsets[r] = -offset;
  }
  return { values, scales, inputOffsets };
}

function rowMinMax(src: Float32Array, start: number, size: number): [number, number] {
  let min = 0;
  let max = 0;
  for (let i = start; i < start + size; i++) {
    const v = src[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** Asymmetric int8 [-128, 127]; the range always includes 0; an all-zero row gives scale 1, offset 0. */
export function asymmetricQuantizeRow(src: Float32Array, start: number, size: number): RowQuantization {
  const { scale, offset, inv } = asymmetricRowParams(...rowMinMax(src, start, size));
  const values = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    const q = roundHalfAway(Math.fround(offset + Math.fround(src[start + i] * inv)));
    values[i] = q < -128 ? -128 : q > 127 ? 127 : q;
  }
  return { values, scale, offset };
}

/** Symmetric int8 [-127, 127], offset 0; an all-zero row gives scale 1. */
export function symmetricQuantizeRow(src: Float32Array, start: number, size: number): RowQuantization {
  const { scale, inv } = symmetricRowParams(...rowMinMax(src, start, size));
  const values = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    const q = roundHalfAway(Math.fround(src[start + i] * inv));
    values[i] = q < -127 ? -127 : q > 127 ? 127 : q;
  }
  return { values, scale, offset: 0 };
}

/**
 * Quantizes every batch row of `input` (row = `size` elements) into one Int8Array, with per-row
 * scales and input offsets (-offset, added to each value in the accumulation loops).
 */
export function quantizeRows(
  input: Float32Array,
  batch: number,
  size: number,
  asymmetric: boolean,
): { values: Int8Array; scales: Float64Array; inputOffsets: Float64Array } {
  const values = new Int8Array(batch * size);
  const scales = new Float64Array(batch);
  const inputOffsets = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const r = asymmetric ? asymmetricQuantizeRow(input, b * size, size) : symmetricQuantizeRow(input, b * size, size);
    values.set(r.values, b * size);
    scales[b] = r.scale;
    inputOffsets[b] = -r.offset;
  }
  return { values, scales, inputOffsets };
}
