import type { PresetId } from '../model/presets';

export type OptimizerName = 'adam' | 'sgd' | 'rmsprop';

/** Training settings: data only, part of the serializable lab state. */
export interface TrainSettings {
  preset: PresetId;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  /** How many of the 60,000 training images to use (the first N after a seeded shuffle). */
  trainLimit: number;
  /** Seeds weight init and shuffling. */
  seed: number;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  preset: 'tutorial',
  epochs: 1,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
  trainLimit: 60000,
  seed: 1,
};

/** Reported while training; `phase: 'epoch'` carries the finished epoch's metrics. */
export interface TrainProgress {
  phase: 'batch' | 'epoch';
  /** 0-based epoch and batch within it. */
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  epochs: number;
  /** Loss and accuracy of the latest batch (phase 'batch') or the epoch mean (phase 'epoch'). */
  loss: number;
  accuracy: number;
  /** Test accuracy after the epoch (phase 'epoch' only). */
  testAccuracy?: number;
  elapsedSeconds: number;
  etaSeconds: number;
  /** Seconds spent on this epoch's batches alone, without the test evaluation (phase 'epoch' only). */
  epochTrainSeconds?: number;
}

/** Checks settings; returns human-readable problems (empty when valid). */
export function validateTrainSettings(s: TrainSettings): string[] {
  const problems: string[] = [];
  const int = (v: number, name: string, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${name} must be an integer from ${min} to ${max} (got ${v})`);
  };
  int(s.epochs, 'epochs', 1, 100);
  int(s.batchSize, 'batch size', 1, 4096);
  int(s.trainLimit, 'training-subset size', 1, 60000);
  int(s.seed, 'seed', 0, 2 ** 31 - 1);
  if (!(s.learningRate > 0 && s.learningRate <= 10))
    problems.push(`learning rate must be in (0, 10] (got ${s.learningRate})`);
  if (!['adam', 'sgd', 'rmsprop'].includes(s.optimizer))
    problems.push(`optimizer must be adam, sgd or rmsprop (got ${s.optimizer})`);
  return problems;
}
