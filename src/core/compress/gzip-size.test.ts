import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../train/batches';
import { gzipBytes } from './gzip-size';

describe('gzipBytes', () => {
  const random = mulberry32(3);
  const noise = Uint8Array.from({ length: 20000 }, () => Math.floor(random() * 256));

  it('is the length of a valid level-9 gzip stream of the bytes', () => {
    const stream = gzipSync(noise, { level: 9, mtime: 0 });
    expect(gzipBytes(noise)).toBe(stream.length);
    expect(gunzipSync(stream)).toEqual(noise);
  });

  it('shrinks with the fraction of zeros, while the raw size stays the same', () => {
    const sparse = (fraction: number) => noise.map((v, i) => (i % 100 < fraction * 100 ? 0 : v));
    const sizes = [0, 0.5, 0.8, 0.95].map((f) => gzipBytes(sparse(f)));
    expect(sizes[0]).toBeGreaterThan(noise.length); // random bytes do not compress
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]);
  });
});
