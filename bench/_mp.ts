import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backends/select-backend';
await initBackend('wasm');
const x = tf.relu(tf.randomNormal([32, 26, 26, 12])) as tf.Tensor4D;
const y = tf.maxPool(x, 2, 2, 'valid');
const dy = tf.randomNormal(y.shape);
const t = (label: string, f: () => tf.Tensor) => { for (let i = 0; i < 50; i++) f().dispose(); const s = performance.now(); for (let i = 0; i < 200; i++) f().dispose(); console.log(label.padEnd(30), ((performance.now() - s) / 200).toFixed(3), 'ms'); };
t('maxPoolGrad', () => tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor);
t('sum bias', () => tf.sum(x, [0, 1, 2]));
t('relu', () => tf.relu(x));
t('argmax pool', () => { const r = tf.maxPoolWithArgmax(x, 2, 2, 'valid', true); r.result.dispose(); return r.indexes; });
t('argmax+scatter', () => tf.tidy(() => { const r = tf.maxPoolWithArgmax(x, 2, 2, 'valid', true); return tf.scatterND(tf.reshape(r.indexes, [-1, 1]), tf.reshape(dy, [-1]), [x.size]); }));
{
  const ref = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
  const alt = tf.tidy(() => { const r = tf.maxPoolWithArgmax(x, 2, 2, 'valid', true); return tf.scatterND(tf.reshape(r.indexes, [-1, 1]), tf.reshape(dy, [-1]), [x.size]); });
  console.log('maxdiff', tf.max(tf.abs(tf.sub(tf.reshape(ref, [-1]), alt))).dataSync()[0]);
}
