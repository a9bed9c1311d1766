import * as tf from '@tensorflow/tfjs-core';
import { loadMnistFromIdx } from '../cli/mnist-node';
import { initBackend } from '../src/backends/select-backend';
import { trainModel } from '../src/core/train/train';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
import type { PresetId } from '../src/core/model/presets';

const backend = (process.argv[2] ?? 'wasm') as 'wasm';
const preset = (process.argv[3] ?? 'tutorial') as PresetId;
const limit = Number(process.argv[4] ?? 3200);
console.log(await initBackend(backend));
const data = loadMnistFromIdx();
const before = tf.memory().numTensors;
const t0 = Date.now();
const r = await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, preset, trainLimit: limit }, { onProgress: (p) => p.phase === 'epoch' && console.log(p) });
const s = (Date.now() - t0) / 1000;
console.log(preset, backend, 'batches', Math.ceil(limit / 32), 'total s', s, 'train s/epoch-part', r.model.history[0].seconds, 'test acc', r.model.testAccuracy, 'leak', tf.memory().numTensors - before);
