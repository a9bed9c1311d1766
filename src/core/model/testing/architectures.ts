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
