import { describe, expect, it } from 'vitest';
import type { TrainedModel } from '../../core/model/trained-model';
import type { TrainProgress } from '../../core/train/settings';
import {
  addProgress,
  CHART_POINTS,
  downsample,
  EMPTY_CURVES,
  epochTicks,
  MAX_BATCH_POINTS,
  trainingRun,
} from './training-run';

function report(phase: 'batch' | 'epoch', epoch: number, batch: number): TrainProgress {
  return { phase, epoch, batch, batchesPerEpoch: 10, epochs: 2, loss: 1, accuracy: 0.5 } as TrainProgress;
}

describe('addProgress', () => {
  it('adds batch points at fractional epochs and epoch points at the epoch’s end', () => {
    let curves = addProgress(EMPTY_CURVES, report('batch', 0, 4));
    curves = addProgress(curves, report('epoch', 0, 9));
    expect(curves.batchCurve.map((p) => p.x)).toEqual([0.5]);
    expect(curves.epochCurve.map((p) => p.x)).toEqual([1]);
    expect(curves.progress?.phase).toBe('epoch');
  });

  it('thins the batch curve once it passes the limit', () => {
    let curves = EMPTY_CURVES;
    for (let i = 0; i <= MAX_BATCH_POINTS; i++) curves = addProgress(curves, report('batch', 0, i % 10));
    expect(curves.batchCurve.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
  });
});

describe('trainingRun', () => {
  const model = {} as TrainedModel;
  it.each([
    [{ status: 'idle' }, false, 'idle'],
    [{ status: 'running' }, false, 'running'],
    [{ status: 'running' }, true, 'cancelling'],
    [{ status: 'done', result: { model, cancelled: false } }, true, 'done'],
    [{ status: 'done', result: { model, cancelled: true } }, true, 'cancelled'],
    [{ status: 'failed', message: 'worker died' }, false, 'failed'],
  ] as const)('%o, cancel asked %s -> %s', (job, cancelling, status) => {
    const run = trainingRun(job, EMPTY_CURVES, cancelling);
    expect(run.status).toBe(status);
    if (status === 'failed') expect(run.error).toBe('worker died');
  });
});

describe('downsample', () => {
  it.each([
    [5, 10, [0, 1, 2, 3, 4]],
    [10, 4, [0, 3, 6, 9]],
    [7, 3, [0, 3, 6]],
  ])('%i points, at most %i -> %o', (n, max, want) => {
    const points = Array.from({ length: n }, (_, i) => i);
    expect(downsample(points, max)).toEqual(want);
  });

  it('keeps the newest point and the limit on a long run', () => {
    const points = Array.from({ length: 1877 }, (_, i) => i);
    const shown = downsample(points);
    expect(shown.length).toBe(CHART_POINTS);
    expect(shown.at(-1)).toBe(1876);
    expect(shown[0]).toBe(0);
  });
});

describe('epochTicks', () => {
  it.each([
    [1, [0, 0.25, 0.5, 0.75, 1]],
    [2, [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]],
    [5, [0, 1, 2, 3, 4, 5]],
    [25, [0, 3, 6, 9, 12, 15, 18, 21, 24, 25]],
  ])('%i epochs -> %o', (epochs, want) => {
    expect(epochTicks(epochs)).toEqual(want);
  });
});
