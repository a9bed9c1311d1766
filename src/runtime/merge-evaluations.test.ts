// Scoring a file in two halves (two runtime workers) must give what one call gives: the real LiteRT.js in
// Node on a tutorial CNN file written by the lab, scored on real MNIST test images, and the raw outputs of an
// RGB model's file (an unlabelled run's).
import { beforeAll, expect, it } from 'vitest';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomArchitectureWeights, randomWeights } from '../core/graph/random-weights';
import { imagesToFloat } from '../core/mnist/dataset';
import { quantizeModel } from '../core/quant/quantize-graph';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { writeTflite } from '../core/tflite/write-tflite';
import { rgbBlock } from '../core/model/testing/architectures';
import { evaluateTflite, runTfliteOutputs } from './litert-eval';
import { mergeEvaluations, mergeOutputs } from './merge-evaluations';

const RGB_BLOCK = rgbBlock({ size: 16, stride: 2, filters: 8, pointwise: 16, classes: 5 });

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

it('outputs of an RGB model run in two halves merged equal one run of all inputs', async () => {
  const graph = modelToGraph({
    preset: 'imported',
    architecture: RGB_BLOCK,
    weights: randomArchitectureWeights(RGB_BLOCK, 2),
  });
  const bytes = writeTflite(graph);
  const per = RGB_BLOCK.inputShape.reduce((a, b) => a * b, 1);
  const n = 7;
  const inputs = Float32Array.from({ length: n * per }, (_, i) => ((i * 7919) % 1000) / 1000);
  const timed = async (from: number, to: number) => ({
    ...(await runTfliteOutputs(bytes, inputs.slice(from * per, to * per), to - from)),
    seconds: to - from,
  });
  const whole = await timed(0, n);
  const merged = mergeOutputs([await timed(0, 3), await timed(3, n)]);
  expect(Array.from(merged.outputs)).toEqual(Array.from(whole.outputs));
  expect(merged.msPerImage).toHaveLength(n);
  expect([merged.engine, merged.seconds]).toEqual([whole.engine, 4]);
});
