/** Architectures for tests: shapes and naming paths the presets do not exercise. */
import type { ModelArchitecture } from '../architecture';

/** Named layers with explicit inputs, a strided SAME conv and a mid-network reshape. */
export const NAMED_CHAIN: ModelArchitecture = {
  id: 'imported',
  name: 'named functional chain',
  inputShape: [28, 28, 1],
  layers: [
    {
      type: 'conv2d',
      name: 'c',
      inputs: ['input'],
      filters: 4,
      kernel: 3,
      strides: 2,
      padding: 'same',
      activation: 'relu',
    },
    { type: 'reshape', name: 'r', inputs: ['c'], targetShape: [14, 56] },
    { type: 'flatten', name: 'f', inputs: ['r'] },
    { type: 'dense', name: 'd', inputs: ['f'], units: 10, activation: 'softmax' },
  ],
};

/**
 * Every layer imported models add, in one functional model: zero padding, leaky ReLU, hard-swish,
 * subtract, sigmoid, multiply, concatenate, swish, tanh and a global average pool (keepdims, then a
 * flatten) before the softmax dense.
 */
export const ALL_OPS: ModelArchitecture = {
  id: 'imported',
  name: 'every imported-model op',
  inputShape: [28, 28, 1],
  layers: [
    { type: 'zeroPadding2d', name: 'pad', inputs: ['input'], padding: [1, 1, 1, 1] },
    {
      type: 'conv2d',
      name: 'c1',
      inputs: ['pad'],
      filters: 6,
      kernel: 3,
      strides: 1,
      padding: 'valid',
      activation: 'linear',
    },
    { type: 'activation', name: 'leaky', inputs: ['c1'], activation: 'leakyRelu', alpha: 0.2 },
    {
      type: 'conv2d',
      name: 'c2',
      inputs: ['leaky'],
      filters: 6,
      kernel: 3,
      strides: 1,
      padding: 'same',
      activation: 'linear',
    },
    { type: 'activation', name: 'hswish', inputs: ['c2'], activation: 'hardSwish' },
    { type: 'subtract', name: 'sub', inputs: ['leaky', 'hswish'] },
    { type: 'activation', name: 'sig', inputs: ['c2'], activation: 'sigmoid' },
    { type: 'multiply', name: 'mul', inputs: ['sub', 'sig'] },
    { type: 'concatenate', name: 'cat', inputs: ['leaky', 'mul'] },
    { type: 'maxPool2d', name: 'pool', inputs: ['cat'], pool: 2, strides: 2 },
    {
      type: 'conv2d',
      name: 'c3',
      inputs: ['pool'],
      filters: 8,
      kernel: 3,
      strides: 1,
      padding: 'same',
      activation: 'linear',
    },
    { type: 'activation', name: 'swish', inputs: ['c3'], activation: 'swish' },
    { type: 'activation', name: 'tanh', inputs: ['swish'], activation: 'tanh' },
    { type: 'globalAvgPool2d', name: 'gap', inputs: ['tanh'], keepDims: true },
    { type: 'flatten', name: 'flat', inputs: ['gap'] },
    { type: 'dense', name: 'd', inputs: ['flat'], units: 10, activation: 'softmax' },
  ],
};

/**
 * A MobileNet-like block on `size`×`size` RGB images (a model whose input is not MNIST): a 3×3 conv of `filters`
 * with stride `stride`, a 3×3 depthwise conv, an optional 1×1 conv of `pointwise` filters (all ReLU6), an
 * average over the whole map (an AVERAGE_POOL_2D as large as the map, or a global average when `pool` is
 * 'global') and a softmax dense of `classes`.
 */
export function rgbBlock(o: {
  size: number;
  stride: 1 | 2;
  filters: number;
  pointwise?: number;
  classes: number;
  pool?: 'avg' | 'global';
}): ModelArchitecture {
  const map = o.size / o.stride;
  return {
    id: `rgb${o.size}`,
    name: `rgb${o.size}`,
    inputShape: [o.size, o.size, 3],
    layers: [
      { type: 'conv2d', filters: o.filters, kernel: 3, strides: o.stride, padding: 'same', activation: 'relu6' },
      { type: 'depthwiseConv2d', kernel: 3, strides: 1, padding: 'same', depthMultiplier: 1, activation: 'relu6' },
      ...(o.pointwise
        ? [
            {
              type: 'conv2d',
              filters: o.pointwise,
              kernel: 1,
              strides: 1,
              padding: 'same',
              activation: 'relu6',
            } as const,
          ]
        : []),
      ...(o.pool === 'global'
        ? [{ type: 'globalAvgPool2d', keepDims: false } as const]
        : [{ type: 'avgPool2d', pool: map, strides: map } as const, { type: 'flatten' } as const]),
      { type: 'dense', units: o.classes, activation: 'softmax' },
    ],
  };
}
