import * as tf from '@tensorflow/tfjs-core';
import type { TrainedModel } from '../model/trained-model';
import { makeBatch } from '../train/batches';
import { scoreBatch } from '../train/train';
import { CNN_CHANNELS, CNN_CLASSES, CNN_PIXELS } from '../train/cnn-geometry';
import { ADAM_DEFAULTS, adamStepLoop } from '../train/fused-adam';
import { activationQuant, updateMovingRange, type ActivationQuant } from './fake-quant';
import { fakeQuantValue, fakeQuantWeightsFlat, type QatCnnKernel } from './qat-cnn-kernel';
import type { QatNetwork, QatWeightGranularity, RangeTable } from './qat-forward';
import type { QatTrainer } from './qat-trainer';

/** Output channels of the tutorial CNN's kernels (TF.js order): conv kernel, conv bias, dense kernel, dense bias. */
const CHANNELS = [CNN_CHANNELS, 0, CNN_CLASSES, 0];

/**
 * The fused QAT step of the tutorial CNN: float master weights and Adam moments here, the
 * fake-quantized forward and straight-through backward in `kernel`, the moving ranges in the caller's
 * table, updated exactly as qatForward with `updateRanges` does (each point's batch [min, max] folded
 * in before the point is quantized with the updated range).
 */
export class FusedQatStep {
  private m: Float32Array[];
  private v: Float32Array[];
  private steps = 0;

  constructor(
    private readonly kernel: QatCnnKernel,
    /** Float weights, TF.js order and layouts; updated in place by {@link step}. */
    readonly weights: Float32Array[],
    private readonly granularity: QatWeightGranularity,
    /** The quantized points' names: input, conv output, logits (QatNetwork.quantPoints). */
    private readonly points: readonly string[],
    private readonly learningRate: number,
  ) {
    this.m = weights.map((w) => new Float32Array(w.length));
    this.v = weights.map((w) => new Float32Array(w.length));
  }

  private fold(ranges: RangeTable, point: number, lo: number, hi: number, momentum: number): ActivationQuant {
    const name = this.points[point];
    const r = (ranges[name] = updateMovingRange(ranges[name], lo, hi, momentum));
    return activationQuant(r.min, r.max);
  }

  /** The gradient of the batch's mean loss without the optimizer step; returns the softmax rows. */
  gradients(images: Float32Array, labels: Uint8Array, ranges: RangeTable, momentum: number): Float32Array {
    const n = labels.length;
    const x = images.subarray(0, n * CNN_PIXELS);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
    }
    const input = this.fold(ranges, 0, lo, hi, momentum);
    const qx = x.map((v) => fakeQuantValue(v, input.scale, input.zeroPoint));
    const qw = this.weights.map((w, i) =>
      CHANNELS[i] === 0
        ? w
        : fakeQuantWeightsFlat(w, CHANNELS[i], i === 0 ? this.granularity.perChannel : this.granularity.fcPerChannel),
    );
    const [cLo, cHi] = this.kernel.conv(qx, qw, n);
    const [lLo, lHi] = this.kernel.dense(this.fold(ranges, 1, cLo, cHi, momentum));
    return this.kernel.backward(this.fold(ranges, 2, lLo, lHi, momentum), labels);
  }

  /** One Adam step (tf.train.adam's formula) of the float weights with the straight-through gradients. */
  apply(grads: readonly Float32Array[]): void {
    this.steps++;
    const { beta1, beta2, epsilon } = ADAM_DEFAULTS;
    const attrs = {
      learningRate: this.learningRate,
      beta1,
      beta2,
      epsilon,
      biasCorrection1: 1 - beta1 ** this.steps,
      biasCorrection2: 1 - beta2 ** this.steps,
    };
    this.weights.forEach((w, i) =>
      adamStepLoop(w.slice(), grads[i], this.m[i].slice(), this.v[i].slice(), w, this.m[i], this.v[i], attrs),
    );
  }

  /** One training step: ranges folded, gradients, Adam. Returns the batch's softmax rows. */
  step(images: Float32Array, labels: Uint8Array, ranges: RangeTable, momentum: number): Float32Array {
    const probs = this.gradients(images, labels, ranges, momentum);
    this.apply(this.kernel.gradients());
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
    trained.weights.map((w) => Float32Array.from(w.values)),
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
    sync: () => tf.tidy(() => net.variables.forEach((v, i) => v.assign(tf.tensor(fused.weights[i], v.shape)))),
    dispose() {},
  };
}
