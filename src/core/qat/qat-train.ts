/**
 * Quantization-aware training stage: trained float model -> fine-tuned float weights plus the int8
 * activation ranges learned alongside them. The forward pass fake-quantizes weights and activations
 * (see qat-forward.ts), so the optimizer adapts the weights to the int8 grid the exporter will use.
 * Runs on whatever tfjs backend is active; it never registers or selects one.
 */

import * as tf from '@tensorflow/tfjs-core';
// Registers the ops' gradient functions (importing tfjs-core/dist/register_all_gradients directly
// fails under Node's ESM resolver; tfjs-layers' bundles register them portably).
import '@tensorflow/tfjs-layers';
import type { MnistDataset, MnistSplit } from '../mnist/dataset';
import type { EpochMetrics, TrainedModel } from '../model/trained-model';
import type { CalibrationStats } from '../quant/calibrate';
import { DEFAULT_RECIPE } from '../quant/recipe';
import type { TrainerKind } from '../train/batch-trainer';
import { mulberry32, shuffleInPlace } from '../train/batches';
import { PeerStoppedError, type DataParallel } from '../train/data-parallel';
import { checkDivergence, LossWatch } from '../train/divergence';
import type { TrainProgress } from '../train/settings';
import { evaluateClassifier } from '../train/train';
import {
  buildQatNetwork,
  disposeQatNetwork,
  qatForward,
  qatWeightsOf,
  type QatNetwork,
  type QatWeightGranularity,
  type RangeTable,
} from './qat-forward';
import { validateQatSettings, type QatSettings } from './qat-settings';
import { architectureOf } from '../model/trained-model';
import type { ModelArchitecture } from '../model/architecture';
import { canTrainFused, type FusedKernels } from '../train/fused-cnn';
import { instantiateQatCnnKernel } from './qat-cnn-wasm';
import { fusedQatTrainer } from './qat-cnn-step';
import { tfjsQatTrainer } from './qat-tfjs-trainer';
import type { QatStepScore } from './qat-trainer';
import { RANGE_MOMENTUM } from './fake-quant';

declare const setTimeout: (callback: () => void, ms: number) => unknown;
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const REPORT_INTERVAL_MS = 100;

export interface QatOptions {
  /** Called per batch (throttled to about 10 per second) and after every epoch; epoch reports carry the int8-simulated test accuracy. */
  onProgress?: (p: TrainProgress) => void;
  /** Polled between batches; when true, QAT stops (see {@link QatResult.cancelled}). */
  shouldCancel?: () => boolean;
  /** Weight granularity, as in the export recipe (default: conv per channel, dense per tensor). */
  granularity?: QatWeightGranularity;
  /**
   * Run as one of two data-parallel replicas (as trainModel does; see data-parallel.ts): each takes
   * half of every batch; the activation ranges see the whole batch's [min, max] (exchanged at every
   * quantized point) and the gradients are combined, so the result equals one replica's up to float
   * rounding. Needs {@link qatShardable}. Rank 1 ignores onProgress and shouldCancel and skips the
   * test evaluation; its result is not meaningful.
   */
  dataParallel?: DataParallel;
  /**
   * Compiled training kernels (as trainModel takes them): when given, the tutorial CNN on the WASM or
   * CPU backend trains single-worker with the fused QAT step (qat-cnn-step.ts) instead of tf ops.
   */
  fusedKernels?: FusedKernels;
}

/** True when trainQat runs the fused QAT step: the fused float step's architecture and backends, one worker (QAT uses adam). */
export function canTrainQatFused(
  arch: Pick<ModelArchitecture, 'inputShape' | 'layers'>,
  backend: string,
  dataParallel: boolean,
): boolean {
  return !dataParallel && canTrainFused(arch, { optimizer: 'adam' }, backend, false);
}

/** True when every batch of a QAT run has at least two rows, so both data-parallel replicas get some. */
export function qatShardable(settings: Pick<QatSettings, 'batchSize' | 'trainLimit'>, trainCount: number): boolean {
  const n = Math.min(settings.trainLimit, trainCount);
  return settings.batchSize >= 2 && n >= 2 && n % settings.batchSize !== 1;
}

export interface QatEpochMetrics extends EpochMetrics {
  /** Test accuracy with fake quantization (ranges frozen): the int8 file's accuracy, simulated in float. */
  testAccuracy: number;
  /** Test accuracy of the same weights without any quantization. */
  floatTestAccuracy: number;
}

export interface QatResult {
  /**
   * Float weights after QAT (same preset, layouts and order as the input). `testAccuracy` is the plain
   * float accuracy of these weights; `history` is the original training's.
   */
  model: TrainedModel;
  /** Activation ranges for every activation tensor of modelToGraph(model): pass to quantizeGraph. */
  activationRanges: CalibrationStats;
  /** The tracked ranges of the quantized points (EMA and the extremes seen). */
  ranges: RangeTable;
  history: QatEpochMetrics[];
  /** Int8-simulated test accuracy after the last epoch (fake quant in tfjs). */
  simulatedTestAccuracy: number;
  granularity: QatWeightGranularity;
  settings: QatSettings;
  seconds: number;
  /**
   * True when shouldCancel stopped QAT: the state is that of the last completed epoch, or, when none
   * completed, of the batches done so far (weights and ranges stay a matching pair).
   */
  cancelled: boolean;
  /** Training images seen. */
  imagesSeen: number;
  /** Which per-batch step trained: 'fused-simd' (the fused QAT kernel) or 'tfjs' (tf ops on the active backend). */
  trainer: TrainerKind;
}

/**
 * Accuracy on a split with the QAT forward pass: `quantize` true simulates the int8 file (ranges
 * frozen, softmax output on its int8 grid), false runs the plain float model.
 */
export function evaluateQat(
  net: QatNetwork,
  split: MnistSplit,
  ranges: RangeTable,
  quantize: boolean,
): Promise<{ accuracy: number; predictions: Uint8Array }> {
  return evaluateClassifier(split, (x) => qatForward(net, x, { quantize, ranges, quantizeSoftmax: true }));
}

/**
 * Converts tracked ranges to calibration stats for quantizeGraph: every quantized point gets its EMA
 * range (rangeMin / rangeMax) and the extremes seen (min / max). The float graph's other activations
 * (pool, reshape, softmax) take their fixed or inherited params inside quantizeGraph and are not needed.
 * `method` is 'minmax' because CalibrationMethod has no moving-average entry; the ranges are not global extremes.
 */
export function rangesToStats(ranges: RangeTable, imagesSeen: number): CalibrationStats {
  const tensors: CalibrationStats['tensors'] = {};
  for (const [name, r] of Object.entries(ranges))
    tensors[name] = { min: r.seenMin, max: r.seenMax, rangeMin: r.min, rangeMax: r.max };
  return { method: 'minmax', count: imagesSeen, tensors };
}

const cloneRanges = (r: RangeTable): RangeTable => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v }]));

/**
 * Fine-tunes `trained` with fake quantization (adam, categorical cross-entropy on the softmax of the
 * fake-quantized logits). Test accuracy (int8-simulated and float) is measured on the whole test split
 * after each epoch. Throws TrainingDivergedError when the loss becomes NaN/Infinity or blows up.
 */
export async function trainQat(
  data: MnistDataset,
  trained: TrainedModel,
  settings: QatSettings,
  opts: QatOptions = {},
): Promise<QatResult> {
  const problems = validateQatSettings(settings);
  if (problems.length > 0) throw new Error(`Invalid QAT settings: ${problems.join('; ')}`);
  const parallel = opts.dataParallel;
  if (parallel && !qatShardable(settings, data.train.count))
    throw new Error('Data-parallel QAT needs at least two images in every batch');
  if (parallel?.rank === 1) opts = { ...opts, onProgress: undefined, shouldCancel: undefined };
  const granularity: QatWeightGranularity = opts.granularity ?? {
    perChannel: DEFAULT_RECIPE.perChannel,
    fcPerChannel: DEFAULT_RECIPE.fcPerChannel,
  };
  const kernel =
    opts.fusedKernels && canTrainQatFused(architectureOf(trained), tf.getBackend(), parallel != null)
      ? await instantiateQatCnnKernel(opts.fusedKernels.cnnTrain)
      : undefined;
  const net = buildQatNetwork(trained, granularity);
  const momentum = settings.rangeMomentum ?? RANGE_MOMENTUM;
  const trainer = kernel
    ? fusedQatTrainer(kernel, net, trained, granularity, settings.learningRate)
    : tfjsQatTrainer(net, settings.learningRate, parallel);
  try {
    const random = mulberry32((settings.seed ^ 0x0a7a7) >>> 0);
    const subset = shuffleInPlace(
      Uint32Array.from({ length: data.train.count }, (_, i) => i),
      random,
    ).subarray(0, Math.min(settings.trainLimit, data.train.count));
    const batchSize = settings.batchSize;
    const batchesPerEpoch = Math.ceil(subset.length / batchSize);
    const totalBatches = batchesPerEpoch * settings.epochs;
    const history: QatEpochMetrics[] = [];
    const watch = new LossWatch();
    const ranges: RangeTable = {};
    const start = Date.now();
    let lastReport = start;
    let batchesDone = 0;
    let imagesSeen = 0;
    const elapsed = () => (Date.now() - start) / 1000;
    const eta = () => (batchesDone === 0 ? NaN : (elapsed() / batchesDone) * (totalBatches - batchesDone));
    let snapshot = { weights: qatWeightsOf(net), ranges: cloneRanges(ranges), imagesSeen: 0 };

    const finish = async (cancelled: boolean): Promise<QatResult> => {
      let simulated = history.length > 0 ? history[history.length - 1].testAccuracy : NaN;
      let floatAccuracy = history.length > 0 ? history[history.length - 1].floatTestAccuracy : NaN;
      if (parallel?.rank !== 1 && history.length === 0 && Object.keys(snapshot.ranges).length > 0) {
        simulated = (await evaluateQat(net, data.test, snapshot.ranges, true)).accuracy;
        floatAccuracy = (await evaluateQat(net, data.test, snapshot.ranges, false)).accuracy;
      }
      return {
        model: { ...trained, weights: snapshot.weights, testAccuracy: floatAccuracy },
        activationRanges: rangesToStats(snapshot.ranges, snapshot.imagesSeen),
        ranges: snapshot.ranges,
        history,
        simulatedTestAccuracy: simulated,
        granularity,
        settings,
        seconds: elapsed(),
        cancelled,
        imagesSeen: snapshot.imagesSeen,
        trainer: trainer.kind,
      };
    };
    const cancelNow = () => {
      trainer.sync();
      if (history.length === 0) snapshot = { weights: qatWeightsOf(net), ranges: cloneRanges(ranges), imagesSeen };
      else
        tf.tidy(() =>
          net.variables.forEach((v, i) => v.assign(tf.tensor(snapshot.weights[i].values, snapshot.weights[i].shape))),
        );
      return finish(true); // callers await it inside the try, before the network is disposed
    };

    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      const epochStart = Date.now();
      shuffleInPlace(subset, random);
      let lossSum = 0;
      let correctSum = 0;
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        if (opts.shouldCancel?.()) return await cancelNow();
        const indices = subset.subarray(batch * batchSize, (batch + 1) * batchSize);
        let step: QatStepScore;
        try {
          step = await trainer.step(data.train, indices, ranges, momentum);
        } catch (e) {
          if (e instanceof PeerStoppedError && parallel?.rank === 1) return await finish(true);
          throw e;
        }
        const { loss, correct } = step;
        const problem = checkDivergence(watch, loss, {
          epoch,
          batch,
          learningRate: settings.learningRate,
          optimizer: 'adam',
        });
        if (problem) throw problem;
        lossSum += loss * indices.length;
        correctSum += correct;
        imagesSeen += indices.length;
        batchesDone++;
        const now = Date.now();
        if (now - lastReport >= REPORT_INTERVAL_MS) {
          lastReport = now;
          opts.onProgress?.({
            phase: 'batch',
            epoch,
            batch,
            batchesPerEpoch,
            epochs: settings.epochs,
            loss,
            accuracy: correct / indices.length,
            elapsedSeconds: elapsed(),
            etaSeconds: eta(),
          });
          await yieldToEventLoop();
        }
      }
      const epochTrainSeconds = (Date.now() - epochStart) / 1000;
      trainer.sync();
      if (opts.shouldCancel?.()) return await cancelNow();
      const evaluate = parallel?.rank !== 1;
      const testAccuracy = evaluate ? (await evaluateQat(net, data.test, ranges, true)).accuracy : NaN;
      const floatTestAccuracy = evaluate ? (await evaluateQat(net, data.test, ranges, false)).accuracy : NaN;
      const metrics: QatEpochMetrics = {
        epoch,
        loss: lossSum / subset.length,
        accuracy: correctSum / subset.length,
        testAccuracy,
        floatTestAccuracy,
        seconds: (Date.now() - epochStart) / 1000,
      };
      history.push(metrics);
      snapshot = { weights: qatWeightsOf(net), ranges: cloneRanges(ranges), imagesSeen };
      opts.onProgress?.({
        phase: 'epoch',
        epoch,
        batch: batchesPerEpoch - 1,
        batchesPerEpoch,
        epochs: settings.epochs,
        loss: metrics.loss,
        accuracy: metrics.accuracy,
        testAccuracy,
        elapsedSeconds: elapsed(),
        etaSeconds: eta(),
        epochTrainSeconds,
      });
      await yieldToEventLoop();
    }
    return await finish(false);
  } finally {
    parallel?.link.close();
    trainer.dispose();
    disposeQatNetwork(net);
  }
}
