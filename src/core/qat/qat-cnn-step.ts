import * as tf from '@tensorflow/tfjs-core';
import type { TrainedModel } from '../model/trained-model';
import { makeBatch } from '../train/batches';
import { scoreBatch } from '../train/train';
import { adamAttrs } from '../train/fused-adam';
import { activationQuant, updateMovingRange, type ActivationQuant } from './fake-quant';
import type { QatCnnKernel } from './qat-cnn-kernel';
import type { QatNetwork, QatWeightGranularity, RangeTable } from './qat-forward';
import type { QatTrainer } from './qat-trainer';

/**
 * The fused QAT step of the tutorial CNN: float master weights, Adam moments, the fake-quantized
 * forward and straight-through backward all in `kernel`; the moving ranges in the caller's table,
 * updated exactly as qatForward with `updateRanges` does (each point's batch [min, max] folded in
 * before the point is quantized with the updated range).
 */
export class FusedQatStep {
  private steps = 0;

  constructor(
    private readonly kernel: QatCnnKernel,
    /** Float weights to start from, TF.js order and layouts. */
    weights: readonly Float32Array[],
    private readonly granularity: QatWeightGranularity,
    /** The quantized points' names: input, conv output, logits (QatNetwork.quantPoints). */
    private readonly points: readonly string[],
    private readonly learningRate: number,
  ) {
    kernel.setWeights(weights);
    kernel.resetMoments();
  }

  /** Copies of the current float weights (TF.js order and layouts). */
  weights(): Float32Array[] {
    return this.kernel.weights();
  }

  private fold(ranges: RangeTable, point: number, [lo, hi]: [number, number], momentum: number): ActivationQuant {
    const name = this.points[point];
    const r = (ranges[name] = updateMovingRange(ranges[name], lo, hi, momentum));
    return activationQuant(r.min, r.max);
  }

  /** The gradient of the batch's mean loss without the optimizer step; returns the softmax rows. */
  gradients(images: Float32Array, labels: Uint8Array, ranges: RangeTable, momentum: number): Float32Array {
    const k = this.kernel;
    const input = this.fold(ranges, 0, k.input(images, labels, labels.length), momentum);
    const conv = this.fold(ranges, 1, k.conv(input, this.granularity), momentum);
    return k.backward(this.fold(ranges, 2, k.dense(conv), momentum));
  }

  /** One Adam step (tf.train.adam's formula) of the float weights with the straight-through gradients. */
  apply(): void {
    this.steps++;
    this.kernel.adam(adamAttrs(this.learningRate, this.steps));
  }

  /** One training step: ranges folded, gradients, Adam. Returns the batch's softmax rows. */
  step(images: Float32Array, labels: Uint8Array, ranges: RangeTable, momentum: number): Float32Array {
    const probs = this.gradients(images, labels, ranges, momentum);
    this.apply();
    return probs;
  }
}

/**
 * The fused QAT step as trainQat's {@link QatTrainer}: starts from `trained`'s float weights; `net`
 * (which the caller owns) gets the step's weights whenever the loop syncs.
 */
export function fusedQatTrainer(
  kernel: QatCnnKernel,
  net: QatNetwork,
  trained: TrainedModel,
  granularity: QatWeightGranularity,
  learningRate: number,
): QatTrainer {
  const fused = new FusedQatStep(
    kernel,
    trained.weights.map((w) => w.values),
    granularity,
    net.quantPoints,
    learningRate,
  );
  return {
    kind: 'fused-simd',
    step(split, indices, ranges, momentum) {
      const { images, labels } = makeBatch(split, indices);
      return scoreBatch(fused.step(images, labels, ranges, momentum), labels);
    },
    sync() {
      const weights = fused.weights();
      tf.tidy(() => net.variables.forEach((v, i) => v.assign(tf.tensor(weights[i], v.shape))));
    },
    dispose() {},
  };
}
