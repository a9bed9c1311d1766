import { describe, expect, it } from 'vitest';
import { modelToGraph } from '../graph/model-to-graph';
import { randomArchitectureWeights, randomWeights } from '../graph/random-weights';
import type { ModelArchitecture } from '../model/architecture';
import { QUANT_MODES, runsOnSlowKernels } from '../modes/lab-modes';
import { macsPerImage, runtimeImageCount, SLOW_MODE_MIN_IMAGES } from './runtime-subset';

const tutorial = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) });

/** 224x224x3 convs: 224 * 224 * 64 * 27 = 86.7 M MACs, and then 224 * 224 * 64 * 576 = 1.85 G more. */
const wide = (layers: number): ModelArchitecture => ({
  id: 'wide',
  name: 'wide',
  inputShape: [224, 224, 3],
  layers: [
    ...Array.from({ length: layers }, () => ({
      type: 'conv2d' as const,
      filters: 64,
      kernel: 3,
      strides: 1,
      padding: 'same' as const,
      activation: 'relu' as const,
    })),
    { type: 'globalAvgPool2d' as const, keepDims: false },
    { type: 'dense' as const, units: 10, activation: 'softmax' as const },
  ],
});
const graphOf = (arch: ModelArchitecture) =>
  modelToGraph({ preset: 'imported', architecture: arch, weights: randomArchitectureWeights(arch, 1) });
const oneConv = graphOf(wide(1));
const twoConvs = graphOf(wide(2));

describe('macsPerImage', () => {
  it.each([
    ['tutorial CNN: conv 26 * 26 * 12 * 9, dense 2028 * 10', tutorial, 26 * 26 * 12 * 9 + 2028 * 10],
    ['one 224x224 conv, dense 64 * 10', oneConv, 224 * 224 * 64 * 27 + 640],
    ['two 224x224 convs', twoConvs, 224 * 224 * 64 * (27 + 576) + 640],
  ])('%s', (_, graph, macs) => {
    expect(macsPerImage(graph)).toBe(macs);
  });
});

describe('runtimeImageCount', () => {
  it('16x8 and the int4-weight modes run on slow kernels; dynamic range (int8 weights) does not', () => {
    expect(QUANT_MODES.filter(runsOnSlowKernels)).toEqual(['int16x8', 'dynamic-int4', 'int4']);
  });

  it.each([
    ['int8', twoConvs, 100, 100],
    ['float32', twoConvs, 100, 100],
    ['int16x8', tutorial, 100, 100],
    ['dynamic', twoConvs, 100, 100],
    // MNIST: every one of the 10,000 test images fits the budget (93,312 MACs an image).
    ['int16x8', tutorial, 10_000, 10_000],
    ['int4', tutorial, 10_000, 10_000],
    ['int4', oneConv, 100, 23],
    ['dynamic-int4', twoConvs, 100, SLOW_MODE_MIN_IMAGES],
    ['int16x8', oneConv, 100, 23], // floor(2e9 / 86.7 M)
    ['int16x8', twoConvs, 100, SLOW_MODE_MIN_IMAGES],
    ['int16x8', twoConvs, 5, 5],
  ] as const)('%s of a graph of %#: %i images give %i', (mode, graph, count, want) => {
    expect(runtimeImageCount(mode, graph, count)).toBe(want);
  });
});
