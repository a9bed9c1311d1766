import { describe, expect, it } from 'vitest';
import { formatStorage } from './run-format';

describe('formatStorage', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [1_144_512, '1.1 MiB'],
    [42_046_976, '40.1 MiB'],
    [10_779_465_216, '10.0 GiB'],
    [Number.NaN, '–'],
  ])('%d -> %s', (n, want) => expect(formatStorage(n)).toBe(want));
});
