import { describe, expect, it } from 'vitest';
import { kerasSavedLayerKeys, kerasSnakeCase } from './keras-names';

describe('Keras 3 weight-file layer keys', () => {
  it.each([
    ['Conv2D', 'conv2d'],
    ['MaxPooling2D', 'max_pooling2d'],
    ['BatchNormalization', 'batch_normalization'],
    ['DepthwiseConv2D', 'depthwise_conv2d'],
    ['GlobalAveragePooling2D', 'global_average_pooling2d'],
    ['Dense', 'dense'],
    ['ReLU', 're_lu'],
  ])('%s -> %s', (cls, key) => expect(kerasSnakeCase(cls)).toBe(key));

  it('counts per class in model order, ignoring the config names', () => {
    const keys = kerasSavedLayerKeys([
      { name: 'conv2d_12', className: 'Conv2D' },
      { name: 'max_pooling2d_12', className: 'MaxPooling2D' },
      { name: 'conv2d_13', className: 'Conv2D' },
      { name: 'dense_12', className: 'Dense' },
    ]);
    expect([...keys.values()]).toEqual(['conv2d', 'max_pooling2d', 'conv2d_1', 'dense']);
  });
});
