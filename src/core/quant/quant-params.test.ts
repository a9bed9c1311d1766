import { describe, expect, it } from 'vitest';
import {
  activationParamsInt16,
  activationParamsInt8,
  quantizeBias,
  quantizeWeightsSymmetric,
  softmaxOutputParams,
} from './quant-params';

describe('quantizeWeightsSymmetric', () => {
  it('per tensor: scale = max|w| / 127, zero point 0, values rounded half away from zero', () => {
    const q = quantizeWeightsSymmetric(Float32Array.from([1.27, -0.635, 0.005, 0.015, 0]), [5]);
    expect(q.quant.scale[0]).toBeCloseTo(0.01, 7);
    expect(q.quant.zeroPoint).toEqual([0]);
    expect(Array.from(q.values)).toEqual([127, -64, 1, 2, 0]);
  });

  it('per channel along dim 0 (CONV_2D [out, kh, kw, in])', () => {
    const w = Float32Array.from([2, -1, 0.5, 0.25, /* channel 1 */ -0.1, 0.05, 0, 0.1]);
    const q = quantizeWeightsSymmetric(w, [2, 1, 2, 2], 0);
    expect(q.quant.scale.map((s) => s * 127)).toEqual([expect.closeTo(2, 6), expect.closeTo(0.1, 6)]);
    expect(q.quant.quantizedDimension).toBe(0);
    expect(Array.from(q.values)).toEqual([127, -64, 32, 16, -127, 64, 0, 127]);
  });

  it('per channel along dim 3 (DEPTHWISE [1, kh, kw, out]); a zero channel gets scale 1', () => {
    const w = Float32Array.from([1, 0, -0.5, 0, 0.25, 0]);
    const q = quantizeWeightsSymmetric(w, [1, 1, 3, 2], 3);
    expect(q.quant.scale[0]).toBeCloseTo(1 / 127, 8);
    expect(q.quant.scale[1]).toBe(1);
    expect(Array.from(q.values)).toEqual([127, 0, -64, 0, 32, 0]);
    expect(Math.min(...q.values)).toBeGreaterThanOrEqual(-127);
  });
});

describe('activation params', () => {
  it.each([
    // min, max, scale, zero point
    [0, 1, 1 / 255, -128],
    [0.5, 2, 2 / 255, -128], // widened to include 0
    [-2, -1, 2 / 255, 127],
    [-1, 3, 4 / 255, -64], // -128 + 63.75 = -64.25
  ])('int8 [%s, %s] -> scale %s zp %s', (min, max, scale, zp) => {
    const p = activationParamsInt8(min, max);
    expect(p.scale[0]).toBeCloseTo(scale, 7);
    expect(p.zeroPoint[0]).toBe(zp);
  });

  it('int8 zero point of a symmetric range is -1 or 0 (the float zero is -0.5 away from both)', () => {
    expect([-1, 0]).toContain(activationParamsInt8(-1, 1).zeroPoint[0]);
  });

  it('int16 is symmetric with zero point 0', () => {
    expect(activationParamsInt16(-3, 1)).toMatchObject({ zeroPoint: [0] });
    expect(activationParamsInt16(-3, 1).scale[0]).toBeCloseTo(3 / 32767, 9);
    expect(activationParamsInt16(0, 0).scale[0]).toBeGreaterThan(0);
  });

  it('softmax fixed params', () => {
    expect(softmaxOutputParams('int8')).toMatchObject({ scale: [1 / 256], zeroPoint: [-128] });
    expect(softmaxOutputParams('int16')).toMatchObject({ scale: [1 / 32768], zeroPoint: [0] });
  });
});

describe('quantizeBias', () => {
  it('int32 with scale input_scale * weight_scale[c]', () => {
    const b = quantizeBias(Float32Array.from([0.5, -0.25]), 0.1, [0.01, 0.05], 'int32');
    expect(b.quant.scale[0]).toBeCloseTo(0.001, 9);
    expect(b.quant.scale[1]).toBeCloseTo(0.005, 9);
    expect(Array.from(b.values as Int32Array)).toEqual([500, -50]);
  });
  it('int64 for 16x8', () => {
    const b = quantizeBias(Float32Array.from([3]), 1e-4, [1e-3], 'int64');
    expect(b.values).toBeInstanceOf(BigInt64Array);
    expect(b.values[0]).toBe(30000000n);
  });
});
