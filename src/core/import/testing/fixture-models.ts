/**
 * Fixture models in Keras terms: the TF tutorial CNN with weights the lab trained, and a
 * Conv-BatchNorm-ReLU model whose config and weights come from TF.js's own Keras serialisation.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { WeightTensor } from '../../model/trained-model';
import type { FixtureLayer, FixtureModel } from './keras-config';

const w = (name: string, t: WeightTensor) => ({ name, shape: t.shape, values: t.values });

/**
 * The tutorial as Keras 2 saves it: InputLayer (28, 28) -> Reshape (28, 28, 1) -> Conv2D 12 3x3 relu
 * -> MaxPooling2D 2 -> Flatten -> Dense 10 softmax, with Keras 2's config keys and layer names.
 * `weights`: the lab's tutorial weights (conv kernel, bias, dense kernel, bias). `suffix` renames the
 * layers as Keras does for a model built later in a session ("_12": conv2d_12, dense_12, ...).
 */
export function tutorialFixture(weights: WeightTensor[], suffix = ''): FixtureModel {
  const [ck, cb, dk, db] = weights;
  return {
    className: 'Sequential',
    name: 'sequential',
    layers: [
      {
        className: 'InputLayer',
        name: `input_1${suffix}`,
        config: { batch_input_shape: [null, 28, 28], sparse: false, ragged: false },
      },
      { className: 'Reshape', name: `reshape${suffix}`, config: { target_shape: [28, 28, 1] } },
      {
        className: 'Conv2D',
        name: `conv2d${suffix}`,
        config: {
          filters: 12,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'valid',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'relu',
          use_bias: true,
        },
        weights: [w('kernel:0', ck), w('bias:0', cb)],
      },
      {
        className: 'MaxPooling2D',
        name: `max_pooling2d${suffix}`,
        config: { pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' },
      },
      { className: 'Flatten', name: `flatten${suffix}`, config: { data_format: 'channels_last' } },
      {
        className: 'Dense',
        name: `dense${suffix}`,
        config: { units: 10, activation: 'softmax', use_bias: true },
        weights: [w('kernel:0', dk), w('bias:0', db)],
      },
    ],
  };
}

/** A TF.js model's Keras config and weights as a fixture (TF.js serialises Keras 2's config format). */
export function fixtureFromTfjs(model: tfl.LayersModel): FixtureModel {
  const topology = model.toJSON(null, false) as unknown as {
    class_name: 'Sequential' | 'Functional';
    config: {
      name: string;
      layers: { class_name: string; config: Record<string, unknown>; inbound_nodes?: unknown[][][] }[];
    };
  };
  const layers: FixtureLayer[] = topology.config.layers.map((l) => {
    const name = String(l.config.name);
    const weights = model.getLayer(name).weights.map((v) => ({
      name: `${v.originalName.split('/').pop()}:0`,
      shape: v.shape as number[],
      values: Float32Array.from(v.read().dataSync() as Float32Array),
    }));
    const inbound = l.inbound_nodes?.[0]?.map((e) => String(e[0]));
    return { className: l.class_name, name, config: l.config, weights, ...(inbound ? { inbound } : {}) };
  });
  const className = topology.class_name === 'Sequential' ? 'Sequential' : 'Functional';
  // A TF.js Sequential lists no InputLayer; Keras 2 puts the shape on the first layer, which this keeps.
  return { className, name: topology.config.name, layers };
}

/**
 * A classifier trained on raw pixels, as many MNIST models from the wild are: `linear` (logits = W x + b on
 * [0, 1] pixels, W [10, 784] class-major, e.g. converter-fixtures' centroidClassifier) saved as Keras 2
 * would save InputLayer (28, 28) -> Flatten -> Dense 10 softmax for 0..255 inputs (kernel over 255), with
 * no Rescaling layer.
 */
export function rawPixelLinearFixture(linear: { weights: Float32Array; bias: Float32Array }): FixtureModel {
  const kernel = new Float32Array(7840);
  for (let c = 0; c < 10; c++) for (let j = 0; j < 784; j++) kernel[j * 10 + c] = linear.weights[c * 784 + j]! / 255;
  return {
    className: 'Sequential',
    name: 'sequential',
    layers: [
      { className: 'InputLayer', name: 'input_1', config: { batch_input_shape: [null, 28, 28], sparse: false } },
      { className: 'Flatten', name: 'flatten', config: { data_format: 'channels_last' } },
      {
        className: 'Dense',
        name: 'dense',
        config: { units: 10, activation: 'softmax', use_bias: true },
        weights: [
          { name: 'kernel:0', shape: [784, 10], values: kernel },
          { name: 'bias:0', shape: [10], values: Float32Array.from(linear.bias) },
        ],
      },
    ],
  };
}
