import { CodedError } from '../errors/coded-error';
import type { OptimizerName } from './settings';

/** Learning rates that train the presets well; suggested when training diverges. */
/** ln 10: the loss of guessing all 10 classes equally (a reference for fine-tuning runs). */
export const UNIFORM_GUESS = Math.log(10);

export const SUGGESTED_LEARNING_RATE: Record<OptimizerName, number> = { adam: 0.001, rmsprop: 0.001, sgd: 0.05 };

/**
 * Why training stopped, as data: the core writes the English sentence from it (the error's message, the CLI);
 * the page writes its other languages from the same data (src/ui/i18n/messages/errors.zh-TW.ts).
 * `epoch` and `batch` count from 1, as the sentence says them; `next` is the learning rate to try.
 */
export type TrainProblem =
  | {
      code: 'train-loss-nonfinite';
      loss: string;
      epoch: number;
      batch: number;
      learningRate: number;
      optimizer: OptimizerName;
      next: number;
    }
  | {
      code: 'train-loss-exploded';
      epoch: number;
      batch: number;
      window: number;
      mean: string;
      factor: number;
      reference: string;
      /** What the reference loss is: the first batches' mean, or guessing all 10 classes equally. */
      against: 'first-batches' | 'uniform';
      learningRate: number;
      optimizer: OptimizerName;
      next: number;
    };

/** The English sentence of a training problem. */
export function englishTrainProblem(p: TrainProblem): string {
  const where = `at epoch ${p.epoch}, batch ${p.batch}`;
  const advice = `the learning rate ${p.learningRate} is too high for ${p.optimizer}; try ${p.next}`;
  if (p.code === 'train-loss-nonfinite') return `Loss became ${p.loss} ${where}: ${advice}`;
  const against = p.against === 'first-batches' ? 'the first batches' : 'guessing all 10 classes equally';
  return (
    `Loss exploded ${where}: the last ${p.window} batches average ${p.mean}, over ${p.factor}x ` +
    `${p.reference} (${against}); ${advice}`
  );
}

/** Training stopped because the loss became NaN/Infinity or blew up; the message says why and what to try. */
export class TrainingDivergedError extends CodedError<TrainProblem> {
  override name = 'TrainingDivergedError';
  readonly epoch: number;
  readonly batch: number;
  constructor(
    problem: TrainProblem,
    readonly loss: number,
  ) {
    super(problem, englishTrainProblem(problem));
    this.epoch = problem.epoch - 1;
    this.batch = problem.batch - 1;
  }
}

/** Batches averaged for the baseline (first batches) and for the recent-loss window. */
const WINDOW = 20;
/**
 * A recent-window mean this many times the reference loss counts as exploded. The reference is the
 * smaller of the first batches' mean and ln 10 = 2.30, the loss of guessing all 10 classes equally
 * (a too-high learning rate can wreck the weights within the very first batches, so those alone
 * are no baseline). The per-batch loss is bounded (probabilities are clipped to [1e-7, 1 - 1e-7],
 * so at most -ln(1e-7) = 16.1), so a per-batch "10x or > 50" rule could never fire; a model that is
 * learning never averages 3x the loss of uniform guessing over 20 batches.
 */
const BLOW_UP_FACTOR = 3;
const UNIFORM_GUESS_LOSS = Math.log(10);

/** Running loss statistics for {@link checkDivergence}. */
export class LossWatch {
  /**
   * @param reference a fixed reference loss instead of the first batches' mean: fine-tuning starts from a
   *   trained model's tiny loss, which pruning legitimately raises several-fold.
   */
  constructor(readonly reference?: number) {}
  seen = 0;
  baseline = 0;
  readonly recent = new Float64Array(WINDOW);
}

export interface DivergenceContext {
  epoch: number;
  batch: number;
  learningRate: number;
  optimizer: OptimizerName;
}

/** Records a batch loss; returns an error to throw when training diverged, else undefined. */
export function checkDivergence(
  watch: LossWatch,
  loss: number,
  ctx: DivergenceContext,
): TrainingDivergedError | undefined {
  const at = {
    epoch: ctx.epoch + 1,
    batch: ctx.batch + 1,
    learningRate: ctx.learningRate,
    optimizer: ctx.optimizer,
    next: nextLearningRate(ctx),
  };
  if (!Number.isFinite(loss)) {
    return new TrainingDivergedError({ code: 'train-loss-nonfinite', loss: String(loss), ...at }, loss);
  }
  if (watch.seen < WINDOW) watch.baseline += loss / WINDOW;
  watch.recent[watch.seen % WINDOW] = loss;
  watch.seen++;
  if (watch.seen >= WINDOW) {
    const mean = watch.recent.reduce((a, b) => a + b, 0) / WINDOW;
    const reference = watch.reference ?? Math.min(watch.baseline, UNIFORM_GUESS_LOSS);
    if (mean > BLOW_UP_FACTOR * reference) {
      const problem: TrainProblem = {
        code: 'train-loss-exploded',
        ...at,
        window: WINDOW,
        mean: mean.toFixed(2),
        factor: BLOW_UP_FACTOR,
        reference: reference.toFixed(2),
        against: reference === watch.baseline ? 'first-batches' : 'uniform',
      };
      return new TrainingDivergedError(problem, loss);
    }
  }
  return undefined;
}

/** The learning rate to suggest: the preset's good one when above it, else a tenth of this one. */
function nextLearningRate(ctx: DivergenceContext): number {
  const good = SUGGESTED_LEARNING_RATE[ctx.optimizer];
  return ctx.learningRate > good ? good : ctx.learningRate / 10;
}
