import * as tf from '@tensorflow/tfjs-core';
import { loadMnistFromIdx } from '../cli/mnist-node';
import { initBackend } from '../src/backends/select-backend';
import { trainModel } from '../src/core/train/train';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
await initBackend('wasm');
const data = loadMnistFromIdx();
await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 1600 }, { skipTestEvaluation: true });
const agg = new Map<string, [number, number]>();
let depth = 0;
for (const k of tf.getKernelsForBackend('wasm')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, setupFunc: undefined, kernelFunc: (args) => { depth++; const t = performance.now(); const r = f(args); depth--; const a = agg.get(k.kernelName) ?? [0, 0]; if (depth === 0) { a[0]++; a[1] += performance.now() - t; } agg.set(k.kernelName, a); return r; } });
}
const N = 100;
const c0 = process.cpuUsage(); const w0 = performance.now();
await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: N * 32 }, { skipTestEvaluation: true });
const wall = (performance.now() - w0) / N; const c = process.cpuUsage(c0);
let total = 0, count = 0; for (const [, [cnt, t]] of agg) { total += t; count += cnt; }
console.log('wall ms/batch', wall.toFixed(2), 'cpu', ((c.user + c.system) / 1000 / N).toFixed(2), 'top-level kernels/batch', count / N, 'kernel ms/batch', (total / N).toFixed(2));
console.log([...agg].filter(([, [c]]) => c > 0).sort((a, b) => b[1][1] - a[1][1]).slice(0, 25).map(([n, [cnt, t]]) => `${n} x${cnt / N}: ${(t / N).toFixed(3)}`).join('\n'));
console.log((globalThis as any).TT.map((v: number) => (v / 100).toFixed(3)));
