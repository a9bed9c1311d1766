import { describe, expect, it } from 'vitest';
import { readImageBatch } from './npy';

/** A version-1 .npy of `descr` with `data` (numpy/lib/format.py layout, header padded to 64 bytes). */
function npy(descr: string, shape: number[], data: Uint8Array, fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')},), }`;
  header = header.padEnd(64 - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

describe('readImageBatch', () => {
  const f32 = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i / 24);
  it.each([
    ['float32 .npy', npy('<f4', [2, 2, 2, 3], new Uint8Array(f32.buffer)), f32],
    [
      'uint8 .npy, scaled to [0, 1]',
      npy(
        '|u1',
        [2, 2, 2, 3],
        Uint8Array.from({ length: 24 }, (_, i) => i * 10),
      ),
      Float32Array.from({ length: 24 }, (_, i) => (i * 10) / 255),
    ],
    ['raw float32', new Uint8Array(f32.buffer.slice(0)), f32],
  ])('%s', (_, bytes, want) => {
    const got = readImageBatch(bytes, 'x', [2, 2, 3]);
    expect(got.count).toBe(2);
    expect(got.values).toEqual(want);
  });

  it.each([
    [
      'a partial image',
      new Uint8Array(new Float32Array(13).buffer),
      /13 values, not a whole number of \[2, 2, 3\] images/,
    ],
    ['float64', npy('<f8', [1], new Uint8Array(8)), /holds <f8/],
    ['Fortran order', npy('<f4', [12], new Uint8Array(48), true), /Fortran order/],
    ['odd bytes', Uint8Array.from([1, 2, 3]), /neither a \.npy/],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => readImageBatch(bytes, 'x', [2, 2, 3])).toThrow(message);
  });
});
