import { describe, expect, it } from 'vitest';
import { DEFAULT_QUANT_MODES } from '../modes/lab-modes';
import { scoringOrder } from './scoring-order';

describe('scoringOrder', () => {
  it('takes the slow-kernel modes second and keeps the others in order', () => {
    const modes = [...DEFAULT_QUANT_MODES];
    const order = scoringOrder(modes).map((i) => modes[i]);
    expect(modes).toEqual(['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8']);
    expect(order).toEqual(['float32', 'int16x8', 'dynamic', 'int8', 'int8-io', 'float16']);
  });

  it('is a permutation for any list, the first mode first, unknown modes (mixed exports, qat) as fast ones', () => {
    expect(scoringOrder([])).toEqual([]);
    expect(scoringOrder(['int16x8'])).toEqual([0]);
    expect(scoringOrder(['int8', 'qat', 'int4', 'int8-mixed', 'int16x8'])).toEqual([0, 2, 4, 1, 3]);
  });
});
