// Float32 .tflite -> the lab's model: the lab's own float32 files round-trip exactly (architecture and
// weights), a file shaped like TensorFlow's converter output imports as the tutorial CNN, and files
// the lab cannot import give their sentences.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import { randomArchitectureWeights, randomWeights, seededRandom } from '../graph/random-weights';
import { runGraph } from '../graph/reference/run-graph';
import { ALL_OPS } from '../model/testing/architectures';
import { PRESETS, type PresetId } from '../model/presets';
import type { ModelArchitecture } from '../model/architecture';
import { DEFAULT_RECIPE } from '../quant/recipe';
import { quantizeModel } from '../quant/quantize-graph';
import { writeTflite } from '../tflite/write-tflite';
import { castUint8Classifier, edgeTpuLikeModel, SpecBuilder } from '../tflite/testing/converter-fixtures';
import { writeTfliteModel } from '../tflite/write-tflite';
import { tutorialConverterFile } from './testing/converter-cnn';
import { importTfliteModel, layerNameFromTensor, ohwiToHwio, TFLITE_OPS } from './tflite-to-model';
import { hwioToOhwi } from '../graph/layer-to-ops';

const strip = (arch: ModelArchitecture) => arch.layers.map(({ name: _n, inputs: _i, ...rest }) => rest);

/** A functional model with an ADD skip connection and AVERAGE_POOL_2D. */
const RESIDUAL: ModelArchitecture = {
  id: 'residual',
  name: 'residual',
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', name: 'stem', filters: 4, kernel: 3, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'conv2d', name: 'branch', filters: 4, kernel: 3, strides: 1, padding: 'same', activation: 'linear' },
    { type: 'add', name: 'sum', inputs: ['stem', 'branch'], activation: 'relu6' },
    { type: 'avgPool2d', name: 'pool', pool: 4, strides: 4 },
    { type: 'flatten', name: 'flat' },
    { type: 'dense', name: 'logits', units: 10, activation: 'softmax' },
  ],
};

describe('importTfliteModel: the lab float32 file round-trips', () => {
  const cases: [string, ModelArchitecture][] = [
    ...(['tutorial', 'deep', 'separable'] as PresetId[]).map((p): [string, ModelArchitecture] => [p, PRESETS[p]]),
    ['residual (ADD, AVERAGE_POOL_2D)', RESIDUAL],
  ];
  it.each(cases)('%s', (_, arch) => {
    const weights = randomArchitectureWeights(arch, 7);
    const bytes = writeTflite(modelToGraph({ preset: 'imported', architecture: arch, weights }));
    const got = importTfliteModel(bytes, 'x.tflite');
    expect(got.source).toEqual({ kind: 'tflite', file: 'x.tflite' });
    expect(got.architecture.inputShape).toEqual(arch.inputShape);
    expect(strip(got.architecture)).toEqual(strip(arch));
    expect(got.weights.map((w) => w.shape)).toEqual(weights.map((w) => w.shape));
    got.weights.forEach((w, i) => expect(w.values).toEqual(weights[i].values));
    // ... and the imported model writes the same graph again (op for op, constant for constant).
    const again = modelToGraph({ preset: 'imported', architecture: got.architecture, weights: got.weights });
    const first = modelToGraph({ preset: 'imported', architecture: arch, weights });
    expect(again.ops.map((o) => o.kind)).toEqual(first.ops.map((o) => o.kind));
    expect(again.tensors.map((t) => t.data)).toEqual(first.tensors.map((t) => t.data));
  });
});

describe('importTfliteModel: converter-shaped files', () => {
  it('imports the tutorial CNN as the converter writes it (SHAPE chain, [1, 28, 28] input, OHWI)', () => {
    const weights = randomWeights('tutorial', 3);
    const got = importTfliteModel(tutorialConverterFile(weights), 'model.tflite');
    expect(got.architecture.inputShape).toEqual([28, 28, 1]);
    expect(got.architecture.layers.map((l) => [l.type, l.name])).toEqual([
      ['conv2d', 'conv2d'],
      ['maxPool2d', 'max_pooling2d'],
      ['flatten', 'flatten'],
      ['dense', 'dense'],
    ]);
    expect(got.architecture.layers[3]).toMatchObject({ activation: 'softmax', units: 10 });
    expect(got.architecture.layers[0]).toMatchObject({ activation: 'relu', filters: 12, kernel: 3 });
    got.weights.forEach((w, i) => {
      expect(w.shape).toEqual(weights[i].shape);
      expect(w.values).toEqual(weights[i].values);
    });
    expect(got.notes.join(' ')).toMatch(/SHAPE, STRIDED_SLICE, PACK/);
  });

  it('names layers from converter tensor names', () => {
    expect(layerNameFromTensor('sequential/conv2d/Relu;sequential/conv2d/BiasAdd', 'x')).toBe('conv2d');
    expect(layerNameFromTensor('StatefulPartitionedCall:0', 'softmax_5')).toBe('StatefulPartitionedCall_0');
    expect(layerNameFromTensor('1', 'conv_2d_0')).toBe('conv_2d_0');
  });

  it('OHWI -> HWIO inverts the writer transpose', () => {
    const w = Float32Array.from({ length: 2 * 3 * 3 * 4 }, (_, i) => i);
    expect(ohwiToHwio(hwioToOhwi(w, 3, 3, 2, 4), 4, 3, 3, 2)).toEqual(w);
  });
});

/** A graph of one op the lab has no layer for (SQUARE). */
function withSquare(): Uint8Array {
  const g = new SpecBuilder();
  const x = g.tensor('in', [1, 28, 28, 1], 'float32');
  const y = g.tensor('model/square', [1, 28, 28, 1], 'float32');
  g.op('SQUARE', [x], [y]);
  return writeTfliteModel(g.spec([x], [y]));
}

function quantizedTutorial(mode: 'int8' | 'float16' | 'dynamic'): Uint8Array {
  const graph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) });
  const images = Float32Array.from({ length: 8 * 784 }, (_, i) => (i % 97) / 97);
  return writeTflite(quantizeModel(graph, images, { ...DEFAULT_RECIPE, mode, calibrationSamples: 8 }).graph);
}

function threeDimInput(): Uint8Array {
  const graph: Graph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) });
  graph.tensors[0] = { ...graph.tensors[0], shape: [1, 2, 28, 28, 1] };
  return writeTflite({ ...graph, ops: [], outputs: [0] });
}

describe('importTfliteModel: refusals are sentences', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['not a FlatBuffer', () => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), /x\.tflite is not a readable \.tflite file/],
    [
      'truncated',
      () => tutorialConverterFile(randomWeights('tutorial', 1)).slice(0, 300),
      /x\.tflite is not a readable|cannot be imported/,
    ],
    ['int8', () => quantizedTutorial('int8'), /already quantized \(QUANTIZE\).*inspector/],
    ['float16', () => quantizedTutorial('float16'), /already quantized \(DEQUANTIZE\).*inspector/],
    [
      'dynamic range',
      () => quantizedTutorial('dynamic'),
      /already quantized \(dynamic range: float input and output, weights like INT8 tensor .*inspector/,
    ],
    [
      'uint8 input with CAST',
      () => writeTfliteModel(castUint8Classifier({ weights: new Float32Array(7840), bias: new Float32Array(10) })),
      /takes a UINT8 input/,
    ],
    ['Edge TPU custom op', () => writeTfliteModel(edgeTpuLikeModel()), /already quantized/],
    [
      'unsupported op',
      withSquare,
      new RegExp(`uses SQUARE \\(operator 0\\).*Supported: ${Object.keys(TFLITE_OPS).join(', ')}\\.`),
    ],
    ['rank-4 input', threeDimInput, /takes \[2, 28, 28, 1\] inputs/],
  ];
  it.each(cases)('%s', (_, make, message) => {
    expect(() => importTfliteModel(make(), 'x.tflite')).toThrow(message);
  });

  it('a constant ADD operand is named', () => {
    const g = new SpecBuilder();
    const x = g.tensor('in', [1, 4, 4, 1], 'float32');
    const k = g.constant('k', [1, 4, 4, 1], 'float32', new Float32Array(16));
    const y = g.tensor('m/add', [1, 4, 4, 1], 'float32');
    g.op('ADD', [x, k], [y], 'AddOptions', { fused_activation_function: 'NONE' });
    expect(() => importTfliteModel(writeTfliteModel(g.spec([x], [y])), 'x.tflite')).toThrow(/adding a constant/);
  });
});

describe('importTfliteModel: the ops imported models add', () => {
  it('ALL_OPS (PAD, LEAKY_RELU, HARD_SWISH, SUB, LOGISTIC, MUL, CONCATENATION, TANH, MEAN) computes what the file does', () => {
    const weights = randomArchitectureWeights(ALL_OPS, 5);
    const graph = modelToGraph({ preset: 'imported', architecture: ALL_OPS, weights });
    const got = importTfliteModel(writeTflite(graph), 'all.tflite');
    const again = modelToGraph({ preset: 'imported', ...got });
    expect(again.ops.map((o) => o.kind)).toEqual(graph.ops.map((o) => o.kind));
    const rand = seededRandom(3);
    const x = Float32Array.from({ length: 4 * 784 }, () => rand());
    const want = runGraph(graph, x, 4).outputs;
    const have = runGraph(again, x, 4).outputs;
    for (let i = 0; i < want.length; i++) expect(have[i]).toBeCloseTo(want[i], 6);
  });
});
