import * as tfl from '@tensorflow/tfjs-layers';
import {
  ARCH_INPUT,
  graphLayerName,
  isChain,
  layerInputs,
  tfjsLayerName,
  type ModelArchitecture,
} from './architecture';
import type { LayerSpec } from './architecture';
import { HardSwishLayer, SubtractLayer } from './custom-layers';

/**
 * Builds the TF.js model of an architecture with seeded Glorot-uniform kernels and zero biases,
 * so the same seed gives the same initial weights on every backend. A chain becomes a Sequential
 * (as the presets always were), a DAG a functional model. Input [N, ...inputShape] floats; output
 * the last layer's (for MNIST models [N, 10] softmax probabilities).
 */
export function buildModel(arch: ModelArchitecture, seed: number): tfl.LayersModel {
  if (isChain(arch)) {
    const model = tfl.sequential({ name: `lab_${arch.id}` });
    arch.layers.forEach((spec, i) => {
      model.add(buildLayer(spec, i, seed, i === 0 ? { inputShape: [...arch.inputShape] } : {}));
      if (spec.type === 'globalAvgPool2d' && spec.keepDims) model.add(keepDimsLayer(spec, i, model.outputs[0]));
    });
    return model;
  }
  const input = tfl.input({ shape: [...arch.inputShape], name: 'input' });
  const values = new Map<string, tfl.SymbolicTensor>([[ARCH_INPUT, input]]);
  let last = input;
  arch.layers.forEach((spec, i) => {
    const ins = layerInputs(arch, i).map((n) => values.get(n) as tfl.SymbolicTensor);
    last = buildLayer(spec, i, seed, {}).apply(ins.length === 1 ? ins[0] : ins) as tfl.SymbolicTensor;
    // tfjs's add layer has no activation: a fused one becomes an Activation layer after it.
    if (spec.type === 'add' && spec.activation !== 'linear')
      last = tfl.layers
        .activation({ activation: spec.activation, name: `${tfjsLayerName(spec, i)}_act` })
        .apply(last) as tfl.SymbolicTensor;
    // tfjs's global average pooling has no keepdims: a reshape to [1, 1, c] follows.
    if (spec.type === 'globalAvgPool2d' && spec.keepDims)
      last = keepDimsLayer(spec, i, last).apply(last) as tfl.SymbolicTensor;
    values.set(graphLayerName(spec, i), last);
  });
  return tfl.model({ inputs: input, outputs: last, name: `lab_${arch.id}` });
}

/** tfjs's global average pooling has no keepdims: a reshape [c] -> [1, 1, c] follows it. */
function keepDimsLayer(spec: LayerSpec, index: number, pooled: tfl.SymbolicTensor): tfl.layers.Layer {
  const channels = pooled.shape[pooled.shape.length - 1] as number;
  return tfl.layers.reshape({ targetShape: [1, 1, channels], name: `${tfjsLayerName(spec, index)}_keep` });
}

function buildLayer(
  spec: LayerSpec,
  index: number,
  seed: number,
  inputShape: { inputShape?: number[] },
): tfl.layers.Layer {
  const name = tfjsLayerName(spec, index);
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
    case 'avgPool2d': {
      const args = { ...inputShape, name, poolSize: spec.pool, strides: spec.strides, padding: 'valid' as const };
      return spec.type === 'maxPool2d' ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args);
    }
    case 'flatten':
      return tfl.layers.flatten({ ...inputShape, name });
    case 'reshape':
      return tfl.layers.reshape({ ...inputShape, name, targetShape: spec.targetShape });
    case 'add':
      return tfl.layers.add({ name });
    case 'subtract':
      return new SubtractLayer({ name });
    case 'multiply':
      return tfl.layers.multiply({ name });
    case 'concatenate':
      return tfl.layers.concatenate({ name, axis: -1 });
    case 'globalAvgPool2d':
      return tfl.layers.globalAveragePooling2d({ ...inputShape, name });
    case 'zeroPadding2d': {
      const [t, b, l, r] = spec.padding;
      return tfl.layers.zeroPadding2d({
        ...inputShape,
        name,
        padding: [
          [t, b],
          [l, r],
        ],
      });
    }
    case 'activation':
      if (spec.activation === 'leakyRelu')
        return tfl.layers.leakyReLU({ ...inputShape, name, alpha: spec.alpha ?? 0.3 });
      if (spec.activation === 'hardSwish') return new HardSwishLayer({ ...inputShape, name });
      return tfl.layers.activation({ ...inputShape, name, activation: spec.activation });
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
