// The Keras translation against TF.js's own reading of the same Keras config: tfjs-layers builds the
// model from the config JSON (its deserializer is independent of the lab's importer), the lab imports
// config + weights, and the lab's reference interpreter on the converted graph must give TF.js's outputs.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelToGraph } from '../graph/model-to-graph';
import { seededRandom } from '../graph/random-weights';
import { runGraph } from '../graph/reference/run-graph';
import { importKerasModel } from './keras-to-model';
import { ModelImportError, type KerasModelFile, type RawWeight } from './model-file';
import { modelConfig, type FixtureLayer, type FixtureModel } from './testing/keras-config';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const L = (
  className: string,
  name: string,
  config: Record<string, unknown> = {},
  inbound?: string[],
): FixtureLayer => ({
  className,
  name,
  config,
  ...(inbound ? { inbound } : {}),
});
const input = (shape: number[]) => L('InputLayer', 'input_1', { batch_input_shape: [null, ...shape] });
const seq = (...layers: FixtureLayer[]): FixtureModel => ({ className: 'Sequential', name: 'sequential', layers });
const conv = (name: string, filters: number, extra: Record<string, unknown> = {}) =>
  L('Conv2D', name, {
    filters,
    kernel_size: [3, 3],
    strides: [1, 1],
    padding: 'valid',
    activation: 'linear',
    ...extra,
  });
const dense = (name: string, units: number, activation = 'softmax') => L('Dense', name, { units, activation });

/** Weights TF.js initialised for the config, with non-trivial BatchNormalization statistics. */
function weightsOf(model: tfl.LayersModel): Record<string, RawWeight[]> {
  const rand = seededRandom(5);
  const out: Record<string, RawWeight[]> = {};
  for (const layer of model.layers) {
    out[layer.name] = layer.weights.map((v) => {
      const role = v.originalName.split('/').pop() as string;
      const values = Float32Array.from(v.read().dataSync() as Float32Array);
      if (role === 'moving_variance') values.forEach((_, i) => (values[i] = 0.5 + rand()));
      if (role === 'moving_mean' || role === 'beta' || role === 'bias')
        values.forEach((_, i) => (values[i] = rand() - 0.5));
      if (role === 'gamma') values.forEach((_, i) => (values[i] = 0.5 + rand()));
      return { name: `${layer.name}/${role}:0`, shape: v.shape as number[], values };
    });
    layer.setWeights(out[layer.name].map((w) => tf.tensor(w.values, w.shape)));
  }
  return out;
}

const CASES: [string, FixtureModel, string[]][] = [
  [
    'tutorial (Reshape folded into the input)',
    seq(
      input([28, 28]),
      L('Reshape', 'reshape', { target_shape: [28, 28, 1] }),
      conv('conv2d', 12, { activation: 'relu' }),
      L('MaxPooling2D', 'max_pooling2d', { pool_size: [2, 2] }),
      L('Flatten', 'flatten'),
      dense('dense', 10),
    ),
    ['conv2d', 'maxPool2d', 'flatten', 'dense'],
  ],
  [
    'Conv (no bias) -> BatchNormalization -> ReLU, Dropout, SAME pooling that tiles',
    seq(
      input([28, 28, 1]),
      conv('c', 8, { use_bias: false }),
      L('BatchNormalization', 'bn', { axis: -1, epsilon: 0.001 }),
      L('ReLU', 'relu'),
      L('MaxPooling2D', 'p', { pool_size: [2, 2], padding: 'same' }),
      L('Dropout', 'drop', { rate: 0.5 }),
      L('Flatten', 'f'),
      dense('d', 10),
    ),
    ['conv2d', 'maxPool2d', 'flatten', 'dense'],
  ],
  [
    'MLP on [784] with Dense -> BatchNormalization -> Activation(relu6) and a separate Softmax',
    seq(
      input([784]),
      dense('h', 32, 'linear'),
      L('BatchNormalization', 'bn'),
      L('Activation', 'a', { activation: 'relu6' }),
      dense('logits', 10, 'linear'),
      L('Softmax', 'sm'),
    ),
    ['flatten', 'dense', 'dense'],
  ],
  [
    'SeparableConv2D, DepthwiseConv2D, GlobalAveragePooling2D, Rescaling at the input',
    seq(
      input([28, 28, 1]),
      L('Rescaling', 'rescale', { scale: 1, offset: 0 }),
      L('SeparableConv2D', 'sep', {
        filters: 8,
        kernel_size: [3, 3],
        strides: [2, 2],
        padding: 'same',
        depth_multiplier: 1,
        activation: 'relu',
      }),
      L('DepthwiseConv2D', 'dw', {
        kernel_size: [3, 3],
        strides: [1, 1],
        padding: 'same',
        depth_multiplier: 2,
        activation: 'relu',
      }),
      L('GlobalAveragePooling2D', 'gap'),
      dense('d', 10),
    ),
    ['depthwiseConv2d', 'conv2d', 'depthwiseConv2d', 'globalAvgPool2d', 'dense'],
  ],
];

CASES.push([
  'a 32x32 RGB input keeps its shape',
  seq(input([32, 32, 3]), conv('c', 4, { activation: 'relu' }), L('Flatten', 'f'), dense('d', 10)),
  ['conv2d', 'flatten', 'dense'],
]);

const fn = (...layers: FixtureLayer[]): FixtureModel => ({ className: 'Functional', name: 'model', layers });
CASES.push([
  'functional: Conv-BN-ReLU, Conv-BN, Add skip, ReLU (BN folded, ReLUs fused into the conv and the ADD)',
  fn(
    input([28, 28, 1]),
    L('Conv2D', 'a', { filters: 6, kernel_size: [3, 3], strides: [2, 2], padding: 'same', use_bias: false }, [
      'input_1',
    ]),
    L('BatchNormalization', 'bn_a', {}, ['a']),
    L('ReLU', 'relu_a', {}, ['bn_a']),
    L('Conv2D', 'b', { filters: 6, kernel_size: [3, 3], strides: [1, 1], padding: 'same' }, ['relu_a']),
    L('BatchNormalization', 'bn_b', {}, ['b']),
    L('Add', 'skip', {}, ['relu_a', 'bn_b']),
    L('Activation', 'relu_skip', { activation: 'relu' }, ['skip']),
    L('GlobalAveragePooling2D', 'gap', {}, ['relu_skip']),
    L('Dense', 'd', { units: 10, activation: 'softmax' }, ['gap']),
  ),
  ['conv2d', 'conv2d', 'add', 'globalAvgPool2d', 'dense'],
]);
CASES.push([
  'functional: ZeroPadding2D, tanh and sigmoid convs, Multiply, LeakyReLU, Concatenate, swish, GAP, sigmoid Dense',
  fn(
    input([28, 28, 1]),
    L(
      'ZeroPadding2D',
      'pad',
      {
        padding: [
          [1, 2],
          [0, 1],
        ],
      },
      ['input_1'],
    ),
    L('Conv2D', 'a', { filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'valid', activation: 'tanh' }, [
      'pad',
    ]),
    L('Conv2D', 'b', { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'same', activation: 'sigmoid' }, [
      'a',
    ]),
    L('Multiply', 'gate', {}, ['a', 'b']),
    L('LeakyReLU', 'leaky', { alpha: 0.25 }, ['gate']),
    L('Concatenate', 'cat', { axis: -1 }, ['a', 'leaky']),
    L('Activation', 'sw', { activation: 'swish' }, ['cat']),
    L('GlobalAveragePooling2D', 'gap', {}, ['sw']),
    L('Dense', 'd', { units: 10, activation: 'sigmoid' }, ['gap']),
  ),
  [
    'zeroPadding2d',
    'conv2d',
    'activation',
    'conv2d',
    'activation',
    'multiply',
    'activation',
    'concatenate',
    'activation',
    'globalAvgPool2d',
    'dense',
    'activation',
  ],
]);

describe('importKerasModel against TF.js reading the same Keras config', () => {
  it.each(CASES)('%s', async (_, fixture, types) => {
    const config = modelConfig(fixture, 'keras2');
    const tfModel = await tfl.models.modelFromJSON({ modelTopology: config } as unknown as tf.io.ModelJSON);
    const file: KerasModelFile = {
      source: { kind: 'keras-h5', file: 'm.h5' },
      config,
      weights: weightsOf(tfModel),
      layerNames: [],
    };
    const imported = importKerasModel(file);
    expect(imported.architecture.layers.map((l) => l.type)).toEqual(types);
    const rand = seededRandom(9);
    const n = 3;
    const perImage = imported.architecture.inputShape.reduce((a, b) => a * b, 1);
    const x = Float32Array.from({ length: n * perImage }, () => rand());
    const shape = [n, ...(tfModel.inputs[0].shape.slice(1) as number[])];
    const want = tf.tidy(() => (tfModel.predict(tf.tensor(x, shape)) as tf.Tensor).dataSync() as Float32Array);
    const got = runGraph(modelToGraph({ preset: 'imported', ...imported }), x, n).outputs;
    expect(got.length).toBe(want.length);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 4);
    tfModel.dispose();
  });
});

describe('importKerasModel refuses what it cannot import, in a sentence', () => {
  const file = (m: FixtureModel, weights: Record<string, RawWeight[]> = {}): KerasModelFile => ({
    source: { kind: 'keras-h5', file: 'm.h5' },
    config: modelConfig(m, 'keras2'),
    weights,
    layerNames: [],
  });
  it.each([
    [
      'an unsupported layer, named with the supported list',
      seq(input([28, 28, 1]), L('LSTM', 'lstm', { units: 4 })),
      /Layer lstm is a LSTM.*Supported: Conv2D.*Dense/,
    ],
    ['an input that is not an image', seq(input([100]), L('Flatten', 'f')), /takes \[100\] inputs.*\[h, w, c\]/],
    [
      'an unsupported activation',
      seq(input([784]), dense('d', 10, 'gelu')),
      /Layer d \(Dense\): activation "gelu" is not supported/,
    ],
    [
      'a thresholded ReLU',
      seq(input([784]), L('ReLU', 'r', { threshold: 0.5 })),
      /Layer r \(ReLU\): thresholded ReLU is not supported/,
    ],
    ['missing weights', seq(input([784]), dense('d', 10)), /Layer d has 0 weight array\(s\)/],
    [
      'BatchNormalization after pooling',
      seq(input([28, 28, 1]), L('MaxPooling2D', 'p'), L('BatchNormalization', 'bn')),
      /must directly follow a linear Conv2D/,
    ],
    [
      'Rescaling that is not 1/255 at the input',
      seq(input([784]), L('Rescaling', 'r', { scale: 2 })),
      /supported only as 1\/255/,
    ],
  ])('%s', (_, m, message) => {
    expect(() => importKerasModel(file(m))).toThrow(ModelImportError);
    expect(() => importKerasModel(file(m))).toThrow(message);
  });

  it('a weights-only file of an unknown architecture', () => {
    const weights = { d: [{ name: 'd/kernel:0', shape: [784, 10], values: new Float32Array(7840) }] };
    expect(() =>
      importKerasModel({ source: { kind: 'keras-h5', file: 'w.h5' }, config: undefined, weights, layerNames: ['d'] }),
    ).toThrow(/holds only weights \(d\) and no model config/);
  });
});
