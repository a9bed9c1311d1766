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
const idx = (b: number) => Uint32Array.from({ length: 32 }, (_, i) => (b * 32 + i) % 60000);
const step = (b: number) => tf.tidy(() => { const m = makeBatch(data.train, idx(b)); const x = tf.tensor4d(m.images, [32, 28, 28, 1]); const y = tf.tensor2d(m.oneHot, [32, 10]); opt.minimize(() => categoricalCrossEntropy(model.apply(x, { training: true }) as tf.Tensor, y), false, vars); });
for (let b = 0; b < 50; b++) step(b);
const N = 40;
const c0 = process.cpuUsage();
for (let b = 0; b < N; b++) step(b);
const c = process.cpuUsage(c0);
console.log('cpu ms/batch', ((c.user + c.system) / 1000 / N).toFixed(2));
const agg = new Map<string, [number, number]>();
for (const k of tf.getKernelsForBackend('wasm')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, setupFunc: undefined, kernelFunc: (args) => { const t = performance.now(); const r = f(args); const a = agg.get(k.kernelName) ?? [0, 0]; a[0]++; a[1] += performance.now() - t; agg.set(k.kernelName, a); return r; } });
}
const w0 = performance.now();
for (let b = 0; b < N; b++) step(b);
const wall = (performance.now() - w0) / N;
let total = 0, count = 0; for (const [, [c, t]] of agg) { total += t; count += c; }
console.log('wall ms/batch', wall.toFixed(2), 'kernels/batch', count / N, 'kernel ms/batch', (total / N).toFixed(2));
console.log([...agg].sort((a, b) => b[1][1] - a[1][1]).slice(0, 22).map(([n, [cnt, t]]) => `${n} x${cnt / N}: ${(t / N).toFixed(3)}`).join('\n'));
