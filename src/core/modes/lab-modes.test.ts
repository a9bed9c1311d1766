import { describe, expect, it } from 'vitest';
import { DEFAULT_QUANT_MODES, LAB_MODES, slowInRuntimeFirst } from './lab-modes';

describe('slowInRuntimeFirst', () => {
  it.each([
    [DEFAULT_QUANT_MODES, ['int16x8', 'float32', 'dynamic', 'int8', 'int8-io', 'float16']],
    [
      ['float32', 'int4', 'qat', 'int8-mixed', 'int16x8'],
      ['int4', 'int16x8', 'float32', 'qat', 'int8-mixed'],
    ],
    [
      ['float32', 'int8'],
      ['float32', 'int8'],
    ],
    [[], []],
  ])('orders %j as %j', (modes, expected) => {
    expect(slowInRuntimeFirst(modes, (m) => m)).toEqual(expected);
  });

  it('moves exactly the modes declared referenceKernels, keeping every item', () => {
    const jobs = Object.keys(LAB_MODES).map((mode, k) => ({ mode, k }));
    const ordered = slowInRuntimeFirst(jobs, (j) => j.mode);
    expect([...ordered].sort((a, b) => a.k - b.k)).toEqual(jobs);
    const slow = ordered.filter((j) => 'referenceKernels' in LAB_MODES[j.mode as keyof typeof LAB_MODES]);
    expect(ordered.slice(0, slow.length)).toEqual(slow);
    expect(slow.map((j) => j.mode)).toEqual(['int16x8', 'int4']);
  });
});
