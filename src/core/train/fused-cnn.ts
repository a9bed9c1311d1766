import type * as tfl from '@tensorflow/tfjs-layers';
import type { LayerSpec, ModelArchitecture } from '../model/architecture';
import { PRESETS } from '../model/presets';
import type { BatchTrainer } from './batch-trainer';
import type { CnnTrainKernel, CnnTrainSource } from './cnn-train-kernel';
import { evaluateModel } from './evaluate';
import { adamAttrs } from './fused-adam';
import { setWeights, weightsOf } from './model-weights';
import type { OptimizerName, TrainSettings } from './settings';

/** Compiled training kernels the caller hands to trainModel (bytes of public/wasm/kernels/*.wasm, or modules). */
export interface FusedKernels {
  /** kernels/cnn-train.ts: the tutorial CNN's fused forward, backward and optimizer step. */
  cnnTrain: CnnTrainSource;
}

/**
 * What the fused step implements, declared once: this input and these layers (names aside), the
 * optimizers it has, and the backends whose weights live in CPU memory (on WebGPU tfjs keeps them
 * on the GPU, where the fused step cannot run).
 */
export const FUSED_CNN = {
  inputShape: [28, 28, 1],
  layers: PRESETS.tutorial.layers,
  optimizers: ['adam', 'sgd'] as readonly OptimizerName[],
  backends: ['wasm', 'cpu'] as readonly string[],
} as const;

const sameLayer = (a: LayerSpec, b: LayerSpec) => {
  const { name: _a, ...x } = a;
  const { name: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
};

/** True when `arch` is the architecture the fused CNN step implements ({@link FUSED_CNN}). */
export function fusedCnnSupports(arch: Pick<ModelArchitecture, 'inputShape' | 'layers'>): boolean {
  return (
    arch.inputShape.length === FUSED_CNN.inputShape.length &&
    arch.inputShape.every((d, i) => d === FUSED_CNN.inputShape[i]) &&
    arch.layers.length === FUSED_CNN.layers.length &&
    arch.layers.every((l, i) => !l.inputs && sameLayer(l, FUSED_CNN.layers[i]))
  );
}

/** True when trainModel can run `settings` on the fused step on `backend` (no step hook: those need tfjs tensors). */
export function canTrainFused(
  arch: Pick<ModelArchitecture, 'inputShape' | 'layers'>,
  settings: Pick<TrainSettings, 'optimizer'>,
  backend: string,
  hasStepHook: boolean,
): boolean {
  return (
    !hasStepHook &&
    FUSED_CNN.optimizers.includes(settings.optimizer) &&
    FUSED_CNN.backends.includes(backend) &&
    fusedCnnSupports(arch)
  );
}

/**
 * Trains with `kernel` from `model`'s current weights (read once; the caller owns the model, which
 * gets the kernel's weights whenever it evaluates). Same step as the tfjs trainer: the gradient of
 * the batch's mean clipped cross-entropy, then Adam (tf.train.adam's formula) or SGD.
 */
export function fusedCnnTrainer(model: tfl.LayersModel, settings: TrainSettings, kernel: CnnTrainKernel): BatchTrainer {
  const names = model.weights.map((w) => ({ name: w.originalName, shape: w.shape.map((d) => d ?? 0) }));
  kernel.setWeights(weightsOf(model).map((w) => w.values));
  kernel.resetMoments();
  let steps = 0;
  const optimizerStep = () => {
    steps++;
    if (settings.optimizer === 'sgd') return kernel.sgd(settings.learningRate);
    kernel.adam(adamAttrs(settings.learningRate, steps));
  };
  const current = () => kernel.weights().map((values, i) => ({ ...names[i], values }));
  return {
    kind: 'fused-simd',
    sizes: names.map((n) => n.shape.reduce((a, b) => a * b, 1)),
    step(batch) {
      const probs = kernel.computeGradients(batch.images, batch.labels, batch.labels.length);
      optimizerStep();
      return probs;
    },
    gradients(batch) {
      const probs = kernel.computeGradients(batch.images, batch.labels, batch.labels.length);
      return { grads: kernel.gradients(), probs };
    },
    apply(grads) {
      kernel.setGradients(grads);
      optimizerStep();
    },
    readWeights: async () => current(),
    setWeights(weights) {
      kernel.setWeights(weights.map((w) => w.values));
      setWeights(model, weights);
    },
    evaluate(split) {
      setWeights(model, current());
      return evaluateModel(model, split);
    },
    dispose() {},
  };
}
