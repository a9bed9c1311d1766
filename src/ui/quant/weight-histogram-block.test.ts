import { describe, expect, it } from 'vitest';
import { histogramMode } from './WeightHistogramBlock';

describe('histogramMode', () => {
  it.each([
    ['the chosen mode when it has layers', 'int8', ['float32', 'int8', 'dynamic'], 'int8'],
    ['the first quantized mode otherwise', 'int8', ['float32', 'dynamic'], 'dynamic'],
    ['float32 when it is the only one', 'int8', ['float32'], 'float32'],
    ['none without layers', 'int8', [], undefined],
  ])('%s', (_what, chosen, modes, expected) => expect(histogramMode(chosen, modes)).toBe(expected));
});
