// A float32 .tflite becomes the lab's model and predicts what the original does: lab model -> float32
// file -> import -> the same class probabilities (within float rounding) in TF.js and in LiteRT.js, on
// real MNIST test images; the converter-shaped tutorial file imports through the same front door.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/select-backend';
import { tutorialConverterFile } from '../core/import/testing/converter-cnn';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomWeights } from '../core/graph/random-weights';
import { imagesToFloat, takeFirst, type MnistDataset } from '../core/mnist/dataset';
import type { PresetId } from '../core/model/presets';
import type { ModelWeights } from '../core/model/trained-model';
import { writeTflite } from '../core/tflite/write-tflite';
import { modelFromTrained } from '../core/train/train';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { predictTflite } from '../runtime/litert-eval';
import { openH5Node } from './h5-node';
import { importLabModel } from './import-model';

let data: MnistDataset;
const N = 64;

beforeAll(async () => {
  await initBackend('wasm');
  data = loadMnistFromIdx();
  await loadLiteRtForNode();
}, 120_000);

function tfjsProbabilities(model: ModelWeights, images: Float32Array, n: number): Float32Array {
  const m = modelFromTrained({ ...model, seed: 0 });
  try {
    return tf.tidy(() => (m.predict(tf.tensor4d(images, [n, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
  } finally {
    m.dispose();
  }
}

async function litertProbabilities(bytes: Uint8Array, images: Float32Array, n: number): Promise<Float32Array> {
  const out = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) out.set(await predictTflite(bytes, images.subarray(i * 784, (i + 1) * 784)), i * 10);
  return out;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('float32 .tflite import: same predictions as the original', () => {
  it.each(['tutorial', 'deep', 'separable'] as PresetId[])(
    '%s',
    async (preset) => {
      const original: ModelWeights = { preset, weights: randomWeights(preset, 11) };
      const file = writeTflite(modelToGraph(original));
      const test = takeFirst(data.test, N);
      const { model } = await importLabModel([{ name: `${preset}.tflite`, bytes: file }], openH5Node, test, 'wasm');
      expect(model.source).toEqual({ kind: 'tflite', file: `${preset}.tflite` });
      const images = imagesToFloat(test);
      expect(maxDiff(tfjsProbabilities(model, images, N), tfjsProbabilities(original, images, N))).toBeLessThan(1e-5);
      const reexported = writeTflite(modelToGraph(model));
      const [before, after] = [
        await litertProbabilities(file, images, N),
        await litertProbabilities(reexported, images, N),
      ];
      expect(maxDiff(before, after)).toBeLessThan(1e-5);
      // TF.js and LiteRT.js agree on the imported model too (different kernels: float rounding only).
      expect(maxDiff(tfjsProbabilities(model, images, N), after)).toBeLessThan(1e-4);
    },
    60_000,
  );

  it('the converter-shaped tutorial file imports and scores in TF.js what LiteRT.js scores for its re-export', async () => {
    const weights = randomWeights('tutorial', 5);
    const test = takeFirst(data.test, N);
    const { model, notes } = await importLabModel(
      [{ name: 'model.tflite', bytes: tutorialConverterFile(weights) }],
      openH5Node,
      test,
      'wasm',
    );
    expect(notes.join(' ')).toMatch(/SOFTMAX fused into dense/);
    const images = imagesToFloat(test);
    const original = tfjsProbabilities({ preset: 'tutorial', weights }, images, N);
    expect(maxDiff(tfjsProbabilities(model, images, N), original)).toBeLessThan(1e-5);
    expect(maxDiff(await litertProbabilities(writeTflite(modelToGraph(model)), images, N), original)).toBeLessThan(
      1e-4,
    );
  }, 60_000);
});
