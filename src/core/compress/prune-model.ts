/**
 * The pruning stage: trained model -> fine-tuned model whose selected kernels are exactly zero at the
 * requested sparsity ("strip_pruning": the result is plain weights with zeros, no mask). Fine-tuning is
 * trainModel with a pruning hook; it runs on whatever tfjs backend is active.
 */
import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { isPresetId } from '../model/presets';
import type { TrainProgress, TrainSettings } from '../train/settings';
import { trainModel } from '../train/train';
import { UNIFORM_GUESS } from '../train/divergence';
import { CompressError } from './compress-problem';
import { compressibleWeights, validatePruneSettings, type PruneSettings } from './compress-settings';
import { sparsityOf } from './magnitude-mask';
import { makePruningHook } from './pruning-hook';
import type { PruningSchedule } from './pruning-schedule';

/** One point of the live chart: the schedule's sparsity now applied, and the latest batch's accuracy. */
export interface PruneProgress extends TrainProgress {
  /** 0-based optimizer steps done. */
  step: number;
  totalSteps: number;
  sparsity: number;
}

export interface PruneResult {
  model: TrainedModel;
  schedule: PruningSchedule;
  /** Measured fraction of zeros over the pruned kernels of the result. */
  sparsity: number;
  /** Names of the pruned kernels. */
  prunedWeights: string[];
  cancelled: boolean;
  seconds: number;
}

/**
 * The schedule TFMOT's notebook builds (begin step 0, end step = the run's steps), with the end step moved
 * back to the last mask update so the final mask has exactly the final sparsity, and the update interval
 * shortened when the run is shorter than four of them.
 */
export function scheduleFor(s: PruneSettings, totalSteps: number): PruningSchedule {
  const frequency = Math.max(1, Math.min(s.frequency, Math.floor((totalSteps - 1) / 4)));
  const endStep = Math.max(1, frequency * Math.floor((totalSteps - 1) / frequency));
  if (s.schedule === 'constant')
    return { kind: 'constant', targetSparsity: s.sparsity, beginStep: 0, endStep: -1, frequency };
  return {
    kind: 'polynomial',
    initialSparsity: s.initialSparsity,
    finalSparsity: s.sparsity,
    beginStep: 0,
    endStep,
    power: s.power,
    frequency,
  };
}

/** Prunes `trained` by magnitude while fine-tuning; throws a sentence for bad settings or a diverging run. */
export async function pruneModel(
  data: MnistDataset,
  trained: TrainedModel,
  settings: PruneSettings,
  opts: { onProgress?: (p: PruneProgress) => void; shouldCancel?: () => boolean; backendName?: string } = {},
): Promise<PruneResult> {
  const problems = validatePruneSettings(settings);
  if (problems.length > 0) throw new CompressError({ code: 'compress-invalid', stage: 'pruning', problems });
  const started = Date.now();
  const images = Math.min(settings.trainLimit, data.train.count);
  const totalSteps = Math.ceil(images / settings.batchSize) * settings.epochs;
  const schedule = scheduleFor(settings, totalSteps);
  const pruned = compressibleWeights(trained.weights, settings.layers);
  const hook = makePruningHook(schedule, pruned);
  try {
    const { model, cancelled } = await trainModel(data, fineTuneTrainSettings(trained, settings), {
      initialWeights: trained.weights,
      stepHook: hook,
      cancelKeeps: 'step',
      divergenceReference: UNIFORM_GUESS,
      shouldCancel: opts.shouldCancel,
      backendName: opts.backendName,
      onProgress: (p) =>
        opts.onProgress?.({
          ...p,
          step: p.epoch * p.batchesPerEpoch + p.batch,
          totalSteps,
          sparsity: hook.currentSparsity(),
        }),
    });
    const kernels = pruned.map((i) => model.weights[i]);
    const zeros = kernels.reduce((sum, w) => sum + sparsityOf(w.values) * w.values.length, 0);
    const total = kernels.reduce((sum, w) => sum + w.values.length, 0);
    return {
      model: { ...model, history: [...trained.history, ...model.history] },
      schedule,
      sparsity: total === 0 ? 0 : zeros / total,
      prunedWeights: kernels.map((w) => w.name),
      cancelled,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    hook.dispose();
  }
}

/** trainModel's settings for a fine-tuning run of `trained` (same preset and seed, adam). */
export function fineTuneTrainSettings(
  trained: TrainedModel,
  s: { epochs: number; batchSize: number; learningRate: number; trainLimit: number; seed: number },
): TrainSettings {
  const preset = trained.preset;
  if (!isPresetId(preset)) throw new CompressError({ code: 'compress-imported-model' });
  return {
    preset,
    dataset: trained.dataset ?? 'mnist',
    seed: s.seed,
    epochs: s.epochs,
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    optimizer: 'adam' as const,
    trainLimit: s.trainLimit,
    workers: 1,
  };
}
