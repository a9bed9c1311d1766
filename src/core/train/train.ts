import * as tf from '@tensorflow/tfjs-core';
import type { MnistDataset, MnistSplit } from '../mnist/dataset';
import { buildModel } from '../model/build-model';
import { describePreset, PRESETS } from '../model/presets';
import type { EpochMetrics, TrainedModel, WeightTensor } from '../model/trained-model';
import type { BatchTrainer } from './batch-trainer';
import { makeBatch, mulberry32, shuffleInPlace } from './batches';
import { instantiateCnnTrainKernel } from './cnn-train-kernel';
import { exchangeShards, packShard, PeerStoppedError, shardOf, type DataParallel } from './data-parallel';
import { checkDivergence, LossWatch } from './divergence';
import { scoreBatch } from './evaluate';
import { canTrainFused, fusedCnnTrainer, type FusedKernels } from './fused-cnn';
import { setWeights } from './model-weights';
import type { TrainProgress, TrainSettings } from './settings';
import { validateTrainSettings } from './settings';
import { tfjsTrainer } from './tfjs-trainer';
import type { TrainStepHook } from './train-hook';

// The core is type-checked against lib ES2022 only; timers exist in every realm it runs in.
declare const setTimeout: (callback: () => void, ms: number) => unknown;

/** Hands control back to the event loop so a worker can receive a cancel message. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** At most this often: batch progress reports and event-loop yields (milliseconds). */
const REPORT_INTERVAL_MS = 100;

/**
 * Softmax outputs of at most this many batches wait on the device before they are read back
 * together (and sooner when a progress report is due, and at the end of every epoch). On WebGPU a
 * read-back waits for the GPU queue to drain, so reading every batch would stall it each step; on
 * WASM/CPU the data is already in memory and deferring costs nothing. A diverging run is still
 * caught at the exact batch, at most this many batches later.
 */
const MAX_PENDING_BATCHES = 8;

export interface TrainOptions {
  /** Called per batch (throttled to about 10 per second, plus every epoch's last batch) and after every epoch. */
  onProgress?: (p: TrainProgress) => void;
  /** Polled between batches; when it returns true, training stops and restores the last epoch's weights. */
  shouldCancel?: () => boolean;
  /** Start from these weights (same order and shapes as {@link weightsOf}) instead of the seeded init. */
  initialWeights?: WeightTensor[];
  /** Recorded in the result; defaults to tf.getBackend(). The caller chooses and initialises the backend. */
  backendName?: string;
  /** Skip the per-epoch test evaluation (benchmarks only); test accuracies are then NaN. */
  skipTestEvaluation?: boolean;
  /** Constrains every optimizer step (pruning masks, shared cluster weights); see {@link TrainStepHook}. */
  stepHook?: TrainStepHook;
  /**
   * What a cancel keeps: the weights of the last completed epoch (default) or of the last completed
   * optimizer step (then re-evaluated on the test split), for fine-tuning runs where every step counts.
   */
  cancelKeeps?: 'epoch' | 'step';
  /**
   * Fixed loss the divergence check compares against (default: the first batches' mean). Fine-tuning
   * passes ln 10, so only a loss several times worse than guessing stops it.
   */
  divergenceReference?: number;
  /**
   * Train as one of two data-parallel replicas (see data-parallel.ts): this replica computes the
   * gradient of its half of every batch and combines it with the peer's before the step. Rank 0
   * reports progress, evaluates and decides when to stop; rank 1 ignores onProgress, shouldCancel
   * and the test evaluation, and returns (cancelled) when rank 0 stops early. Needs a backend whose
   * tensors live in CPU memory (WASM, CPU): gradients are read back synchronously every step.
   */
  dataParallel?: DataParallel;
  /**
   * Compiled training kernels (the caller reads or fetches them; the core only instantiates). When
   * given and the run fits the fused step (fused-cnn.ts: the tutorial CNN, adam or sgd, WASM or CPU,
   * no step hook), batches train on it instead of tfjs ops; the result's `trainer` says which ran.
   */
  fusedKernels?: FusedKernels;
}

export interface TrainResult {
  model: TrainedModel;
  /** True when shouldCancel stopped training; the weights are those of the last completed epoch (or the initial ones). */
  cancelled: boolean;
}

/**
 * Trains a preset on MNIST with a hand-written loop (no model.fit): seeded shuffle, batches of
 * [B, 28, 28, 1] pixels / 255, categorical cross-entropy on the softmax output, the chosen optimizer.
 * Test accuracy is measured on the whole test split after each epoch.
 * Throws {@link TrainingDivergedError} when the loss becomes NaN/Infinity or blows up.
 * Runs on whatever tfjs backend is active; it never registers or selects one.
 */
export async function trainModel(
  data: MnistDataset,
  settings: TrainSettings,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const problems = validateTrainSettings(settings);
  if (problems.length > 0) throw new Error(`Invalid training settings: ${problems.join('; ')}`);
  const parallel = opts.dataParallel;
  if (parallel?.rank === 1)
    opts = { ...opts, onProgress: undefined, shouldCancel: undefined, skipTestEvaluation: true, cancelKeeps: 'epoch' };
  const preset = PRESETS[settings.preset];
  const backend = opts.backendName ?? tf.getBackend();
  const model = buildModel(preset, settings.seed);
  let trainer: BatchTrainer | undefined;
  try {
    if (opts.initialWeights) setWeights(model, opts.initialWeights);
    trainer =
      opts.fusedKernels && canTrainFused(preset, settings, tf.getBackend(), opts.stepHook != null)
        ? fusedCnnTrainer(model, settings, await instantiateCnnTrainKernel(opts.fusedKernels.cnnTrain))
        : tfjsTrainer(model, settings, opts.stepHook);
    const run = trainer;
    let lastGood = await run.readWeights();

    const random = mulberry32(settings.seed);
    const subset = shuffleInPlace(
      Uint32Array.from({ length: data.train.count }, (_, i) => i),
      random,
    ).subarray(0, Math.min(settings.trainLimit, data.train.count));
    const batchSize = settings.batchSize;
    const batchesPerEpoch = Math.ceil(subset.length / batchSize);
    const totalBatches = batchesPerEpoch * settings.epochs;
    const history: EpochMetrics[] = [];
    const watch = new LossWatch(opts.divergenceReference);
    const start = Date.now();
    let lastReport = start;
    let batchesDone = 0;
    const elapsed = () => (Date.now() - start) / 1000;
    const eta = () => (batchesDone === 0 ? NaN : (elapsed() / batchesDone) * (totalBatches - batchesDone));

    let lastPredictions: Uint8Array | undefined;
    const finish = (cancelled: boolean, testAccuracy: number): TrainResult => ({
      cancelled,
      model: {
        preset: preset.id,
        dataset: settings.dataset,
        seed: settings.seed,
        weights: lastGood,
        history,
        testAccuracy,
        testPredictions: lastPredictions,
        params: describePreset(preset).params,
        trainSeconds: elapsed(),
        backend,
        trainer: run.kind,
      },
    });
    const cancelNow = async () => {
      if (opts.cancelKeeps === 'step') lastGood = await run.readWeights();
      else {
        run.setWeights(lastGood);
        if (history.length > 0) return finish(true, history[history.length - 1].testAccuracy);
      }
      const evaluation = opts.skipTestEvaluation ? undefined : await run.evaluate(data.test);
      lastPredictions = evaluation?.predictions;
      return finish(true, evaluation?.accuracy ?? NaN);
    };

    const pending: PendingBatch[] = [];
    try {
      for (let epoch = 0; epoch < settings.epochs; epoch++) {
        const epochStart = Date.now();
        shuffleInPlace(subset, random);
        let lossSum = 0;
        let correctSum = 0;
        let last = { loss: NaN, accuracy: NaN };
        for (let batch = 0; batch < batchesPerEpoch; batch++) {
          if (opts.shouldCancel?.()) return await cancelNow();
          const indices = subset.subarray(batch * batchSize, (batch + 1) * batchSize);
          const step = batchesDone;
          const divergenceContext = {
            epoch,
            batch,
            learningRate: settings.learningRate,
            optimizer: settings.optimizer,
          };
          if (parallel) {
            let combined: { loss: number; correct: number };
            try {
              combined = await trainShardStep(run, data.train, indices, step, parallel);
            } catch (e) {
              if (e instanceof PeerStoppedError && parallel.rank === 1) return finish(true, NaN);
              throw e;
            }
            const problem = checkDivergence(watch, combined.loss, divergenceContext);
            if (problem) throw problem;
            lossSum += combined.loss * indices.length;
            correctSum += combined.correct;
            last = { loss: combined.loss, accuracy: combined.correct / indices.length };
          } else {
            const b = makeBatch(data.train, indices);
            pending.push({ probs: run.step(b, step), labels: b.labels, batch });
          }
          batchesDone++;
          const now = Date.now();
          const lastOfEpoch = batch === batchesPerEpoch - 1;
          // The last batch is always reported: the test evaluation that follows can take a while on a slow backend.
          const reportDue = lastOfEpoch || now - lastReport >= REPORT_INTERVAL_MS;
          if (!reportDue && pending.length < MAX_PENDING_BATCHES) continue;
          // Read back every waiting batch in order, so the divergence check sees each batch's loss.
          for (const [p, values] of await readPending(pending)) {
            const { loss, correct } = scoreBatch(values, p.labels);
            const problem = checkDivergence(watch, loss, {
              epoch,
              batch: p.batch,
              learningRate: settings.learningRate,
              optimizer: settings.optimizer,
            });
            if (problem) throw problem;
            lossSum += loss * p.labels.length;
            correctSum += correct;
            last = { loss, accuracy: correct / p.labels.length };
          }
          if (reportDue) {
            lastReport = now;
            opts.onProgress?.({
              phase: 'batch',
              epoch,
              batch,
              batchesPerEpoch,
              epochs: settings.epochs,
              loss: last.loss,
              accuracy: last.accuracy,
              elapsedSeconds: elapsed(),
              etaSeconds: eta(),
            });
            await yieldToEventLoop();
          }
        }
        const epochTrainSeconds = (Date.now() - epochStart) / 1000;
        if (opts.shouldCancel?.()) return await cancelNow();
        const evaluation = opts.skipTestEvaluation ? undefined : await run.evaluate(data.test);
        const testAccuracy = evaluation?.accuracy ?? NaN;
        const metrics: EpochMetrics = {
          epoch,
          loss: lossSum / subset.length,
          accuracy: correctSum / subset.length,
          testAccuracy,
          seconds: (Date.now() - epochStart) / 1000,
        };
        history.push(metrics);
        lastGood = await run.readWeights();
        lastPredictions = evaluation?.predictions;
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
    } finally {
      for (const p of pending) if (p.probs instanceof tf.Tensor) p.probs.dispose();
      parallel?.link.close();
    }
    return finish(false, history[history.length - 1].testAccuracy);
  } finally {
    trainer?.dispose();
    model.dispose();
  }
}

/** A trained batch whose softmax output ([n, 10], maybe still on the device) has not been read back yet. */
interface PendingBatch {
  probs: tf.Tensor | Float32Array;
  /** [n] class labels of the batch. */
  labels: Uint8Array;
  batch: number;
}

/**
 * One data-parallel step: the gradient of this replica's half of the batch, exchanged with the
 * peer's and combined (same bits in both replicas), then the optimizer step on the combined
 * gradient. Returns the whole batch's mean loss and correct count.
 */
async function trainShardStep(
  trainer: BatchTrainer,
  split: MnistSplit,
  indices: Uint32Array,
  step: number,
  parallel: DataParallel,
): Promise<{ loss: number; correct: number }> {
  const { start, end } = shardOf(indices.length, parallel.rank);
  const rows = indices.subarray(start, end);
  const n = rows.length;
  let mine: Float32Array;
  if (n === 0)
    mine = packShard(
      trainer.sizes.map((size) => new Float32Array(size)),
      0,
      0,
      0,
    );
  else {
    const batch = makeBatch(split, rows);
    const { grads, probs } = trainer.gradients(batch);
    const { loss, correct } = scoreBatch(probs, batch.labels);
    mine = packShard(grads, n, loss * n, correct);
  }
  const combined = await exchangeShards(parallel, mine, trainer.sizes);
  trainer.apply(combined.grads, step);
  return { loss: combined.loss, correct: combined.correct };
}

/**
 * Reads back and disposes the softmax outputs of `pending` (which it empties), oldest first.
 * Always through the asynchronous `data()`: tfjs-backend-webgpu's synchronous read-back (`dataSync`)
 * goes through an OffscreenCanvas and returned all zeros in a worker on Chromium's SwiftShader
 * adapter, which made every batch's loss -ln(1e-7) = 16.1 and tripped the divergence check.
 */
async function readPending(pending: PendingBatch[]): Promise<[PendingBatch, Float32Array][]> {
  const batches = pending.splice(0, pending.length);
  try {
    const values = await Promise.all(
      batches.map((p) => (p.probs instanceof tf.Tensor ? (p.probs.data() as Promise<Float32Array>) : p.probs)),
    );
    return batches.map((p, i) => [p, values[i]]);
  } finally {
    for (const p of batches) if (p.probs instanceof tf.Tensor) p.probs.dispose();
  }
}

export { TrainingDivergedError } from './divergence';
export { categoricalCrossEntropy } from './cross-entropy';
export { evaluateClassifier, evaluateModel, scoreBatch } from './evaluate';
export { modelFromTrained, readWeights, weightsOf } from './model-weights';
export type { TrainStepHook } from './train-hook';
export type { TrainerKind } from './batch-trainer';
