import type * as tf from '@tensorflow/tfjs-core';
import type { MnistSplit } from '../mnist/dataset';
import type { TrainedModel, WeightTensor } from '../model/trained-model';
import type { Batch } from './batches';

/** Which implementation ran the training steps: tfjs ops on the tape, or the fused WASM SIMD step. */
export type TrainerKind = NonNullable<TrainedModel['trainer']>;

/**
 * The per-batch step of trainModel's one epoch loop, as two implementations: tfjs ops
 * (tfjs-trainer.ts, every architecture, every backend) and the fused step of the tutorial CNN
 * (fused-cnn.ts). The loop owns shuffling, progress, divergence, cancel and history.
 */
export interface BatchTrainer {
  readonly kind: TrainerKind;
  /** Element counts of the trainable weights, in {@link WeightTensor} order. */
  readonly sizes: number[];
  /**
   * One optimizer step on the batch (`step` counts from 0). Returns the batch's softmax rows
   * [n, 10]: a tensor still on the device (read back later, possibly batches later), or values.
   */
  step(batch: Batch, step: number): tf.Tensor | Float32Array;
  /** The gradient of the batch's mean loss (weight order) and its softmax rows [n, 10], without a step. */
  gradients(batch: Batch): { grads: Float32Array[]; probs: Float32Array };
  /** The optimizer step `step` from gradients in weight order (data-parallel training). */
  apply(grads: Float32Array[], step: number): void;
  /** The current weights as plain data (works on every backend). */
  readWeights(): Promise<WeightTensor[]>;
  /** Replaces the current weights. */
  setWeights(weights: WeightTensor[]): void;
  /** Classifies a whole split with the current weights (see evaluateModel). */
  evaluate(split: MnistSplit): Promise<{ accuracy: number; predictions: Uint8Array }>;
  dispose(): void;
}
