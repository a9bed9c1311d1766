import * as tf from '@tensorflow/tfjs-core';
import { heapViews } from './wasm-heap';

/**
 * Relu's gradient as one kernel. tfjs-core's is `dy * cast(step(x))`: three kernels, three passes
 * over the activations (on the tutorial CNN, [32, 26, 26, 12] per step). {@link registerReluGrad}
 * replaces the gradient with one that runs {@link RELU_GRAD_KERNEL} where the active backend has it
 * and tfjs-core's formula everywhere else, so results match on every backend.
 */
export const RELU_GRAD_KERNEL = 'LabReluGrad';

/**
 * dx[i] = dy[i] * step(x[i]) with tfjs's step: 1 for x > 0, NaN for NaN, else 0. The same float32
 * product as tfjs-core's formula, so -0, NaN and Infinity in dy come out as they do there.
 */
export function reluGradLoop(dy: Float32Array, x: Float32Array, dx: Float32Array): void {
  for (let i = 0; i < dx.length; i++) {
    const v = x[i];
    dx[i] = dy[i] * (v > 0 ? 1 : v === v ? 0 : NaN);
  }
}

const wasmReluGrad: tf.KernelFunc = ({ inputs, backend }) => {
  const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  const { out, views, outView } = heapViews(backend as tf.KernelBackend, [dy, x], x.shape);
  reluGradLoop(views[0], views[1], outView);
  return out;
};

let gradientRegistered = false;

/** Registers the WASM kernel and the Relu gradient that uses it; idempotent. */
export function registerReluGrad(): void {
  if (tf.getKernel(RELU_GRAD_KERNEL, 'wasm') == null)
    tf.registerKernel({ kernelName: RELU_GRAD_KERNEL, backendName: 'wasm', kernelFunc: wasmReluGrad });
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: tf.Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const g = dy as tf.Tensor;
      return {
        x: () =>
          tf.getKernel(RELU_GRAD_KERNEL, tf.getBackend()) != null && g.dtype === 'float32' && x.dtype === 'float32'
            ? (tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: g, x }) as tf.Tensor)
            : tf.mul(g, tf.cast(tf.step(x), 'float32')),
      };
    },
  });
}
