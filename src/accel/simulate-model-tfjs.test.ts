/**
 * simulateModelAccelerated reuses the previous simulation for a graph that computes the same thing
 * (simulation-key.ts): int8-io right after int8 gets predictions equal to its own reference simulation,
 * in a buffer of its own (callers transfer it); a graph that differs is simulated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/select-backend';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomWeights } from '../core/graph/random-weights';
import { takeFirst } from '../core/mnist/dataset';
import { simulateModel } from '../core/pipeline/convert';
import { quantizeModel } from '../core/quant/quantize-graph';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { imagesToFloat } from '../core/mnist/dataset';
import type { QuantMode } from '../core/modes/lab-modes';
import { loadMnistFromIdx } from '../node/mnist-node';
import { simulateModelAccelerated } from './simulate-model-tfjs';

const mnist = loadMnistFromIdx();
const test = takeFirst(mnist.test, 300);
const calibration = imagesToFloat(mnist.train, 0, 100);
const floatGraph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 7) });
const graphOf = (mode: QuantMode) => quantizeModel(floatGraph, calibration, { ...DEFAULT_RECIPE, mode }).graph;

describe('simulateModelAccelerated', () => {
  beforeAll(async () => {
    expect((await initBackend('wasm')).name).toBe('wasm');
  });

  it('shares the predictions of an identical simulated graph, and simulates one that differs', () => {
    const int8 = simulateModelAccelerated(graphOf('int8'), test);
    const io = graphOf('int8-io');
    const shared = simulateModelAccelerated(io, test);
    const own = simulateModel(io, test);
    expect(shared.predictions).toEqual(own.predictions);
    expect(shared.accuracy).toBe(own.accuracy);
    expect(shared.predictions.buffer).not.toBe(int8.predictions.buffer);
    const wide = graphOf('int16x8');
    expect(simulateModelAccelerated(wide, test).predictions).toEqual(simulateModel(wide, test).predictions);
  });
});
