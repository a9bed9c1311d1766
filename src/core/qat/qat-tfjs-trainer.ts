import * as tf from '@tensorflow/tfjs-core';
// Gradient functions are registered by tfjs-layers, which qat-train.ts imports.
import { MNIST_CLASSES, type MnistSplit } from '../mnist/dataset';
import { makeBatch } from '../train/batches';
import { exchangeShards, packShard, shardOf, type DataParallel } from '../train/data-parallel';
import { categoricalCrossEntropy, scoreBatch } from '../train/train';
import { qatForward, trackShardRanges, type QatNetwork, type RangeTable } from './qat-forward';
import type { QatStepScore, QatTrainer } from './qat-trainer';

/**
 * Trains `net`'s variables (the caller owns the network) with tf ops: tf.train.adam on
 * tf.variableGrads of qatForward, alone or as one of two data-parallel replicas (`parallel`).
 */
export function tfjsQatTrainer(net: QatNetwork, learningRate: number, parallel?: DataParallel): QatTrainer {
  const optimizer = tf.train.adam(learningRate);
  return {
    kind: 'tfjs',
    step: (split, indices, ranges, momentum) =>
      parallel
        ? qatShardStep(net, optimizer, split, indices, ranges, momentum, parallel)
        : qatBatch(net, optimizer, split, indices, ranges, momentum),
    sync() {},
    dispose: () => optimizer.dispose(),
  };
}

/** One adam step through the fake-quantized forward pass; updates `ranges` in place. */
function qatBatch(
  net: QatNetwork,
  optimizer: tf.Optimizer,
  split: MnistSplit,
  indices: Uint32Array,
  ranges: RangeTable,
  momentum: number,
): QatStepScore {
  const { images, oneHot, labels } = makeBatch(split, indices);
  const n = indices.length;
  const x = tf.tensor4d(images, [n, split.rows, split.cols, 1]);
  const y = tf.tensor2d(oneHot, [n, MNIST_CLASSES]);
  let probs: tf.Tensor | undefined;
  try {
    optimizer.minimize(
      () => {
        const p = qatForward(net, x, { quantize: true, updateRanges: true, ranges, momentum });
        probs = tf.keep(p);
        return categoricalCrossEntropy(p, y);
      },
      false,
      net.variables,
    );
    return scoreBatch((probs as tf.Tensor).dataSync() as Float32Array, labels);
  } finally {
    x.dispose();
    y.dispose();
    probs?.dispose();
  }
}

/**
 * One data-parallel QAT step on this replica's half of the batch: the ranges pass (whole-batch
 * [min, max] at every quantized point, exchanged), then the taped pass with those ranges fixed,
 * the gradients combined with the peer's (same bits in both), and one adam step.
 */
async function qatShardStep(
  net: QatNetwork,
  optimizer: tf.Optimizer,
  split: MnistSplit,
  indices: Uint32Array,
  ranges: RangeTable,
  momentum: number,
  parallel: DataParallel,
): Promise<QatStepScore> {
  const { start, end } = shardOf(indices.length, parallel.rank);
  const rows = indices.subarray(start, end);
  const { images, oneHot, labels } = makeBatch(split, rows);
  const n = rows.length;
  const x = tf.tensor4d(images, [n, split.rows, split.cols, 1]);
  const y = tf.tensor2d(oneHot, [n, MNIST_CLASSES]);
  let mine: Float32Array;
  try {
    await trackShardRanges(net, x, ranges, momentum, async (lo, hi) => {
      const theirs = await parallel.link.exchange(Float32Array.of(lo, hi));
      return [Math.min(lo, theirs[0]), Math.max(hi, theirs[1])];
    });
    mine = tf.tidy(() => {
      let probs: tf.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const p = qatForward(net, x, { quantize: true, ranges });
        probs = tf.keep(p);
        return categoricalCrossEntropy(p, y);
      }, net.variables);
      value.dispose();
      const { loss, correct } = scoreBatch(probs!.dataSync() as Float32Array, labels);
      probs!.dispose();
      return packShard(
        net.variables.map((v) => grads[v.name].dataSync() as Float32Array),
        n,
        loss * n,
        correct,
      );
    });
  } finally {
    x.dispose();
    y.dispose();
  }
  const combined = await exchangeShards(
    parallel,
    mine,
    net.variables.map((v) => v.size),
  );
  tf.tidy(() =>
    optimizer.applyGradients(
      Object.fromEntries(net.variables.map((v, i) => [v.name, tf.tensor(combined.grads[i], v.shape)])),
    ),
  );
  return { loss: combined.loss, correct: combined.correct };
}
