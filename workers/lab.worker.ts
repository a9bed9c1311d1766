/// <reference lib="webworker" />
/**
 * The lab worker: a thin comlink adapter over the core stages that need tfjs (training, TF.js
 * evaluation) plus quantization. The UI imports only its type (LabWorkerApi).
 */
import * as Comlink from 'comlink';
import type { PixelChoice } from '../src/core/import/raw-pixels';
import { keepErrorData } from '../src/bridge/coded-errors';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendPreference } from '../src/backends/select-backend';
import type { MnistDataset } from '../src/core/mnist/dataset';
import type { TrainedModel, WeightTensor } from '../src/core/model/trained-model';
import type { TrainProgress, TrainSettings } from '../src/core/train/settings';
import { trainModel } from '../src/core/train/train';
import { fetchDataset, type DownloadProgress } from '../src/data/fetch-dataset';
import { fetchFusedKernels } from '../src/data/fetch-kernels';
import type { FusedKernels } from '../src/core/train/fused-cnn';
import { portLink } from '../src/bridge/port-link';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { calibrationImages } from '../src/core/pipeline/convert';
import { convertMode, convertedQatMode, type ConvertedMode } from '../src/core/pipeline/measure-mode';
import { simulateModelAccelerated } from '../src/accel/simulate-model-tfjs';
import type { QuantRecipe } from '../src/core/quant/recipe';
import { runQat } from '../src/core/qat/qat-pipeline';
import { trainQat } from '../src/core/qat/qat-train';
import { importLabModel } from '../src/import/import-model';
import { openH5Browser } from '../src/import/h5-browser';
import type { ModelFileInput } from '../src/import/read-model-file';
import type { QatSettings } from '../src/core/qat/qat-settings';
import { layerErrors as computeLayerErrors } from '../src/core/debug/layer-errors';
import { imagesToFloat } from '../src/core/mnist/dataset';
import type { DatasetId } from '../src/core/mnist/datasets';
import { quantizeModel } from '../src/core/quant/quantize-graph';
import {
  mergeSeries,
  SWEEP_WEIGHT_BITS,
  sweepWeightBits,
  WEIGHT_GRANULARITIES,
  type BitsSeries,
} from '../src/core/quant/bits-sweep';
import type { GraphRunner } from '../src/core/pipeline/convert';
import { runGraphTfjs } from '../src/accel/simulate-tfjs';
import { compressModel, type CompressPlan } from '../src/core/compress/compress-model';
import type { CompressProgress } from '../src/core/compress/compress-progress';
import type { QuantMode } from '../src/core/modes/lab-modes';
import {
  runUnlabelledModes,
  type UnlabelledImages,
  type UnlabelledOutcome,
  type UnlabelledStep,
} from '../src/core/pipeline/unlabelled-modes';
import type { RecipeSettings } from '../src/core/quant/recipe';
import { unlabelledFloatPass } from '../src/accel/unlabelled-float-pass';
import { loadLiteRtFromUrl } from '../src/runtime/litert-browser';
import { clearRuntimeCache, runModeOutputs } from '../src/runtime/litert-eval';

let dataset: Promise<MnistDataset> | undefined;
let datasetId: DatasetId | undefined;
/** The app's base URL from the first loadData, so a stage can load the dataset its model was trained on. */
let dataBase: string | undefined;

async function switchBackend(names: string[]): Promise<void> {
  for (const name of names) if (await tf.setBackend(name).catch(() => false)) return;
  throw new Error(`none of the backends ${names.join(', ')} could be started`);
}
let cancelRequested = false;
/** The app's base URL from init (LiteRT.js is served under it). */
let appBase: string | undefined;
/** The fused training kernels, fetched from the app's origin on the first training. */
let fusedKernels: Promise<FusedKernels | undefined> | undefined;
function trainingKernels(): Promise<FusedKernels | undefined> {
  if (!appBase) return Promise.resolve(undefined);
  return (fusedKernels ??= fetchFusedKernels(appBase));
}
/** The link to the other training replica while a data-parallel training runs in this worker. */
let replicaLink: ReturnType<typeof portLink> | undefined;

function loadedData(): Promise<MnistDataset> {
  if (!dataset) throw new Error('the dataset is not loaded yet');
  return dataset;
}

/** The dataset `id` (absent: MNIST, as for models stored before datasets existed), loading it when another is held. */
async function dataFor(id: DatasetId = 'mnist'): Promise<MnistDataset> {
  if (datasetId === id && dataset) return dataset;
  if (!dataBase) throw new Error('the dataset is not loaded yet');
  await api.loadData(dataBase, undefined, id);
  return loadedData();
}

/** A converted mode crosses to the page with its bytes, predictions and weight copies transferred. */
function transferConverted(converted: ConvertedMode): ConvertedMode {
  return Comlink.transfer(converted, [
    converted.bytes.buffer as ArrayBuffer,
    converted.simulated.predictions.buffer as ArrayBuffer,
    ...converted.layers.flatMap((l) => [l.float.buffer as ArrayBuffer, l.quantized.buffer as ArrayBuffer]),
  ]);
}

function weightBuffers(model: TrainedModel): ArrayBuffer[] {
  return model.weights.map((w) => w.values.buffer as ArrayBuffer);
}

const api = {
  /** Picks and initialises the tfjs backend; `base` is the app's base URL (WASM is served from it). */
  async init(preference: BackendPreference, base: string) {
    appBase = base;
    return initBackend(preference, { wasmPath: new URL('wasm/tfjs/', base).href });
  },

  /** Downloads a dataset from the app's origin once; later calls for the same dataset reuse it. */
  async loadData(base: string, onProgress?: (p: DownloadProgress) => void, id: DatasetId = 'mnist') {
    if (datasetId !== id) dataset = undefined;
    datasetId = id;
    dataBase = base;
    dataset ??= fetchDataset(base, onProgress, id);
    try {
      const d = await dataset;
      return { train: d.train.count, test: d.test.count };
    } catch (e) {
      dataset = undefined;
      throw e;
    }
  },

  /**
   * Trains a model. With `replica` (one end of a MessageChannel whose other end went to another lab
   * worker's trainReplica), this worker is rank 0 of a two-way data-parallel training.
   */
  async train(
    settings: TrainSettings,
    onProgress: (p: TrainProgress) => void,
    initialWeights?: WeightTensor[],
    replica?: MessagePort,
  ) {
    const data = await dataFor(settings.dataset);
    cancelRequested = false;
    replicaLink = replica && portLink(replica);
    try {
      const result = await trainModel(data, settings, {
        onProgress,
        shouldCancel: () => cancelRequested,
        initialWeights,
        dataParallel: replicaLink && { rank: 0, link: replicaLink },
        fusedKernels: await trainingKernels(),
      });
      return Comlink.transfer(result, weightBuffers(result.model));
    } finally {
      replicaLink?.close();
      replicaLink = undefined;
    }
  },

  /**
   * The second replica of a data-parallel training (rank 1): the same settings and initial weights,
   * half of every batch. Returns when rank 0 finishes or stops; the result is rank 0's.
   */
  async trainReplica(settings: TrainSettings, port: MessagePort, initialWeights?: WeightTensor[]) {
    const data = await dataFor(settings.dataset);
    const link = (replicaLink = portLink(port));
    try {
      await trainModel(data, settings, {
        initialWeights,
        dataParallel: { rank: 1, link },
        fusedKernels: await trainingKernels(),
      });
    } finally {
      link.close();
      if (replicaLink === link) replicaLink = undefined;
    }
  },

  /** The second replica of a data-parallel QAT (rank 1), as trainReplica is for training. */
  async qatReplica(trained: TrainedModel, settings: QatSettings, port: MessagePort) {
    const data = await dataFor(trained.dataset);
    const link = (replicaLink = portLink(port));
    try {
      await trainQat(data, trained, settings, { dataParallel: { rank: 1, link } });
    } finally {
      link.close();
      if (replicaLink === link) replicaLink = undefined;
    }
  },

  /** Told by the bridge when the other replica's worker failed or stopped: this replica's run stops with `reason`. */
  replicaFailed(reason: string) {
    replicaLink?.fail(reason);
  },

  /** The active tfjs backend. */
  backendName() {
    return tf.getBackend();
  },

  /**
   * Converts the trained model with one recipe: calibrate (on a seeded draw of training images),
   * quantize, write the .tflite, and simulate its accuracy on all test images.
   */
  async convert(trained: TrainedModel, recipe: QuantRecipe) {
    return transferConverted(convertMode(trained, recipe, await dataFor(trained.dataset), simulateModelAccelerated));
  },

  /**
   * Quantization-aware training from the trained model, then full-int8 export with the learned
   * ranges, simulated like every other mode. Cancel with cancelTraining (keeps the last epoch).
   */
  async qat(
    trained: TrainedModel,
    settings: QatSettings,
    onProgress: (p: TrainProgress) => void,
    replica?: MessagePort,
  ) {
    const data = await dataFor(trained.dataset);
    cancelRequested = false;
    replicaLink = replica && portLink(replica);
    // QAT's range tracking reads tensors synchronously, which WebGPU cannot do reliably in a worker:
    // run it on WASM (or CPU) and switch back afterwards.
    const previous = tf.getBackend();
    if (previous === 'webgpu') await switchBackend(['wasm', 'cpu']);
    const run = await runQat(data, trained, settings, {
      onProgress,
      shouldCancel: () => cancelRequested,
      dataParallel: replicaLink && { rank: 0, link: replicaLink },
      fusedKernels: await trainingKernels(),
    }).finally(async () => {
      replicaLink?.close();
      replicaLink = undefined;
      if (previous === 'webgpu') await switchBackend(['webgpu']);
    });
    return transferConverted(convertedQatMode(trained, run, data, simulateModelAccelerated));
  },

  /**
   * Imports a model from the user's files (Keras .h5 / .keras, or TF.js model.json with its .bin
   * shards) and scores it in TF.js on the test split: it becomes the lab's model. Throws a
   * ModelImportError whose message is one sentence when a file cannot be used. `pixels`: how an
   * MNIST-shaped model reads pixels (src/core/import/raw-pixels.ts).
   */
  async importModel(files: ModelFileInput[], pixels: PixelChoice = 'auto') {
    const data = await loadedData();
    const { model, notes } = await importLabModel(files, openH5Browser, data.test, tf.getBackend(), pixels);
    return Comlink.transfer({ model, notes }, weightBuffers(model));
  },

  /**
   * Prunes and/or clusters the trained model (src/core/compress); the result is the lab's new model.
   * Cancel with cancelTraining: it keeps the last completed step.
   */
  async compress(trained: TrainedModel, plan: CompressPlan, onProgress: (p: CompressProgress) => void) {
    cancelRequested = false;
    const result = await compressModel(await dataFor(trained.dataset), trained, plan, {
      onPruneProgress: (p) => onProgress({ stage: 'prune', ...p }),
      onClusterProgress: (p) => onProgress({ stage: 'cluster', ...p }),
      shouldCancel: () => cancelRequested,
    });
    return Comlink.transfer(result, weightBuffers(result.model));
  },

  /** The test split's pixels and labels (copies) of `id` (default: the one held), for the runtime worker and the confusion views. */
  async testSet(id?: DatasetId) {
    const { test } = await (id ? dataFor(id) : loadedData());
    const images = test.images.slice();
    const labels = test.labels.slice();
    return Comlink.transfer({ images, labels }, [images.buffer, labels.buffer]);
  },

  /**
   * Per-layer quantization debugger (TF QuantizationDebugger): quantizes with `recipe` (calibrated as
   * `convert` does) and compares every op with the float model on the first `samples` test images
   * (clamped to 1..500).
   */
  async layerErrors(trained: TrainedModel, recipe: QuantRecipe, samples = 200) {
    const data = await dataFor(trained.dataset);
    const floatGraph = modelToGraph(trained);
    const { graph } = quantizeModel(
      floatGraph,
      calibrationImages(data.train, recipe.calibrationSamples, trained.seed),
      recipe,
    );
    const n = Math.max(1, Math.min(500, Math.round(samples), data.test.count));
    return computeLayerErrors(floatGraph, graph, imagesToFloat(data.test, 0, n), n);
  },

  /**
   * The bit-width explorer (src/core/quant/bits-sweep.ts): simulated accuracy against weight bits, per-channel and
   * per-tensor, on the first `testLimit` test images. Cancel with cancelTraining (keeps the points measured).
   */
  async bitsSweep(
    trained: TrainedModel,
    options: { activationBits: 8 | 16; testLimit: number; recipe: Partial<QuantRecipe> },
    onProgress: (p: { done: number; total: number; series: BitsSeries[] }) => void,
  ) {
    const data = await dataFor(trained.dataset);
    cancelRequested = false;
    const runner: GraphRunner | undefined =
      tf.getBackend() === 'wasm' ? (g, input, batch) => runGraphTfjs(g, input, batch).outputs : undefined;
    const total = SWEEP_WEIGHT_BITS.length * WEIGHT_GRANULARITIES.length;
    let series: BitsSeries[] = [];
    // One bit-width at a time, yielding in between, so that cancelTraining is heard between points.
    for (const bits of SWEEP_WEIGHT_BITS) {
      if (cancelRequested) break;
      const point = sweepWeightBits(trained, data, { ...options, bits: [bits], runner });
      series = mergeSeries(series, point);
      onProgress({ done: series[0].points.length * series.length, total, series });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return { series, cancelled: cancelRequested };
  },

  /**
   * Every mode in `modes` of a model whose input is not MNIST, calibrated on the user's
   * images: the float reference and the min/max ranges from one streamed tfjs pass (unlabelledFloatPass), each
   * file run in LiteRT.js (loaded in this worker; a slow mode on a subset) and scored by agreement with the float model. Each mode's outcome goes to `onOutcome` as
   * it is done (its file transferred). Cancel with cancelTraining (stops between modes) or by aborting.
   */
  async quantizeUnlabelled(
    model: TrainedModel,
    images: UnlabelledImages,
    modes: QuantMode[],
    recipe: RecipeSettings,
    onStep: (s: UnlabelledStep) => void,
    onOutcome: (o: UnlabelledOutcome) => void,
  ) {
    cancelRequested = false;
    if (!appBase) throw new Error('the lab worker is not started yet');
    await loadLiteRtFromUrl(new URL('wasm/litert/', appBase).href, { threads: true });
    // One streamed pass of the float graph: the reference and the ranges every calibrating mode shares.
    await onStep({ stage: 'reference', done: 0, total: images.count });
    const pass = unlabelledFloatPass(model, images, recipe, (done, total) =>
      onStep({ stage: 'reference', done, total }),
    );
    // The threaded build where the page can run it; each file on the threads its kernels gain from.
    const run = async (bytes: Uint8Array, inputs: Float32Array, count: number, mode: QuantMode) => {
      try {
        return await runModeOutputs(bytes, inputs, count, mode);
      } finally {
        await clearRuntimeCache();
      }
    };
    const hooks = {
      calibrate: pass.calibrate,
      onStep: (mode: QuantMode, stage: 'convert' | 'run', index: number, total: number, count?: number) =>
        onStep({ stage, mode, index, total, ...(count !== undefined && { images: count }) }),
      shouldCancel: () => cancelRequested,
    };
    for await (const outcome of runUnlabelledModes(model, images, pass.reference, modes, recipe, run, hooks))
      await onOutcome('bytes' in outcome ? Comlink.transfer(outcome, [outcome.bytes.buffer as ArrayBuffer]) : outcome);
    return { cancelled: cancelRequested };
  },

  /** Asks a running training to stop after the current batch; it keeps the last completed epoch. */
  cancelTraining() {
    cancelRequested = true;
  },
};

export type LabWorkerApi = typeof api;
keepErrorData();
Comlink.expose(api);
