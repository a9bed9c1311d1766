import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import { randomWeights } from '../graph/random-weights';
import { runGraph } from '../graph/reference/run-graph';
import { agreement, argmaxRows } from '../eval/metrics';
import { PRESET_IDS, type PresetId } from '../model/presets';
import { quantizeGraph, quantizeModel } from './quantize-graph';
import { DEFAULT_RECIPE, type QuantRecipe } from './recipe';
import { QUANT_MODES, storesInt4Weights, type QuantMode } from '../modes/lab-modes';
import { checkQuantSpec } from './spec-check';

const mnist = loadMnistFromIdx();
const calibration = imagesToFloat(mnist.train, 0, 100);
// The deep preset costs about 30x the tutorial per image in the reference interpreter.
const TEST_N = 120;
const testImages = imagesToFloat(mnist.test, 0, TEST_N);

const floatGraphs = new Map<PresetId, Graph>(
  PRESET_IDS.map((id) => [id, modelToGraph({ preset: id, weights: randomWeights(id, 42) })]),
);

/**
 * Argmax of the logits (the FULLY_CONNECTED output before SOFTMAX), dequantized. Untrained networks give
 * near-uniform probabilities (about 0.1 each), which int8 softmax outputs (steps of 1/256) turn into ties,
 * so agreement on random weights is measured on logits; the trained-model test compares probabilities.
 */
function logitsArgmax(g: Graph): Uint8Array {
  const index = g.tensors.findIndex((t) => t.name.endsWith('/logits'));
  const logits = runGraph(g, testImages, TEST_N, { capture: true }).captured?.get(index);
  if (!logits) throw new Error('no logits tensor');
  return argmaxRows(logits, 10);
}

const floatArgmax = new Map<PresetId, Uint8Array>(
  PRESET_IDS.map((id) => [id, logitsArgmax(floatGraphs.get(id) as Graph)]),
);

const kinds = (g: Graph) => g.ops.map((o) => o.kind);
const dtypeOf = (g: Graph, name: string) => g.tensors.find((t) => t.name === name)?.dtype;

describe.each(PRESET_IDS)('preset %s', (id) => {
  it.each(QUANT_MODES)('%s: within spec and agrees with float on real MNIST', (mode) => {
    const { graph } = quantizeModel(floatGraphs.get(id) as Graph, calibration, { ...DEFAULT_RECIPE, mode });
    expect(checkQuantSpec(graph)).toEqual([]);
    // 4-bit weights (15 levels) move untrained logits further than int8 does.
    const floor = storesInt4Weights(mode) ? 0.8 : 0.95;
    expect(agreement(logitsArgmax(graph), floatArgmax.get(id) as Uint8Array)).toBeGreaterThan(floor);
  });
});

describe('graph layout per mode (tutorial)', () => {
  const float = floatGraphs.get('tutorial') as Graph;
  const build = (mode: QuantMode, extra: Partial<QuantRecipe> = {}) =>
    quantizeModel(float, calibration, { ...DEFAULT_RECIPE, mode, ...extra }).graph;

  it('float32 is unchanged', () => {
    const g = build('float32');
    expect(kinds(g)).toEqual(kinds(float));
    expect(g.tensors.map((t) => t.dtype)).toEqual(float.tensors.map((t) => t.dtype));
  });

  it('dynamic: the 108-weight conv stays float, dense weights int8 per tensor, FC asymmetric inputs', () => {
    const g = build('dynamic');
    expect(dtypeOf(g, 'conv2d_0/w')).toBe('float32');
    expect(dtypeOf(g, 'dense_3/w')).toBe('int8');
    expect(dtypeOf(g, 'dense_3/b')).toBe('float32');
    expect(g.tensors.find((t) => t.name === 'dense_3/w')?.quant?.scale.length).toBe(1);
    expect(g.ops.find((o) => o.kind === 'FULLY_CONNECTED')).toMatchObject({ asymmetricQuantizeInputs: true });
    const all = build('dynamic', { dynamicMinElements: 1 });
    expect(all.tensors.find((t) => t.name === 'conv2d_0/w')?.quant?.scale.length).toBe(12);
  });

  it('int8: QUANTIZE first, DEQUANTIZE last, int8 inside, int32 biases, softmax 1/256', () => {
    const g = build('int8');
    expect(kinds(g)).toEqual([
      'QUANTIZE',
      'CONV_2D',
      'MAX_POOL_2D',
      'RESHAPE',
      'FULLY_CONNECTED',
      'SOFTMAX',
      'DEQUANTIZE',
    ]);
    expect(g.tensors[g.inputs[0]]).toMatchObject({ name: 'input', dtype: 'float32' });
    expect(g.tensors[g.outputs[0]]).toMatchObject({ name: 'probabilities', dtype: 'float32' });
    expect(dtypeOf(g, 'conv2d_0/b')).toBe('int32');
    expect(g.tensors.find((t) => t.name === 'input/int8')?.quant).toMatchObject({ zeroPoint: [-128] });
    expect(g.tensors.find((t) => t.name === 'input/int8')?.quant?.scale[0]).toBeCloseTo(1 / 255, 9);
  });

  it('int8-io: int8 input (1/255, -128) and int8 output, no boundary ops', () => {
    const g = build('int8-io');
    expect(kinds(g)).toEqual(['CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    const input = g.tensors[g.inputs[0]];
    expect(input).toMatchObject({ name: 'input', dtype: 'int8' });
    expect(input.quant?.scale[0]).toBeCloseTo(1 / 255, 9);
    expect(input.quant?.zeroPoint).toEqual([-128]);
    expect(g.tensors[g.outputs[0]]).toMatchObject({ name: 'probabilities', dtype: 'int8' });
    expect(runGraph(g, testImages.subarray(0, 784), 1).raw).toBeInstanceOf(Int8Array);
  });

  it('float16: one DEQUANTIZE per constant, biases included', () => {
    const g = build('float16');
    expect(kinds(g).filter((k) => k === 'DEQUANTIZE')).toHaveLength(4);
    expect(g.tensors.filter((t) => t.data).every((t) => t.dtype === 'float16')).toBe(true);
  });

  it('int16x8: int16 activations with zero point 0, int64 biases, softmax 1/32768', () => {
    const g = build('int16x8');
    expect(kinds(g)[0]).toBe('QUANTIZE');
    expect(dtypeOf(g, 'conv2d_0/out')).toBe('int16');
    expect(dtypeOf(g, 'conv2d_0/b')).toBe('int64');
    expect(g.tensors.find((t) => t.name === 'probabilities/int16')?.quant).toMatchObject({
      scale: [1 / 32768],
      zeroPoint: [0],
    });
  });

  it('keepFloat leaves the chosen op in float between DEQUANTIZE and QUANTIZE', () => {
    const g = build('int8', { keepFloat: ['dense_3/logits'] });
    expect(kinds(g)).toEqual([
      'QUANTIZE',
      'CONV_2D',
      'MAX_POOL_2D',
      'RESHAPE',
      'DEQUANTIZE',
      'FULLY_CONNECTED',
      'QUANTIZE',
      'SOFTMAX',
      'DEQUANTIZE',
    ]);
    expect(dtypeOf(g, 'dense_3/w')).toBe('float32');
    expect(checkQuantSpec(g)).toEqual([]);
  });

  it('int modes need stats', () => {
    expect(() => quantizeGraph(float, undefined, { ...DEFAULT_RECIPE, mode: 'int8' })).toThrow(/calibration/);
  });
});
