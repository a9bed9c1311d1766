import { describe, expect, it } from 'vitest';
import type { TrainedModel } from '../../core/model/trained-model';
import type { TrainProgress } from '../../core/train/settings';
import { addProgress, EMPTY_CURVES, MAX_BATCH_POINTS, trainingRun } from './training-run';

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
