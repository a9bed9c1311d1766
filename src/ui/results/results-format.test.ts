import { describe, expect, it } from 'vitest';
import { formatInt, formatKiB, formatMs, formatPp, formatRatio } from './results-format';

describe('results formats', () => {
  it.each<[number, string]>([
    [-0.2512, '−0.25 pp'],
    [0.1, '+0.10 pp'],
    [0, '±0.00 pp'],
    [-0.001, '±0.00 pp'],
    [-12.345, '−12.35 pp'],
    [NaN, '–'],
  ])('formatPp(%s) = %s', (x, want) => expect(formatPp(x)).toBe(want));

  it.each<[number | undefined, string]>([
    [0.2857, '0.29×'],
    [1, '1.00×'],
    [undefined, '–'],
  ])('formatRatio(%s) = %s', (x, want) => expect(formatRatio(x)).toBe(want));

  it.each<[number | undefined, string]>([
    [0.0421, '0.042 ms'],
    [3.14159, '3.14 ms'],
    [12.34, '12.3 ms'],
    [undefined, '–'],
  ])('formatMs(%s) = %s', (x, want) => expect(formatMs(x)).toBe(want));

  it('formats sizes', () => {
    expect(formatKiB(84688)).toBe('82.7 KiB');
    expect(formatInt(84688)).toBe('84,688');
  });
});
