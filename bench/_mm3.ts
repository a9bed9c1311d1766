import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/backends/wasm-training-kernels';
await tf.setBackend('wasm');
const t = (label: string, f: () => tf.Tensor) => { for (let i = 0; i < 20; i++) f().dispose(); const s = performance.now(); for (let i = 0; i < 300; i++) f().dispose(); console.log(label.padEnd(46), ((performance.now() - s) / 300).toFixed(3), 'ms'); };
const fresh = (x: tf.Tensor) => tf.add(x, 0);
const X = tf.randomNormal([32, 2028]), dy = tf.randomNormal([32, 10]), W = tf.randomNormal([2028, 10]);
const x4 = tf.relu(tf.randomNormal([32, 26, 26, 12])) as tf.Tensor4D; const y4 = tf.maxPool(x4, 2, 2, 'valid'); const g4 = tf.randomNormal(y4.shape);
for (const label of ['stock', 'lab']) {
  if (label === 'lab') registerWasmTrainingKernels();
  t(`${label} fresh cost`, () => fresh(X));
  t(`${label} dW = x^T dy (tA), fresh x`, () => tf.tidy(() => tf.matMul(fresh(X), dy, true, false)));
  t(`${label} dx = dy W^T (tB), fresh W`, () => tf.tidy(() => tf.matMul(dy, fresh(W), false, true)));
  t(`${label} MaxPoolGrad 2x2 [32,26,26,12]`, () => tf.engine().runKernel('MaxPoolGrad', { dy: g4, input: x4, output: y4 }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor);
}
