import { DATASET_IDS, DATASETS, type DatasetId } from '../mnist/datasets';
import { PRESET_IDS, type PresetId } from '../model/presets';
import { defaultsOf, fieldProblems, validateGroup, type FieldGroup, type FieldProblem } from '../settings/fields';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Training settings: data only, part of the serializable lab state. */
export interface TrainSettings {
  /** Which dataset the model is trained and evaluated on (src/core/mnist/datasets.ts). */
  dataset: DatasetId;
  preset: PresetId;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  /** How many of the 60,000 training images to use (the first N after a seeded shuffle). */
  trainLimit: number;
  /** Seeds weight init and shuffling. */
  seed: number;
  /**
   * Training workers in the browser: 2 splits every batch across two workers (both cores, see
   * data-parallel.ts), 1 trains in one. The same seed gives the same model up to float rounding.
   */
  workers: number;
}

/** The training settings, declared once: bounds, defaults and names for the form, the URL and the CLI. */
export const TRAIN_FIELDS: FieldGroup<TrainSettings> = {
  dataset: {
    kind: 'choice',
    label: 'Dataset',
    help: 'images to train on and test with',
    options: DATASET_IDS,
    optionLabels: Object.fromEntries(DATASET_IDS.map((id) => [id, DATASETS[id].title])),
    default: 'mnist',
    cli: 'dataset',
    url: 'ds',
  },
  preset: {
    kind: 'choice',
    label: 'Model',
    help: 'architecture to train',
    options: PRESET_IDS,
    default: 'tutorial',
    cli: 'preset',
    url: 'preset',
  },
  epochs: {
    kind: 'integer',
    label: 'Epochs',
    help: 'training epochs',
    min: 1,
    max: 100,
    default: 1,
    cli: 'epochs',
    url: 'epochs',
  },
  batchSize: {
    kind: 'integer',
    label: 'Batch size',
    help: 'images per gradient step',
    min: 1,
    max: 4096,
    default: 32,
    cli: 'batch-size',
    url: 'batch',
  },
  learningRate: {
    kind: 'number',
    label: 'Learning rate',
    help: 'optimizer step size',
    min: 0,
    minExclusive: true,
    max: 10,
    step: 0.0001,
    default: 0.001,
    cli: 'learning-rate',
    url: 'lr',
  },
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    help: 'how gradients update the weights',
    options: OPTIMIZERS,
    default: 'adam',
    cli: 'optimizer',
    url: 'opt',
  },
  trainLimit: {
    kind: 'integer',
    label: 'Training images',
    help: 'use the first N of the 60,000 shuffled training images',
    min: 1,
    max: 60000,
    default: 60000,
    cli: 'train-limit',
    url: 'limit',
  },
  seed: {
    kind: 'integer',
    label: 'Seed',
    help: 'seeds weight init and shuffling',
    min: 0,
    max: 2 ** 31 - 1,
    default: 1,
    cli: 'seed',
    url: 'seed',
  },
  workers: {
    kind: 'integer',
    label: 'Training workers',
    help: 'in the browser, 2 splits every batch across two workers (both cores); 1 trains in one (the CLI always uses one)',
    min: 1,
    max: 2,
    // 1: measured on this 2-core machine (npm run bench -- --only=train-browser), two workers that meet every
    // step are no faster than one (50.6 s against 27.3 s an epoch on tfjs ops; on the fused step 5.8 s against
    // 5.5 s idle, 16.0 s against 6.0 s loaded: its ~2 ms batches leave the exchange as the cost); 2 stays for
    // machines where it pays.
    default: 1,
    cli: 'workers',
    url: 'workers',
  },
};

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = defaultsOf(TRAIN_FIELDS);

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
  return validateGroup(TRAIN_FIELDS, s);
}

/** The same checks as data, for the page to write in its language. */
export function trainSettingsProblems(s: TrainSettings): FieldProblem[] {
  return fieldProblems(TRAIN_FIELDS, s);
}
