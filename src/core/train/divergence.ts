import type { OptimizerName } from './settings';

/** Learning rates that train the presets well; suggested when training diverges. */
/** ln 10: the loss of guessing all 10 classes equally (a reference for fine-tuning runs). */
export const UNIFORM_GUESS = Math.log(10);

export const SUGGESTED_LEARNING_RATE: Record<OptimizerName, number> = { adam: 0.001, rmsprop: 0.001, sgd: 0.05 };

/** Training stopped because the loss became NaN/Infinity or blew up; the message says why and what to try. */
export class TrainingDivergedError extends Error {
  constructor(
    message: string,
    readonly epoch: number,
    readonly batch: number,
    readonly loss: number,
  ) {
    super(message);
    this.name = 'TrainingDivergedError';
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
  const where = `at epoch ${ctx.epoch + 1}, batch ${ctx.batch + 1}`;
  if (!Number.isFinite(loss)) {
    return new TrainingDivergedError(`Loss became ${loss} ${where}: ${advice(ctx)}`, ctx.epoch, ctx.batch, loss);
  }
  if (watch.seen < WINDOW) watch.baseline += loss / WINDOW;
  watch.recent[watch.seen % WINDOW] = loss;
  watch.seen++;
  if (watch.seen >= WINDOW) {
    const mean = watch.recent.reduce((a, b) => a + b, 0) / WINDOW;
    const reference = watch.reference ?? Math.min(watch.baseline, UNIFORM_GUESS_LOSS);
    if (mean > BLOW_UP_FACTOR * reference) {
      return new TrainingDivergedError(
        `Loss exploded ${where}: the last ${WINDOW} batches average ${mean.toFixed(2)}, over ${BLOW_UP_FACTOR}x ` +
          `${reference.toFixed(2)} (${reference === watch.baseline ? 'the first batches' : 'guessing all 10 classes equally'}); ${advice(ctx)}`,
        ctx.epoch,
        ctx.batch,
        loss,
      );
    }
  }
  return undefined;
}

function advice(ctx: DivergenceContext): string {
  const good = SUGGESTED_LEARNING_RATE[ctx.optimizer];
  const next = ctx.learningRate > good ? good : ctx.learningRate / 10;
  return `the learning rate ${ctx.learningRate} is too high for ${ctx.optimizer}; try ${next}`;
}
