import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import { randomArchitectureWeights, randomWeights } from '../graph/random-weights';
import { ALL_OPS } from '../model/testing/architectures';
import { quantizeModel } from '../quant/quantize-graph';
import { DEFAULT_RECIPE, type QuantRecipe } from '../quant/recipe';
import { type QuantMode } from '../modes/lab-modes';
import { FLAG_RMSE_OVER_SCALE } from './error-stats';
import { floatTensorName, layerErrors } from './layer-errors';

const mnist = loadMnistFromIdx();
const calibration = imagesToFloat(mnist.train, 0, 100);
const N = 50;
const images = imagesToFloat(mnist.test, 0, N);
const floatGraph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 42) });
const quantize = (mode: QuantMode, extra: Partial<QuantRecipe> = {}, cal = calibration): Graph =>
  quantizeModel(floatGraph, cal, { ...DEFAULT_RECIPE, mode, ...extra }).graph;
const byName = (rows: ReturnType<typeof layerErrors>) => Object.fromEntries(rows.map((r) => [r.tensorName, r]));

describe('floatTensorName', () => {
  it.each([
    ['conv2d_0/out', 'conv2d_0/out'],
    ['dense_3/logits/int8', 'dense_3/logits'],
    ['probabilities/int16', 'probabilities'],
    ['flatten_2/out/float32', 'flatten_2/out'],
  ])('%s -> %s', (q, f) => expect(floatTensorName(q)).toBe(f));
});

describe('layerErrors (tutorial preset, random weights, real MNIST)', () => {
  it('int8: one row per float op, QUANTIZE/DEQUANTIZE excluded, rounding-level errors', () => {
    const rows = layerErrors(floatGraph, quantize('int8'), images, N);
    expect(rows.map((r) => r.op)).toEqual(floatGraph.ops.map((o) => o.kind));
    expect(rows.map((r) => r.tensorName)).toEqual(floatGraph.ops.map((o) => floatGraph.tensors[o.outputs[0]].name));
    const conv = byName(rows)['conv2d_0/out'];
    expect(conv).toMatchObject({
      layer: 'conv2d_0',
      outputDtype: 'int8',
      weightDtype: 'int8',
      quantized: true,
      flagged: false,
    });
    expect(conv.numElements).toBe(N * 26 * 26 * 12);
    expect(conv.scale).toBeGreaterThan(0);
    // Rounding plus ReLU zeros (exact) puts a healthy layer at or below 1/sqrt(12).
    expect(conv.rmseOverScale as number).toBeGreaterThan(0.05);
    expect(conv.rmseOverScale as number).toBeLessThan(0.35);
    for (const r of rows) {
      expect(r.rmseOverScale as number).toBeLessThan(FLAG_RMSE_OVER_SCALE);
      expect(r.endToEnd.numElements).toBe(r.numElements);
      expect(Number.isFinite(r.rmse)).toBe(true);
    }
    // Max pool and reshape of int8 values add no error of their own, but carry the conv's error.
    const pool = rows[1];
    expect(pool.rmse).toBe(0);
    expect(pool.endToEnd.rmse).toBeGreaterThan(0);
  });

  it('float32: zero error everywhere', () => {
    const rows = layerErrors(floatGraph, quantize('float32'), images, N);
    expect(rows).toHaveLength(floatGraph.ops.length);
    for (const r of rows) {
      expect(r).toMatchObject({
        rmse: 0,
        maxAbsError: 0,
        meanError: 0,
        scale: null,
        rmseOverScale: null,
        flagged: false,
        quantized: false,
      });
      expect(r.endToEnd.rmse).toBe(0);
    }
  });

  it('a clipped output range is flagged', () => {
    // Shrink the conv output's step 10x (and its pool and reshape, which share its params): the range
    // now covers a tenth of what calibration measured.
    const g = quantize('int8');
    const scale = g.tensors.find((t) => t.name === 'conv2d_0/out')?.quant?.scale[0];
    for (const t of g.tensors)
      if (t.quant && t.quant.scale[0] === scale) t.quant = { ...t.quant, scale: [t.quant.scale[0] / 10] };
    const rows = byName(layerErrors(floatGraph, g, images, N));
    expect(rows['conv2d_0/out'].flagged).toBe(true);
    expect(rows['conv2d_0/out'].rmseOverScale as number).toBeGreaterThan(FLAG_RMSE_OVER_SCALE);
    // Max pool and reshape only move the clipped values: they add no error of their own.
    expect(
      Object.values(rows)
        .filter((r) => r.op === 'MAX_POOL_2D' || r.op === 'RESHAPE')
        .map((r) => r.flagged),
    ).toEqual([false, false]);
  });

  it('clipping at the input (calibrated on dimmed images) shows end to end, not in the next layer alone', () => {
    // Per layer, the conv is fed the already-clipped input, so the clipping is charged to the QUANTIZE
    // of the input (not an op row); the end-to-end numbers carry it.
    const dim = calibration.map((v) => v * 0.05);
    const conv = byName(layerErrors(floatGraph, quantize('int8', {}, dim), images, N))['conv2d_0/out'];
    expect(conv.endToEnd.rmseOverScale as number).toBeGreaterThan(FLAG_RMSE_OVER_SCALE);
    expect(conv.rmseOverScale as number).toBeLessThan(conv.endToEnd.rmseOverScale as number);
  });

  it.each([
    ['int16x8', 'int16', 'int8'],
    ['dynamic', 'float32', 'int8'],
    ['float16', 'float32', 'float16'],
  ] as const)('%s: conv output %s, weights %s', (mode, outputDtype, weightDtype) => {
    const rows = layerErrors(floatGraph, quantize(mode, { dynamicMinElements: 0 }), images, N);
    const conv = byName(rows)['conv2d_0/out'];
    expect(conv).toMatchObject({ outputDtype, weightDtype, quantized: true });
    expect(conv.rmse).toBeGreaterThan(0);
  });

  it('keepFloat: the kept op reports float output and weights, the others stay int8', () => {
    const rows = byName(layerErrors(floatGraph, quantize('int8', { keepFloat: ['dense_3/logits'] }), images, N));
    expect(rows['dense_3/logits']).toMatchObject({
      outputDtype: 'float32',
      weightDtype: 'float32',
      quantized: false,
      scale: null,
      rmse: 0,
    });
    expect(rows['conv2d_0/out'].outputDtype).toBe('int8');
    expect(rows['probabilities'].outputDtype).toBe('int8');
  });
});

describe('layerErrors on every imported-model op (ALL_OPS, random weights)', () => {
  it('int8: one row per float op, binary and concatenation ops fed all their inputs', () => {
    const g = modelToGraph({
      preset: 'imported',
      architecture: ALL_OPS,
      weights: randomArchitectureWeights(ALL_OPS, 5),
    });
    const q = quantizeModel(g, calibration, { ...DEFAULT_RECIPE, mode: 'int8' }).graph;
    const rows = layerErrors(g, q, images, 20);
    expect(rows.map((r) => r.op)).toEqual(g.ops.map((o) => o.kind));
    for (const op of ['SUB', 'MUL', 'CONCATENATION', 'LOGISTIC', 'TANH', 'HARD_SWISH', 'LEAKY_RELU', 'MEAN', 'PAD']) {
      const row = rows.find((r) => r.op === op);
      expect(row, op).toBeDefined();
      // Each op alone adds about rounding-level error on its own grid (rmse / scale near 1/sqrt(12) or less).
      expect(row!.rmseOverScale ?? 0, op).toBeLessThan(1);
    }
  });
});
