import { describe, expect, it } from 'vitest';
import { checkDivergence, LossWatch, TrainingDivergedError } from './divergence';

const ctx = { epoch: 0, batch: 0, learningRate: 0.5, optimizer: 'adam' as const };

function feed(losses: number[]): TrainingDivergedError | undefined {
  const watch = new LossWatch();
  for (let i = 0; i < losses.length; i++) {
    const e = checkDivergence(watch, losses[i], { ...ctx, batch: i });
    if (e) return e;
  }
  return undefined;
}

describe('checkDivergence', () => {
  it.each([
    { name: 'a falling loss', losses: Array.from({ length: 100 }, (_, i) => 2.3 / (1 + i / 10)), diverged: false },
    {
      name: 'a noisy flat loss',
      losses: Array.from({ length: 100 }, (_, i) => 2.3 + (i % 2 ? 1 : -1)),
      diverged: false,
    },
    { name: 'NaN', losses: [2.3, 2.2, NaN], diverged: true },
    { name: 'Infinity', losses: [2.3, Infinity], diverged: true },
    { name: 'a loss stuck near 14', losses: [...Array(20).fill(2.3), ...Array(30).fill(14)], diverged: true },
    { name: 'a loss wrecked from the first batches', losses: [2.3, ...Array(30).fill(14)], diverged: true },
    { name: 'a loss at 3x a small baseline', losses: [...Array(20).fill(0.5), ...Array(20).fill(1.6)], diverged: true },
  ])('$name -> diverged $diverged', ({ losses, diverged }) => {
    expect(feed(losses) != null).toBe(diverged);
  });

  it('explains and suggests a learning rate', () => {
    const e = feed([2.3, 2.2, NaN])!;
    expect(e.message).toBe(
      'Loss became NaN at epoch 1, batch 3: the learning rate 0.5 is too high for adam; try 0.001',
    );
    expect(e.batch).toBe(2);
    const low = checkDivergence(new LossWatch(), NaN, { ...ctx, learningRate: 0.0005 })!;
    expect(low.message).toMatch(/try 0.00005$/);
  });
});
