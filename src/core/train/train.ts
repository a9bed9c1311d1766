import * as tf from '@tensorflow/tfjs-core';
// Gradient functions are registered by tfjs-layers, which build-model imports.
import type * as tfl from '@tensorflow/tfjs-layers';
import { MNIST_CLASSES, type MnistDataset, type MnistSplit } from '../mnist/dataset';
import { buildModel } from '../model/build-model';
import { describePreset, PRESETS } from '../model/presets';
import { architectureOf, type EpochMetrics, type TrainedModel, type WeightTensor } from '../model/trained-model';
import { makeBatch, mulberry32, shuffleInPlace } from './batches';
import { exchangeShards, packShard, PeerStoppedError, shardOf, type DataParallel } from './data-parallel';
import { categoricalCrossEntropy, EPSILON } from './cross-entropy';
import { checkDivergence, LossWatch } from './divergence';
import { FusedAdam, hasFusedAdam } from './fused-adam';
import type { TrainProgress, TrainSettings } from './settings';
import { validateTrainSettings } from './settings';

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
}

/**
 * A weight constraint applied around every optimizer step. `variables` are the model's trainable
 * weights, in the order of {@link TrainedModel.weights}. Both run inside the step's tf.tidy.
 */
export interface TrainStepHook {
  /** Before the first step: e.g. apply a mask or snap weights to their clusters. `step` is 0. */
  beforeTraining?(variables: tf.Variable[]): void;
  /** Replaces the gradients the optimizer sees (same order and shapes); `step` counts from 0. */
  transformGradients?(grads: tf.Tensor[], step: number): tf.Tensor[];
  /** After the optimizer step `step` (0-based): e.g. update and re-apply a mask. */
  afterStep?(variables: tf.Variable[], step: number): void;
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
  const optimizer = makeOptimizer(settings);
  try {
    if (opts.initialWeights) setWeights(model, opts.initialWeights);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    if (opts.stepHook?.beforeTraining) tf.tidy(() => opts.stepHook!.beforeTraining!(variables));
    let lastGood = await readWeights(model);

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
      },
    });
    const cancelNow = async () => {
      if (opts.cancelKeeps === 'step') lastGood = await readWeights(model);
      else {
        setWeights(model, lastGood);
        if (history.length > 0) return finish(true, history[history.length - 1].testAccuracy);
      }
      const evaluation = opts.skipTestEvaluation ? undefined : await evaluateModel(model, data.test);
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
              combined = await trainShardStep(
                model,
                optimizer,
                variables,
                data.train,
                indices,
                opts.stepHook,
                step,
                parallel,
              );
            } catch (e) {
              if (e instanceof PeerStoppedError && parallel.rank === 1) return finish(true, NaN);
              throw e;
            }
            const problem = checkDivergence(watch, combined.loss, divergenceContext);
            if (problem) throw problem;
            lossSum += combined.loss * indices.length;
            correctSum += combined.correct;
            last = { loss: combined.loss, accuracy: combined.correct / indices.length };
          } else
            pending.push({
              ...trainBatch(model, optimizer, variables, data.train, indices, opts.stepHook, step),
              batch,
            });
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
        const evaluation = opts.skipTestEvaluation ? undefined : await evaluateModel(model, data.test);
        const testAccuracy = evaluation?.accuracy ?? NaN;
        const metrics: EpochMetrics = {
          epoch,
          loss: lossSum / subset.length,
          accuracy: correctSum / subset.length,
          testAccuracy,
          seconds: (Date.now() - epochStart) / 1000,
        };
        history.push(metrics);
        lastGood = await readWeights(model);
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
      tf.dispose(pending.map((p) => p.probs));
      parallel?.link.close();
    }
    return finish(false, history[history.length - 1].testAccuracy);
  } finally {
    optimizer.optimizer.dispose();
    model.dispose();
  }
}

/** A trained batch whose softmax output ([n, 10], kept on the device) has not been read back yet. */
interface PendingBatch {
  probs: tf.Tensor;
  /** [n] class labels of the batch. */
  labels: Uint8Array;
  batch: number;
}

/**
 * One optimizer step. Returns the batch's softmax output without reading it: the caller reads it
 * back (asynchronously, possibly several batches later) and computes loss and accuracy in JS,
 * which is cheaper than extra reduction ops (320 floats for a batch of 32).
 */
function trainBatch(
  model: tfl.LayersModel,
  optimizer: Optimizer,
  variables: tf.Variable[],
  split: MnistSplit,
  indices: Uint32Array,
  hook: TrainStepHook | undefined,
  step: number,
): { probs: tf.Tensor; labels: Uint8Array } {
  const { images, oneHot, labels } = makeBatch(split, indices);
  let probs: tf.Tensor | undefined;
  const n = indices.length;
  const x = tf.tensor4d(images, [n, split.rows, split.cols, 1]);
  const y = tf.tensor2d(oneHot, [n, MNIST_CLASSES]);
  try {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const p = model.apply(x, { training: true }) as tf.Tensor;
        probs = tf.keep(p);
        return categoricalCrossEntropy(p, y);
      }, variables);
      let ordered = variables.map((v) => grads[v.name]);
      if (hook?.transformGradients) ordered = hook.transformGradients(ordered, step);
      applyStep(optimizer, variables, ordered);
      hook?.afterStep?.(variables, step);
      value.dispose();
    });
  } catch (e) {
    probs?.dispose();
    throw e;
  } finally {
    x.dispose();
    y.dispose();
  }
  return { probs: probs!, labels };
}

/**
 * One data-parallel step: the gradient of this replica's half of the batch, exchanged with the
 * peer's and combined (same bits in both replicas), then the optimizer step on the combined
 * gradient. Returns the whole batch's mean loss and correct count.
 */
async function trainShardStep(
  model: tfl.LayersModel,
  optimizer: Optimizer,
  variables: tf.Variable[],
  split: MnistSplit,
  indices: Uint32Array,
  hook: TrainStepHook | undefined,
  step: number,
  parallel: DataParallel,
): Promise<{ loss: number; correct: number }> {
  const { start, end } = shardOf(indices.length, parallel.rank);
  const rows = indices.subarray(start, end);
  const { images, oneHot, labels } = makeBatch(split, rows);
  const n = rows.length;
  let mine: Float32Array;
  if (n === 0)
    mine = packShard(
      variables.map((v) => new Float32Array(v.size)),
      0,
      0,
      0,
    );
  else {
    const x = tf.tensor4d(images, [n, split.rows, split.cols, 1]);
    const y = tf.tensor2d(oneHot, [n, MNIST_CLASSES]);
    try {
      mine = tf.tidy(() => {
        let probs: tf.Tensor | undefined;
        const { value, grads } = tf.variableGrads(() => {
          const p = model.apply(x, { training: true }) as tf.Tensor;
          probs = tf.keep(p);
          return categoricalCrossEntropy(p, y);
        }, variables);
        value.dispose();
        const { loss, correct } = scoreBatch(probs!.dataSync() as Float32Array, labels);
        probs!.dispose();
        return packShard(
          variables.map((v) => grads[v.name].dataSync() as Float32Array),
          n,
          loss * n,
          correct,
        );
      });
    } finally {
      x.dispose();
      y.dispose();
    }
  }
  const combined = await exchangeShards(
    parallel,
    mine,
    variables.map((v) => v.size),
  );
  tf.tidy(() => {
    let ordered: tf.Tensor[] = combined.grads.map((g, i) => tf.tensor(g, variables[i].shape));
    if (hook?.transformGradients) ordered = hook.transformGradients(ordered, step);
    applyStep(optimizer, variables, ordered);
    hook?.afterStep?.(variables, step);
  });
  return { loss: combined.loss, correct: combined.correct };
}

function applyStep(optimizer: Optimizer, variables: tf.Variable[], ordered: tf.Tensor[]) {
  if (optimizer.kind === 'fused') optimizer.optimizer.applyGradients(variables, ordered);
  else optimizer.optimizer.applyGradients(Object.fromEntries(variables.map((v, i) => [v.name, ordered[i]])));
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
    const values = await Promise.all(batches.map((p) => p.probs.data() as Promise<Float32Array>));
    return batches.map((p, i) => [p, values[i]]);
  } finally {
    tf.dispose(batches.map((p) => p.probs));
  }
}

/**
 * Mean clipped cross-entropy (NaN when a true-class output is NaN) and number of correct argmax
 * predictions of softmax rows [n, 10]. QAT scores its batches with it too.
 */
export function scoreBatch(values: Float32Array, labels: Uint8Array): { loss: number; correct: number } {
  const n = labels.length;
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = values.subarray(i * MNIST_CLASSES, (i + 1) * MNIST_CLASSES);
    const pTrue = Math.min(Math.max(row[labels[i]], EPSILON), 1 - EPSILON);
    loss -= Math.log(pTrue);
    if (argMax(row) === labels[i]) correct++;
  }
  return { loss: loss / n, correct };
}

function argMax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}

/** Either a tfjs optimizer or the fused Adam (when the backend has its kernel). */
type Optimizer = { kind: 'tfjs'; optimizer: tf.Optimizer } | { kind: 'fused'; optimizer: FusedAdam };

function makeOptimizer(s: TrainSettings): Optimizer {
  if (s.optimizer === 'adam' && hasFusedAdam()) return { kind: 'fused', optimizer: new FusedAdam(s.learningRate) };
  return { kind: 'tfjs', optimizer: makeTfjsOptimizer(s) };
}

function makeTfjsOptimizer(s: TrainSettings): tf.Optimizer {
  switch (s.optimizer) {
    case 'adam':
      return tf.train.adam(s.learningRate);
    case 'sgd':
      return tf.train.sgd(s.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(s.learningRate);
  }
}

/** Images evaluated per predict call: large enough to amortise dispatch, small enough for memory. */
const EVAL_BATCH = 1000;

/**
 * Runs the model over a whole split. `predictions` holds the predicted class of every example
 * ([count], 0..9); `accuracy` is the fraction equal to the labels. Reads back asynchronously, so it
 * works on every backend (see {@link readPending}).
 */
export function evaluateModel(
  model: tfl.LayersModel,
  split: MnistSplit,
): Promise<{ accuracy: number; predictions: Uint8Array }> {
  return evaluateClassifier(split, (x) => model.predict(x) as tf.Tensor);
}

/**
 * Classifies a whole split in batches with `forward` ([n, 28, 28, 1] pixels / 255 -> [n, 10] scores),
 * reading results back asynchronously (works on every backend). Shared by training and QAT.
 */
export async function evaluateClassifier(
  split: MnistSplit,
  forward: (x: tf.Tensor4D) => tf.Tensor,
): Promise<{ accuracy: number; predictions: Uint8Array }> {
  const predictions = new Uint8Array(split.count);
  let correct = 0;
  for (let start = 0; start < split.count; start += EVAL_BATCH) {
    const n = Math.min(EVAL_BATCH, split.count - start);
    const indices = Uint32Array.from({ length: n }, (_, i) => start + i);
    const classes = tf.tidy(() =>
      tf.argMax(forward(tf.tensor4d(makeBatch(split, indices).images, [n, split.rows, split.cols, 1])), -1),
    );
    let values: ArrayLike<number>;
    try {
      values = await classes.data();
    } finally {
      classes.dispose();
    }
    for (let i = 0; i < n; i++) {
      predictions[start + i] = values[i];
      if (values[i] === split.labels[start + i]) correct++;
    }
  }
  return { accuracy: split.count === 0 ? 0 : correct / split.count, predictions };
}

/**
 * Copies a model's weights out as plain data: layer order, kernel then bias, TF.js layouts (HWIO kernels).
 * Reads back asynchronously, so it works on every backend; training uses this one.
 */
export async function readWeights(model: tfl.LayersModel): Promise<WeightTensor[]> {
  const values = await Promise.all(model.weights.map((w) => w.read().data() as Promise<Float32Array>));
  return model.weights.map((w, i) => ({
    name: w.originalName,
    shape: w.shape.map((d) => d ?? 0),
    values: Float32Array.from(values[i]),
  }));
}

/**
 * {@link readWeights} through the synchronous `dataSync()`: for backends whose data lives in CPU
 * memory (CPU, WASM). Not for WebGPU, whose synchronous read-back can return zeros.
 */
export function weightsOf(model: tfl.LayersModel): WeightTensor[] {
  return model.weights.map((w) => ({
    name: w.originalName,
    shape: w.shape.map((d) => d ?? 0),
    values: Float32Array.from(w.read().dataSync() as Float32Array),
  }));
}

/** Rebuilds a TF.js model from the plain trained-model stage output (caller disposes it). */
export function modelFromTrained(
  trained: Pick<TrainedModel, 'preset' | 'seed' | 'weights' | 'architecture'>,
): tfl.LayersModel {
  const model = buildModel(architectureOf(trained), trained.seed);
  try {
    setWeights(model, trained.weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

function setWeights(model: tfl.LayersModel, weights: WeightTensor[]) {
  const vars = model.weights;
  if (vars.length !== weights.length) {
    throw new Error(`Expected ${vars.length} weight arrays for ${model.name}, got ${weights.length}`);
  }
  vars.forEach((v, i) => {
    const same = v.shape.length === weights[i].shape.length && v.shape.every((d, k) => d === weights[i].shape[k]);
    if (!same)
      throw new Error(
        `Weight ${v.originalName} has shape [${v.shape}], got [${weights[i].shape}] (${weights[i].name})`,
      );
  });
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
export { TrainingDivergedError } from './divergence';
export { categoricalCrossEntropy } from './cross-entropy';
