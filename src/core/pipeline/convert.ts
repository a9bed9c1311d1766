/**
 * The conversion stages, shared by the CLI, the workers and the tests:
 * trained model -> graph -> calibration stats -> quantized graph -> .tflite bytes -> simulated evaluation.
 */
import { gatherImagesFloat, imagesToFloat, type MnistSplit } from '../mnist/dataset';
import type { ModelWeights } from '../model/trained-model';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import { runGraph } from '../graph/reference/run-graph';
import { argmaxRows } from '../eval/metrics';
import { quantizeModel, type AlgorithmReport } from '../quant/quantize-graph';
import type { AdaRoundOptions } from '../quant/algorithms/adaround';
import type { CalibrationStats } from '../quant/calibrate';
import type { QuantRecipe } from '../quant/recipe';
import { writeTflite } from '../tflite/write-tflite';
import { mulberry32, shuffleInPlace } from '../train/batches';

export interface ConvertedModel {
  recipe: QuantRecipe;
  graph: Graph;
  /** The .tflite file. */
  bytes: Uint8Array;
  stats?: CalibrationStats;
  /** The float graph actually quantized (after cross-layer equalization / bias correction, when the recipe asks). */
  prepared?: Graph;
  algorithms?: AlgorithmReport;
  /** Wall time of calibrate + quantize + write, seconds. */
  convertSeconds: number;
}

/**
 * The representative set: `count` training images drawn with a seeded shuffle, as floats in [0, 1],
 * [count, 28, 28, 1] flattened. A seeded draw (not the first N) avoids any ordering bias in the file.
 */
export function calibrationImages(train: MnistSplit, count: number, seed: number): Float32Array {
  const n = Math.min(count, train.count);
  const order = shuffleInPlace(
    Uint32Array.from({ length: train.count }, (_, i) => i),
    mulberry32(seed ^ 0x5eed),
  );
  return gatherImagesFloat(train, order.subarray(0, n));
}

/** Converts a trained model with one recipe into a .tflite file (calibrating when the mode needs it). */
export function convertModel(
  trained: ModelWeights,
  recipe: QuantRecipe,
  calibration: Float32Array,
  floatGraph = modelToGraph(trained),
  hooks: { adaround?: AdaRoundOptions } = {},
): ConvertedModel {
  const started = Date.now();
  const { graph, stats, prepared, algorithms } = quantizeModel(floatGraph, calibration, recipe, hooks);
  const bytes = writeTflite(graph);
  return { recipe, graph, bytes, stats, prepared, algorithms, convertSeconds: (Date.now() - started) / 1000 };
}

export interface SimulatedEvaluation {
  accuracy: number;
  /** Predicted class per test image. */
  predictions: Uint8Array;
  seconds: number;
  engine: string;
}

export const REFERENCE_ENGINE = 'lab reference interpreter (TypeScript, TFLite integer arithmetic)';

/** Runs a graph on a batch of images and returns its float outputs, [batch, 10] flattened. */
export type GraphRunner = (graph: Graph, input: Float32Array, batch: number) => Float32Array;

/** The plain TypeScript interpreter: the oracle every accelerated runner is tested against. */
export const referenceRunner: GraphRunner = (graph, input, batch) => runGraph(graph, input, batch).outputs;

/**
 * Predicts each mode's accuracy before the file is run: the graph is executed with TFLite's integer
 * arithmetic (int32 accumulators, fixed-point requantization) by `runner` (default: the reference
 * interpreter; the workers pass the tfjs twin from src/accel when a WASM or WebGPU backend is up).
 */
export function simulateModel(
  graph: Graph,
  test: MnistSplit,
  options: { limit?: number; chunk?: number; runner?: GraphRunner; engine?: string } = {},
): SimulatedEvaluation {
  const started = Date.now();
  const n = Math.min(options.limit ?? test.count, test.count);
  const chunk = options.chunk ?? 1000;
  const runner = options.runner ?? referenceRunner;
  const predictions = new Uint8Array(n);
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const pred = argmaxRows(runner(graph, imagesToFloat(test, start, m), m), 10);
    for (let i = 0; i < m; i++) {
      predictions[start + i] = pred[i];
      if (pred[i] === test.labels[start + i]) correct++;
    }
  }
  return {
    accuracy: correct / n,
    predictions,
    seconds: (Date.now() - started) / 1000,
    engine: options.engine ?? REFERENCE_ENGINE,
  };
}
