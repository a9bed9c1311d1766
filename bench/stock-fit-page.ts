/**
 * The bench's reference for training speed, bundled by bench/train-browser.ts into a page of its
 * own: stock tfjs-wasm `model.fit` (single-threaded SIMD binary, plus only the gradient kernels
 * tfjs-backend-wasm lacks) on the tutorial CNN, in the page's main thread. Not part of the app.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerMissingWasmGradients } from '../src/backends/wasm-training-kernels';
import { buildModel } from '../src/core/model/build-model';
import { PRESETS } from '../src/core/model/presets';
import { fetchDataset } from '../src/data/fetch-dataset';
import { MNIST_CLASSES } from '../src/core/mnist/dataset';

interface StockResult {
  backend: string;
  images: number;
  /** Seconds of `model.fit` for one epoch over `images`. */
  seconds: number;
  loss: number;
}

async function stockFit(images: number): Promise<StockResult> {
  setWasmPaths(new URL('/wasm/tfjs/', location.href).href);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  registerMissingWasmGradients();
  const { train } = await fetchDataset(new URL('/', location.href).href);
  const n = Math.min(images, train.count);
  const pixels = new Float32Array(n * 784);
  const oneHot = new Float32Array(n * MNIST_CLASSES);
  for (let i = 0; i < n * 784; i++) pixels[i] = train.images[i] / 255;
  for (let i = 0; i < n; i++) oneHot[i * MNIST_CLASSES + train.labels[i]] = 1;
  const x = tf.tensor4d(pixels, [n, 28, 28, 1]);
  const y = tf.tensor2d(oneHot, [n, MNIST_CLASSES]);
  const model = buildModel(PRESETS.tutorial, 1);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const started = performance.now();
  const history = await model.fit(x, y, { batchSize: 32, epochs: 1, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  tf.dispose([x, y]);
  model.dispose();
  return { backend: tf.getBackend(), images: n, seconds, loss: Number(history.history.loss[0]) };
}

(window as unknown as { __stockFit: typeof stockFit; __tfl: unknown }).__stockFit = stockFit;
// Keeps tfjs-layers' side effects (gradient registration) in the bundle.
(window as unknown as { __tfl: unknown }).__tfl = tfl.version_layers;
