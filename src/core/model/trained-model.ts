import type { CompressionRecipe } from '../compress/compression-recipe';
import type { DatasetId } from '../mnist/datasets';
import type { ModelArchitecture, ModelSource } from './architecture';
import { PRESETS, isPresetId, type PresetId } from './presets';

/** A preset id, or "imported" for a model brought from a file (its architecture travels with it). */
export type ModelId = PresetId | 'imported';

/** One weight array in TF.js layout: conv2d kernel HWIO [kh, kw, in, out], depthwise [kh, kw, in, mult], dense [in, out], bias [out]. */
export interface WeightTensor {
  /** TF.js variable name, e.g. "conv2d_0/kernel". */
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface EpochMetrics {
  epoch: number;
  loss: number;
  accuracy: number;
  /** Accuracy on all 10,000 test images after this epoch. */
  testAccuracy: number;
  seconds: number;
}

/**
 * The "trained model" stage output: plain data (transferable, storable in IndexedDB).
 * `weights` follow the architecture's layer order, kernel then bias for each layer that has weights.
 */
export interface TrainedModel {
  preset: ModelId;
  /** The dataset it was trained on; absent (models stored before datasets existed) means MNIST. */
  dataset?: DatasetId;
  /** The layer graph; absent for models stored before architectures were data (then PRESETS[preset]). */
  architecture?: ModelArchitecture;
  /** Set when the model was imported from a file. */
  source?: ModelSource;
  seed: number;
  weights: WeightTensor[];
  history: EpochMetrics[];
  /** Fraction of the 10,000 test images classified correctly by the TF.js model. */
  testAccuracy: number;
  /** The TF.js model's predicted class for each test image (absent when test evaluation was skipped). */
  testPredictions?: Uint8Array;
  params: number;
  trainSeconds: number;
  /** tfjs backend that trained it ("wasm", "webgpu", "cpu"). */
  backend: string;
  /**
   * What ran the training steps: 'fused-simd' (the WASM SIMD step of src/core/train/fused-cnn.ts) or 'tfjs'
   * (tfjs ops); absent for models trained before it was recorded, and for imported ones.
   */
  trainer?: 'tfjs' | 'fused-simd';
  /** Set when the weights were pruned and/or clustered after training (see src/core/compress). */
  compression?: CompressionRecipe;
}

/** The parts of a model that define its function: what the graph, QAT and TF.js builders read. */
export type ModelWeights = Pick<TrainedModel, 'preset' | 'weights' | 'architecture'>;

/** The model's architecture: its own, or its preset's. */
export function architectureOf(model: Pick<TrainedModel, 'preset' | 'architecture'>): ModelArchitecture {
  if (model.architecture) return model.architecture;
  if (isPresetId(model.preset)) return PRESETS[model.preset];
  throw new Error(`model "${model.preset}" carries no architecture`);
}
