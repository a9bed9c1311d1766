/**
 * The pruning wrapper of TFMOT's `prune_low_magnitude`, as a {@link TrainStepHook}: on every pruning step of
 * the schedule the mask of each pruned kernel is recomputed from the weights' magnitudes; gradients of pruned
 * weights are zeroed (so Adam's moments do not build up behind the mask) and the mask is re-applied after
 * every optimizer step (so momentum from before a weight was pruned cannot revive it). Masks stay on the device.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainStepHook } from '../train/train';
import { isPruningStep, scheduledSparsity, type PruningSchedule } from './pruning-schedule';

export interface PruningHook extends TrainStepHook {
  /** Sparsity of the masks now applied (fraction of zeros over all pruned kernels). */
  currentSparsity(): number;
  /** Step of the latest mask update (-1 before the first). */
  lastUpdateStep(): number;
  /** Frees the masks. */
  dispose(): void;
}

/** On-device twin of magnitudeMask: ones at the top-k |values| (ties to the lower index), zeros elsewhere. */
export function magnitudeMaskTensor(values: tf.Tensor, sparsity: number): tf.Tensor {
  return tf.tidy(() => {
    const n = values.size;
    const keep = Math.round(n * (1 - sparsity));
    if (keep >= n) return tf.onesLike(values);
    if (keep <= 0) return tf.zerosLike(values);
    const { indices } = tf.topk(tf.abs(tf.reshape(values, [n])), keep);
    return tf.reshape(tf.scatterND(tf.reshape(indices, [keep, 1]), tf.ones([keep]), [n]), values.shape);
  });
}

/** A pruning hook for the variables at `pruned` (indices into the trainable weights). */
export function makePruningHook(schedule: PruningSchedule, pruned: number[]): PruningHook {
  const masks = new Map<number, tf.Tensor>();
  let sparsity = 0;
  let updated = -1;
  const update = (variables: tf.Variable[], step: number) => {
    const target = scheduledSparsity(schedule, step);
    let zeros = 0;
    let total = 0;
    for (const i of pruned) {
      const mask = tf.keep(magnitudeMaskTensor(variables[i], target));
      masks.get(i)?.dispose();
      masks.set(i, mask);
      total += mask.size;
      zeros += mask.size - Math.round(mask.size * (1 - target));
    }
    sparsity = total === 0 ? 0 : zeros / total;
    updated = step;
  };
  const apply = (variables: tf.Variable[]) => {
    for (const [i, mask] of masks) variables[i].assign(tf.mul(variables[i], mask));
  };
  return {
    afterStep(variables, step) {
      if (isPruningStep(schedule, step)) update(variables, step);
      apply(variables);
    },
    transformGradients(grads) {
      return grads.map((g, i) => {
        const mask = masks.get(i);
        return mask ? tf.mul(g, mask) : g;
      });
    },
    currentSparsity: () => sparsity,
    lastUpdateStep: () => updated,
    dispose() {
      for (const m of masks.values()) m.dispose();
      masks.clear();
    },
  };
}
