import * as tf from '@tensorflow/tfjs-core';
import { loadMnistFromIdx } from '../cli/mnist-node';
import { initBackend } from '../src/backends/select-backend';
import { buildModel } from '../src/core/model/build-model';
import { PRESETS } from '../src/core/model/presets';
import { makeBatch } from '../src/core/train/batches';
import { categoricalCrossEntropy } from '../src/core/train/train';

await initBackend('wasm');
const data = loadMnistFromIdx();
const model = buildModel(PRESETS.tutorial, 1);
const opt = tf.train.adam(0.001);
const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
const N = 200;
const idx = (b: number) => Uint32Array.from({ length: 32 }, (_, i) => (b * 32 + i) % 60000);
const time = (label: string, f: (b: number) => void) => {
  for (let b = 0; b < 20; b++) f(b);
  const t = performance.now();
  for (let b = 0; b < N; b++) f(b);
  console.log(label.padEnd(30), ((performance.now() - t) / N).toFixed(3), 'ms/batch');
};
time('makeBatch', (b) => makeBatch(data.train, idx(b)));
const xs = (b: number) => { const m = makeBatch(data.train, idx(b)); return [tf.tensor4d(m.images, [32, 28, 28, 1]), tf.tensor2d(m.oneHot, [32, 10])]; };
time('batch tensors', (b) => tf.dispose(xs(b)));
time('forward', (b) => tf.tidy(() => { const [x, y] = xs(b); categoricalCrossEntropy(model.apply(x, { training: true }) as tf.Tensor, y).dataSync(); }));
time('forward+grads', (b) => tf.tidy(() => { const [x, y] = xs(b); const g = tf.variableGrads(() => categoricalCrossEntropy(model.apply(x, { training: true }) as tf.Tensor, y), vars); g.value.dataSync(); }));
time('minimize', (b) => tf.tidy(() => { const [x, y] = xs(b); opt.minimize(() => categoricalCrossEntropy(model.apply(x, { training: true }) as tf.Tensor, y), false, vars); }));
const prof = await tf.profile(() => tf.tidy(() => { const [x, y] = xs(0); opt.minimize(() => categoricalCrossEntropy(model.apply(x, { training: true }) as tf.Tensor, y), false, vars); }));
const agg = new Map<string, [number, number]>();
for (const k of prof.kernels) { const a = agg.get(k.name) ?? [0, 0]; a[0]++; a[1] += k.kernelTimeMs as number; agg.set(k.name, a); }
console.log('kernels', prof.kernels.length, [...agg].sort((a, b) => b[1][1] - a[1][1]).map(([n, [c, t]]) => `${n}x${c}:${t.toFixed(2)}`).join(' '));
