/**
 * Quantization-aware training settings, declared once. The learner chooses the fine-tuning epochs and
 * learning rate; batch size, seed and training subset follow the float training's settings.
 */
import { defaultsOf, validateGroup, type FieldGroup } from '../settings/fields';
import { TRAIN_FIELDS, type TrainSettings } from '../train/settings';
import { RANGE_MOMENTUM } from './fake-quant';

/** What the learner sets for QAT (lab state, URL, CLI). */
export interface QatTuning {
  epochs: number;
  /** Adam learning rate; fine-tuning wants a smaller step than training from scratch. */
  learningRate: number;
}

export const QAT_FIELDS: FieldGroup<QatTuning> = {
  epochs: {
    kind: 'integer',
    label: 'QAT epochs',
    help: 'quantization-aware fine-tuning epochs for mode qat',
    min: 1,
    max: 20,
    default: 1,
    cli: 'qat-epochs',
    url: 'qe',
  },
  learningRate: {
    kind: 'number',
    label: 'QAT learning rate',
    help: 'Adam step size while fine-tuning with fake quantization',
    min: 0,
    minExclusive: true,
    max: 1,
    step: 0.0001,
    default: 2e-4,
    cli: 'qat-learning-rate',
    url: 'qlr',
  },
};

export const DEFAULT_QAT_TUNING: QatTuning = defaultsOf(QAT_FIELDS);

/** Everything the QAT stage takes: data only. */
export interface QatSettings extends QatTuning {
  batchSize: number;
  /** Seeds the shuffle (a different stream from the float training's for the same seed). */
  seed: number;
  /** How many of the training images to use (the first N after a seeded shuffle). */
  trainLimit: number;
  /** EMA momentum of the activation ranges (default 0.99). */
  rangeMomentum?: number;
}

/** The QAT settings for a tuning under the float training's settings. */
export function qatSettingsFor(
  tuning: QatTuning,
  train: Pick<TrainSettings, 'batchSize' | 'seed' | 'trainLimit'>,
): QatSettings {
  return { ...tuning, batchSize: train.batchSize, seed: train.seed, trainLimit: train.trainLimit };
}

export const DEFAULT_QAT_SETTINGS: QatSettings = qatSettingsFor(DEFAULT_QAT_TUNING, defaultsOf(TRAIN_FIELDS));

/** Human-readable problems with QAT settings (empty when valid). */
export function validateQatSettings(s: QatSettings): string[] {
  const { batchSize, seed, trainLimit } = TRAIN_FIELDS;
  const problems = validateGroup<Omit<QatSettings, 'rangeMomentum'>>({ ...QAT_FIELDS, batchSize, seed, trainLimit }, s);
  const m = s.rangeMomentum ?? RANGE_MOMENTUM;
  if (!(m >= 0 && m < 1)) problems.push(`range momentum must be in [0, 1) (got ${m})`);
  return problems;
}
