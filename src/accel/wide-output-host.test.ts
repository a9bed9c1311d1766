/**
 * The 16x8 host output stage (wide-output-host.ts) on shapes the presets do not reach: a 4x4 pool window
 * (the general window loop, not the unrolled 2x2 one) and a conv whose reduction is split into chunks before a
 * pool (more than two partial sums). Raw outputs of runGraphTfjs on WASM against the reference interpreter,
 * on real MNIST images with random seeded weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/select-backend';
import type { LayerSpec, ModelArchitecture } from '../core/model/architecture';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomArchitectureWeights } from '../core/graph/random-weights';
import { runGraph } from '../core/graph/reference/run-graph';
import { imagesToFloat } from '../core/mnist/dataset';
import { quantizeModel } from '../core/quant/quantize-graph';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { loadMnistFromIdx } from '../node/mnist-node';
import { MAX_EXACT_TERMS } from './weighted-ops-tfjs';
import { runGraphTfjs } from './simulate-tfjs';

const conv = (name: string, input: string, filters: number): LayerSpec => ({
  type: 'conv2d',
  name,
  inputs: [input],
  filters,
  kernel: 3,
  strides: 1,
  padding: 'same',
  activation: 'relu',
});
const head = (input: string): LayerSpec[] => [
  { type: 'flatten', name: 'f', inputs: [input] },
  { type: 'dense', name: 'd', inputs: ['f'], units: 10, activation: 'softmax' },
];

/** 64 input channels x 3x3 = 576 terms > MAX_EXACT_TERMS: the second conv sums in two chunks. */
const WIDE_CHANNELS = 64;

const ARCHITECTURES: ModelArchitecture[] = [
  {
    id: 'imported',
    name: 'conv, 4x4 max pool',
    inputShape: [28, 28, 1],
    layers: [conv('c', 'input', 4), { type: 'maxPool2d', name: 'p', inputs: ['c'], pool: 4, strides: 4 }, ...head('p')],
  },
  {
    id: 'imported',
    name: 'chunked conv, 2x2 max pool',
    inputShape: [28, 28, 1],
    layers: [
      conv('c1', 'input', WIDE_CHANNELS),
      conv('c2', 'c1', 4),
      { type: 'maxPool2d', name: 'p', inputs: ['c2'], pool: 2, strides: 2 },
      ...head('p'),
    ],
  },
];

const IMAGES = 40;
const mnist = loadMnistFromIdx();
const calibration = imagesToFloat(mnist.train, 0, 50);
const test = imagesToFloat(mnist.test, 0, IMAGES);

describe('16x8 host output stage', () => {
  beforeAll(async () => {
    expect((await initBackend('wasm')).name).toBe('wasm');
  });

  it('splits the second conv into chunks', () => {
    expect(WIDE_CHANNELS * 9).toBeGreaterThan(MAX_EXACT_TERMS);
  });

  it.each(ARCHITECTURES.map((a) => [a.name, a] as const))('%s: raw outputs equal the reference', (_, architecture) => {
    const floatGraph = modelToGraph({
      preset: 'tutorial',
      architecture,
      weights: randomArchitectureWeights(architecture, 3),
    });
    const graph = quantizeModel(floatGraph, calibration, { ...DEFAULT_RECIPE, mode: 'int16x8' }).graph;
    const want = runGraph(graph, test, IMAGES).raw;
    const got = runGraphTfjs(graph, test, IMAGES).raw;
    expect(got.length).toBe(IMAGES * 10);
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});
