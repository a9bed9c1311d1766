// Scoring a file in two halves (two runtime workers) must give what one call gives: the real LiteRT.js in
// Node on a tutorial CNN file written by the lab, scored on real MNIST test images.
import { beforeAll, expect, it } from 'vitest';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomWeights } from '../core/graph/random-weights';
import { imagesToFloat } from '../core/mnist/dataset';
import { quantizeModel } from '../core/quant/quantize-graph';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { writeTflite } from '../core/tflite/write-tflite';
import { evaluateTflite } from './litert-eval';
import { mergeEvaluations } from './merge-evaluations';

beforeAll(async () => {
  await loadLiteRtForNode();
});

it.each(['int8', 'int16x8'] as const)('%s: two halves merged equal one evaluation of all images', async (mode) => {
  const mnist = loadMnistFromIdx();
  const graph = quantizeModel(
    modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 3) }),
    imagesToFloat(mnist.train, 0, 100),
    { ...DEFAULT_RECIPE, mode },
  ).graph;
  const bytes = writeTflite(graph);
  const n = 301;
  const images = mnist.test.images.slice(0, n * 784);
  const labels = mnist.test.labels.slice(0, n);
  const whole = await evaluateTflite(bytes, images, labels, { latencySamples: 50 });
  const h = 150;
  const merged = mergeEvaluations([
    await evaluateTflite(bytes, images.slice(0, h * 784), labels.slice(0, h), { latencySamples: 50 }),
    await evaluateTflite(bytes, images.slice(h * 784), labels.slice(h), { latencySamples: 0 }),
  ]);
  expect(Array.from(merged.predictions)).toEqual(Array.from(whole.predictions));
  expect([merged.correct, merged.count, merged.accuracy]).toEqual([whole.correct, whole.count, whole.accuracy]);
  expect(merged.latency.samples).toBe(50);
  expect(merged.engine).toBe(whole.engine);
});
