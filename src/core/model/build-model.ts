import * as tfl from '@tensorflow/tfjs-layers';
import { INPUT_SHAPE, type LayerSpec, type ModelPreset } from './presets';

/**
 * Builds the TF.js Sequential model of a preset with seeded Glorot-uniform kernels and zero biases,
 * so the same seed gives the same initial weights on every backend.
 * Input [N, 28, 28, 1] floats in [0, 1]; output [N, 10] softmax probabilities.
 */
export function buildModel(preset: ModelPreset, seed: number): tfl.Sequential {
  const model = tfl.sequential({ name: `lab_${preset.id}` });
  preset.layers.forEach((spec, i) => model.add(buildLayer(spec, i, seed, i === 0)));
  return model;
}

function buildLayer(spec: LayerSpec, index: number, seed: number, first: boolean): tfl.layers.Layer {
  const inputShape = first ? { inputShape: [...INPUT_SHAPE] } : {};
  const name = `${spec.type}_${index}`;
  const kernelInitializer = tfl.initializers.glorotUniform({ seed: seed * 1000 + index });
  switch (spec.type) {
    case 'conv2d':
      return tfl.layers.conv2d({
        ...inputShape,
        name,
        filters: spec.filters,
        kernelSize: spec.kernel,
        strides: spec.strides,
        padding: spec.padding,
        activation: spec.activation,
        kernelInitializer,
      });
    case 'depthwiseConv2d':
      return tfl.layers.depthwiseConv2d({
        ...inputShape,
        name,
        kernelSize: spec.kernel,
        strides: spec.strides,
        padding: spec.padding,
        depthMultiplier: spec.depthMultiplier,
        activation: spec.activation,
        depthwiseInitializer: kernelInitializer,
      });
    case 'maxPool2d':
      return tfl.layers.maxPooling2d({
        ...inputShape,
        name,
        poolSize: spec.pool,
        strides: spec.strides,
        padding: 'valid',
      });
    case 'avgPool2d':
      return tfl.layers.averagePooling2d({
        ...inputShape,
        name,
        poolSize: spec.pool,
        strides: spec.strides,
        padding: 'valid',
      });
    case 'flatten':
      return tfl.layers.flatten({ ...inputShape, name });
    case 'dense':
      return tfl.layers.dense({
        ...inputShape,
        name,
        units: spec.units,
        activation: spec.activation,
        kernelInitializer,
      });
  }
}
