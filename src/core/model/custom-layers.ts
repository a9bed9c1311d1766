/**
 * The two Keras layers tfjs-layers lacks, as tfjs Layers: Subtract (a - b) and hard-swish
 * (x * relu6(x + 3) / 6, Keras `hard_swish` / `hard_silu`). Registered once with tfjs's serialization
 * so models holding them can be saved and cloned.
 */

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Shape = tfl.Shape | tfl.Shape[];

function firstTensor(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

export class SubtractLayer extends tfl.layers.Layer {
  static readonly className = 'LabSubtract';
  override computeOutputShape(inputShape: Shape): Shape {
    return (inputShape as tfl.Shape[])[0];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [a, b] = inputs as tf.Tensor[];
    return tf.sub(a, b);
  }
}

export class HardSwishLayer extends tfl.layers.Layer {
  static readonly className = 'LabHardSwish';
  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = firstTensor(inputs);
      return tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6);
    });
  }
}

tf.serialization.registerClass(SubtractLayer);
tf.serialization.registerClass(HardSwishLayer);
