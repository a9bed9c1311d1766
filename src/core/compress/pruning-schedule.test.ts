import { describe, expect, it } from 'vitest';
import { isPruningStep, scheduledSparsity, validateSchedule, type PruningSchedule } from './pruning-schedule';

const poly: PruningSchedule = {
  kind: 'polynomial',
  initialSparsity: 0.5,
  finalSparsity: 0.8,
  beginStep: 0,
  endStep: 1000,
  power: 3,
  frequency: 100,
};

describe('scheduledSparsity', () => {
  it.each([
    // s = final + (initial - final) * (1 - p)^3, p = (step - begin) / (end - begin)
    [0, 0.5],
    [500, 0.8 - 0.3 * 0.125],
    [1000, 0.8],
    [5000, 0.8],
  ])('polynomial decay 50%% -> 80%% at step %i is %f', (step, expected) => {
    expect(scheduledSparsity(poly, step)).toBeCloseTo(expected, 12);
  });

  it('is 0 before the begin step and the target from then on for constant sparsity', () => {
    const c: PruningSchedule = { kind: 'constant', targetSparsity: 0.9, beginStep: 10, endStep: -1, frequency: 5 };
    expect(scheduledSparsity(c, 9)).toBe(0);
    expect(scheduledSparsity(c, 10)).toBe(0.9);
    expect(isPruningStep(c, 10_000)).toBe(true);
    expect(isPruningStep(c, 12)).toBe(false);
  });
});

describe('isPruningStep', () => {
  it.each([
    [0, true],
    [50, false],
    [100, true],
    [1000, true],
    [1100, false],
  ])('step %i -> %s', (step, expected) => expect(isPruningStep(poly, step)).toBe(expected));
});

describe('validateSchedule', () => {
  it('accepts the TFMOT notebook schedule and names each problem of a bad one', () => {
    expect(validateSchedule(poly)).toEqual([]);
    const bad = validateSchedule({ ...poly, finalSparsity: 1.2, endStep: 0, frequency: 0 });
    expect(bad.join('; ')).toMatch(/final sparsity must be at least 0 and below 1/);
    expect(bad.join('; ')).toMatch(/end step \(0\) must be after begin step/);
    expect(bad.join('; ')).toMatch(/frequency must be a positive integer/);
  });
});
