/**
 * The training run as the panel shows it: status, last report and loss/accuracy curves, built from
 * the worker job's state and the progress reports. Pure, tested in Node.
 */
import type { CoreFailure } from '../i18n/core-text';
import type { TrainedModel } from '../../core/model/trained-model';
import type { TrainProgress } from '../../core/train/settings';
import type { JobState } from '../common/worker-job';

export interface CurvePoint {
  /** Fractional epoch (epoch + batch / batchesPerEpoch). */
  x: number;
  loss: number;
  accuracy: number;
  testAccuracy?: number;
}

export interface TrainingCurves {
  progress?: TrainProgress;
  batchCurve: CurvePoint[];
  epochCurve: CurvePoint[];
}

export interface TrainingRun extends TrainingCurves {
  status: 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  error?: string;
  /** The failure with its coded problem, when it has one (a diverging run), for the page's language. */
  failure?: CoreFailure;
}

/** What the lab worker's train call returns. */
export interface TrainResult {
  model: TrainedModel;
  /** The learner cancelled: the model keeps the last completed epoch. */
  cancelled: boolean;
}

export const EMPTY_CURVES: TrainingCurves = { batchCurve: [], epochCurve: [] };

/** Keep charts light: at most this many batch points (older ones are thinned). */
export const MAX_BATCH_POINTS = 400;

function thin(points: CurvePoint[]): CurvePoint[] {
  return points.length <= MAX_BATCH_POINTS ? points : points.filter((_, i) => i % 2 === 0);
}

/** Points a live chart draws per series: enough for the curve's shape, few enough for a cheap redraw. */
export const CHART_POINTS = 120;

/**
 * At most `max` of `points`, evenly strided, always keeping the last (the newest report), so a chart
 * costs the same to redraw however long the run.
 */
export function downsample<T>(points: readonly T[], max = CHART_POINTS): readonly T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}

/**
 * Ticks of a chart's epoch axis for a run of `epochs` epochs: quarters for one or two epochs, else
 * whole epochs (at most about ten). Fixed for the run, so the axis does not move as points arrive.
 */
export function epochTicks(epochs: number): number[] {
  const n = Math.max(1, Math.round(epochs));
  const step = n <= 2 ? 0.25 : Math.max(1, Math.ceil(n / 10));
  const ticks: number[] = [];
  for (let x = 0; x < n + 1e-9; x += step) ticks.push(Number(x.toFixed(2)));
  if (ticks.at(-1) !== n) ticks.push(n);
  return ticks;
}

/** The curves with one more report: a batch point, or an epoch point at the epoch's end. */
export function addProgress(curves: TrainingCurves, p: TrainProgress): TrainingCurves {
  const point: CurvePoint = {
    x: p.epoch + (p.batch + 1) / p.batchesPerEpoch,
    loss: p.loss,
    accuracy: p.accuracy,
    testAccuracy: p.testAccuracy,
  };
  return p.phase === 'batch'
    ? { ...curves, progress: p, batchCurve: thin([...curves.batchCurve, point]) }
    : { ...curves, progress: p, epochCurve: [...curves.epochCurve, { ...point, x: p.epoch + 1 }] };
}

/** The run's status from the job's state, and whether a cancel has been asked for. */
export function trainingRun(
  job: JobState<TrainProgress, TrainResult>,
  curves: TrainingCurves,
  cancelling: boolean,
): TrainingRun {
  switch (job.status) {
    case 'running':
      return { ...curves, status: cancelling ? 'cancelling' : 'running' };
    case 'done':
      return { ...curves, status: job.result.cancelled ? 'cancelled' : 'done' };
    case 'failed':
      return {
        ...curves,
        status: 'failed',
        error: job.message,
        failure: { message: job.message, ...(job.problem && { problem: job.problem }) },
      };
    default:
      return { ...curves, status: job.status };
  }
}
