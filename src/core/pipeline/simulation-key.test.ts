/**
 * simulationKey: graphs with equal keys simulate to the same outputs. Held on the pair it exists for (int8 with
 * float I/O and int8-io, every preset and the all-ops architecture, random seeded weights, real MNIST images):
 * equal keys, and the reference interpreter's dequantized outputs equal element for element; unequal keys
 * for graphs that compute something else.
 */
import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import { randomArchitectureWeights, randomWeights } from '../graph/random-weights';
import { runGraph } from '../graph/reference/run-graph';
import { imagesToFloat } from '../mnist/dataset';
import { PRESET_IDS } from '../model/presets';
import { ALL_OPS } from '../model/testing/architectures';
import { quantizeModel } from '../quant/quantize-graph';
import { DEFAULT_RECIPE } from '../quant/recipe';
import type { QuantMode } from '../modes/lab-modes';
import { sameSimulation, simulationKey } from './simulation-key';

const mnist = loadMnistFromIdx();
const calibration = imagesToFloat(mnist.train, 0, 100);
const IMAGES = 60;
const test = imagesToFloat(mnist.test, 0, IMAGES);

const models = [
  ...PRESET_IDS.map((preset) => ({ name: preset, model: () => ({ preset, weights: randomWeights(preset, 7) }) })),
  {
    name: 'all ops',
    model: () => ({
      preset: 'tutorial' as const,
      architecture: ALL_OPS,
      weights: randomArchitectureWeights(ALL_OPS, 5),
    }),
  },
];

function quantized(name: string, mode: QuantMode, seed = 7): Graph {
  const entry = models.find((m) => m.name === name)!;
  const model = seed === 7 ? entry.model() : { preset: 'tutorial' as const, weights: randomWeights('tutorial', seed) };
  return quantizeModel(modelToGraph(model), calibration, { ...DEFAULT_RECIPE, mode }).graph;
}

describe.each(models.map((m) => m.name))('%s', (name) => {
  it('int8 and int8-io have one key and simulate to the same outputs', () => {
    const int8 = quantized(name, 'int8');
    const io = quantized(name, 'int8-io');
    expect(int8.ops.length).toBe(io.ops.length + 2);
    expect(sameSimulation(simulationKey(int8), simulationKey(io))).toBe(true);
    const a = runGraph(int8, test, IMAGES).outputs;
    const b = runGraph(io, test, IMAGES).outputs;
    expect(a.length).toBe(IMAGES * 10);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('other modes have other keys', () => {
    const int8 = simulationKey(quantized(name, 'int8'));
    for (const mode of ['float32', 'dynamic', 'float16', 'int16x8'] as const)
      expect(sameSimulation(int8, simulationKey(quantized(name, mode)))).toBe(false);
  });
});

describe('sameSimulation', () => {
  it('tells apart other weights, and any changed constant byte', () => {
    const a = simulationKey(quantized('tutorial', 'int8'));
    expect(sameSimulation(a, simulationKey(quantized('tutorial', 'int8', 8)))).toBe(false);
    const changed = a.constants.map((c, i) => (i === 1 ? Uint8Array.from(c, (v, j) => (j === 3 ? v ^ 1 : v)) : c));
    expect(sameSimulation(a, { text: a.text, constants: changed })).toBe(false);
    expect(sameSimulation(a, { text: a.text, constants: a.constants.map((c) => c.slice()) })).toBe(true);
  });
});
