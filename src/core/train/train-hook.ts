import type * as tf from '@tensorflow/tfjs-core';

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
