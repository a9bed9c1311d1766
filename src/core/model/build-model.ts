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

/**
 * Builds the TF.js model of an architecture with seeded Glorot-uniform kernels and zero biases,
 * so the same seed gives the same initial weights on every backend. A chain becomes a Sequential
 * (as the presets always were), a DAG a functional model. Input [N, ...inputShape] floats; output
 * the last layer's (for MNIST models [N, 10] softmax probabilities).
 */
export function buildModel(arch: ModelArchitecture, seed: number): tfl.LayersModel {
  if (isChain(arch)) {
    const model = tfl.sequential({ name: `lab_${arch.id}` });
    arch.layers.forEach((spec, i) =>
      model.add(buildLayer(spec, i, seed, i === 0 ? { inputShape: [...arch.inputShape] } : {})),
    );
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
    values.set(graphLayerName(spec, i), last);
  });
  return tfl.model({ inputs: input, outputs: last, name: `lab_${arch.id}` });
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
