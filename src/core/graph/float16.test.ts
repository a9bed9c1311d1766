import { describe, expect, it } from 'vitest';
import { float16ArrayToFloat32, float16BitsToFloat32, float32ArrayToFloat16, float32ToFloat16Bits } from './float16';

describe('float16', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff], // max finite
    [65520, 0x7c00], // rounds to inf
    [1e6, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // min normal
    [2 ** -24, 0x0001], // min subnormal
    [2 ** -25, 0x0000], // tie -> even (0)
    [3 * 2 ** -25, 0x0002], // tie -> even (2)
    [2 ** -26, 0x0000],
    [1 + 2 ** -11, 0x3c00], // tie -> even
    [1 + 3 * 2 ** -11, 0x3c02], // tie -> even (up)
    [0.1, 0x2e66],
    [1023 * 2 ** -24, 0x03ff], // max subnormal
  ])('%s -> 0x%s', (v, bits) => {
    expect(float32ToFloat16Bits(v)).toBe(bits);
  });

  it('NaN stays NaN', () => {
    const h = float32ToFloat16Bits(NaN);
    expect((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0).toBe(true);
    expect(float16BitsToFloat32(h)).toBeNaN();
  });

  it('round-trips every finite float16 bit pattern exactly', () => {
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0) continue;
      expect(float32ToFloat16Bits(float16BitsToFloat32(h))).toBe(h);
    }
  });

  it('array helpers round-trip with bounded relative error', () => {
    const x = Float32Array.from([0.5, -3.25, 1e-6, 123.456, Infinity]);
    const y = float16ArrayToFloat32(float32ArrayToFloat16(x));
    expect(y[0]).toBe(0.5);
    expect(y[1]).toBe(-3.25);
    expect(Math.abs(y[2] - 1e-6)).toBeLessThan(2 ** -25);
    expect(Math.abs(y[3] - 123.456) / 123.456).toBeLessThan(2 ** -11);
    expect(y[4]).toBe(Infinity);
  });
});
