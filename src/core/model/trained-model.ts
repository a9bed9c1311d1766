import type { DatasetId } from '../mnist/datasets';
import type { PresetId } from './presets';

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
 * `weights` follow the preset's layer order, kernel then bias for each layer that has weights.
 */
export interface TrainedModel {
  preset: PresetId;
  /** The dataset it was trained on; absent (models stored before datasets existed) means MNIST. */
  dataset?: DatasetId;
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
}
