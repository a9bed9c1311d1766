// Files in the shapes TensorFlow's converter writes, built with the lab's writer around a real MNIST
// classifier (nearest class mean from the 60,000 training images), run in the real LiteRT.js in Node on
// the real MNIST test images.
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectTflite } from '../core/tflite/inspect-tflite';
import { planRun } from '../core/tflite/run-plan';
import {
  castUint8Classifier,
  centroidClassifier,
  dynamicBatchClassifier,
  uint8QuantizedClassifier,
  type LinearClassifier,
} from '../core/tflite/testing/converter-fixtures';
import { writeTfliteModel } from '../core/tflite/write-tflite';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { evaluateTflite } from './litert-eval';

const LIMIT = 2000;
let classifier: LinearClassifier;
let test: { images: Uint8Array; labels: Uint8Array };
let floatAccuracy: number;
let calibration: [number, number];

/** min/max of the classifier's scores over the first n images (the range its quantized output must cover). */
function scoreRange(c: LinearClassifier, images: Uint8Array, n: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 10; k++) {
      let s = c.bias[k]!;
      for (let j = 0; j < 784; j++) s += c.weights[k * 784 + j]! * (images[i * 784 + j]! / 255);
      [lo, hi] = [Math.min(lo, s), Math.max(hi, s)];
    }
  }
  return [lo, hi];
}

/** The classifier's own accuracy in plain TypeScript on the same images (the reference). */
function referenceAccuracy(c: LinearClassifier, images: Uint8Array, labels: Uint8Array, n: number): number {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < 10; k++) {
      let s = c.bias[k]!;
      for (let j = 0; j < 784; j++) s += c.weights[k * 784 + j]! * (images[i * 784 + j]! / 255);
      if (s > bestScore) [best, bestScore] = [k, s];
    }
    if (best === labels[i]) correct++;
  }
  return correct / n;
}

beforeAll(async () => {
  await loadLiteRtForNode();
  const mnist = loadMnistFromIdx();
  classifier = centroidClassifier(mnist.train.images, mnist.train.labels);
  test = mnist.test;
  calibration = scoreRange(classifier, mnist.train.images, 500);
  floatAccuracy = referenceAccuracy(classifier, test.images, test.labels, LIMIT);
}, 60_000);

/** Plans and runs a file the way the page and the corpus command do. */
async function run(bytes: Uint8Array, range?: '0-1' | '0-255') {
  const plan = planRun(bytes, inspectTflite(bytes), range);
  if (!plan.runs) throw new Error(`not runnable: ${plan.model.title}`);
  const result = await evaluateTflite(plan.bytes, test.images, test.labels, {
    limit: LIMIT,
    latencySamples: 10,
    inputRange: plan.feed.range,
  });
  return { plan, result };
}

describe('converter-shaped files in LiteRT.js on real MNIST', () => {
  it('the reference classifier is a real one', () => {
    expect(floatAccuracy).toBeGreaterThan(0.75);
  });

  it('raw uint8 [1, 28, 28] input + CAST: raw pixels are fed, accuracy equals the reference', async () => {
    const { plan, result } = await run(writeTfliteModel(castUint8Classifier(classifier)));
    expect(plan.feed.range).toBe('0-255');
    expect(result.inputType).toBe('uint8');
    expect(result.accuracy).toBeCloseTo(floatAccuracy, 2);
  });

  it('dynamic batch [-1, 28, 28, 1] with the SHAPE chain: runs from the pinned copy', async () => {
    const bytes = writeTfliteModel(dynamicBatchClassifier(classifier));
    const { plan, result } = await run(bytes);
    expect(plan.pinnedTensors).toBe(5);
    expect(plan.bytes).not.toBe(bytes);
    expect(result.accuracy).toBeCloseTo(floatAccuracy, 2);
  });

  it('the wrong pixel range costs accuracy (so the feed matters)', async () => {
    const { result } = await run(writeTfliteModel(dynamicBatchClassifier(classifier)), '0-255');
    expect(result.accuracy).toBeLessThan(floatAccuracy - 0.05);
  });

  it('uint8 quantized I/O around int8: quantized feed and scores, accuracy near the reference', async () => {
    const bytes = writeTfliteModel(uint8QuantizedClassifier(classifier, calibration));
    const { plan, result } = await run(bytes);
    expect(plan.feed).toMatchObject({ type: 'UINT8', range: '0-1' });
    expect(result.outputType).toBe('uint8');
    expect(Math.abs(result.accuracy - floatAccuracy)).toBeLessThan(0.03);
  });
});
