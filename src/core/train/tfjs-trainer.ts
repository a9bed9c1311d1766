import * as tf from '@tensorflow/tfjs-core';
// Gradient functions are registered by tfjs-layers, which build-model imports.
import type * as tfl from '@tensorflow/tfjs-layers';
import { MNIST_CLASSES } from '../mnist/dataset';
import type { Batch } from './batches';
import type { BatchTrainer } from './batch-trainer';
import { categoricalCrossEntropy } from './cross-entropy';
import { evaluateModel } from './evaluate';
import { FusedAdam, hasFusedAdam } from './fused-adam';
import { readWeights, setWeights } from './model-weights';
import type { TrainSettings } from './settings';
import type { TrainStepHook } from './train-hook';

/** Either a tfjs optimizer or the fused Adam (when the backend has its kernel). */
type Optimizer = { kind: 'tfjs'; optimizer: tf.Optimizer } | { kind: 'fused'; optimizer: FusedAdam };

function makeOptimizer(s: TrainSettings): Optimizer {
  if (s.optimizer === 'adam' && hasFusedAdam()) return { kind: 'fused', optimizer: new FusedAdam(s.learningRate) };
  return { kind: 'tfjs', optimizer: makeTfjsOptimizer(s) };
}

function makeTfjsOptimizer(s: TrainSettings): tf.Optimizer {
  switch (s.optimizer) {
    case 'adam':
      return tf.train.adam(s.learningRate);
    case 'sgd':
      return tf.train.sgd(s.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(s.learningRate);
  }
}

/**
 * Trains `model` (which the caller owns) with tfjs ops: tf.variableGrads of categoricalCrossEntropy
 * on the training-mode forward, `hook` around every step, the settings' optimizer.
 */
export function tfjsTrainer(model: tfl.LayersModel, settings: TrainSettings, hook?: TrainStepHook): BatchTrainer {
  const optimizer = makeOptimizer(settings);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  if (hook?.beforeTraining) tf.tidy(() => hook.beforeTraining!(variables));

  const [, rows, cols, channels] = model.inputs[0].shape as number[];
  const inputs = (batch: Batch) => {
    const n = batch.labels.length;
    return {
      x: tf.tensor4d(batch.images, [n, rows, cols, channels]),
      y: tf.tensor2d(batch.oneHot, [n, MNIST_CLASSES]),
    };
  };
  const applyStep = (ordered: tf.Tensor[], step: number) => {
    if (hook?.transformGradients) ordered = hook.transformGradients(ordered, step);
    if (optimizer.kind === 'fused') optimizer.optimizer.applyGradients(variables, ordered);
    else optimizer.optimizer.applyGradients(Object.fromEntries(variables.map((v, i) => [v.name, ordered[i]])));
    hook?.afterStep?.(variables, step);
  };

  return {
    kind: 'tfjs',
    sizes: variables.map((v) => v.size),

    step(batch, step) {
      let probs: tf.Tensor | undefined;
      const { x, y } = inputs(batch);
      try {
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => {
            const p = model.apply(x, { training: true }) as tf.Tensor;
            probs = tf.keep(p);
            return categoricalCrossEntropy(p, y);
          }, variables);
          applyStep(
            variables.map((v) => grads[v.name]),
            step,
          );
          value.dispose();
        });
      } catch (e) {
        probs?.dispose();
        throw e;
      } finally {
        x.dispose();
        y.dispose();
      }
      return probs!;
    },

    gradients(batch) {
      const { x, y } = inputs(batch);
      try {
        return tf.tidy(() => {
          let probs: tf.Tensor | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const p = model.apply(x, { training: true }) as tf.Tensor;
            probs = tf.keep(p);
            return categoricalCrossEntropy(p, y);
          }, variables);
          value.dispose();
          const values = probs!.dataSync() as Float32Array;
          probs!.dispose();
          return { grads: variables.map((v) => grads[v.name].dataSync() as Float32Array), probs: values };
        });
      } finally {
        x.dispose();
        y.dispose();
      }
    },

    apply(grads, step) {
      tf.tidy(() =>
        applyStep(
          grads.map((g, i) => tf.tensor(g, variables[i].shape)),
          step,
        ),
      );
    },

    readWeights: () => readWeights(model),
    setWeights: (weights) => setWeights(model, weights),
    evaluate: (split) => evaluateModel(model, split),
    dispose: () => optimizer.optimizer.dispose(),
  };
}
