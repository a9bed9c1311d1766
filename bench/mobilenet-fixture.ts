/**
 * A MobileNet-sized Keras model for the bench, built (never committed) as a Keras 2 `.h5`: MobileNet v1
 * (width 1.0) on 224x224x3 inputs, a 3x3/2 stem then 13 depthwise-separable blocks (DepthwiseConv2D 3x3 +
 * Conv2D 1x1, each with ReLU6), AveragePooling2D(7) + Flatten and a Dense 10 softmax head: about 3.2 M
 * parameters with seeded He-normal weights (activations keep their scale through the 27 ReLU6 layers). Also a seeded set of smooth random 224x224x3
 * images in [0, 1] to calibrate on.
 */
import * as tf from '@tensorflow/tfjs';
import { fixtureFromTfjs } from '../src/core/import/testing/fixture-models';
import { mulberry32 } from '../src/core/train/batches';
import { writeKerasH5 } from '../src/import/testing/keras-fixtures';

/** [filters, stride] of MobileNet v1's depthwise-separable blocks. */
const BLOCKS: [number, number][] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

export const MOBILENET_INPUT = [224, 224, 3];

/** The model in TF.js Layers (Keras) terms; the caller disposes it. */
export function mobilenetLayers(seed = 1): tf.LayersModel {
  const init = (k: number) => tf.initializers.heNormal({ seed: seed * 100 + k });
  const m = tf.sequential({ name: 'mobilenet_bench' });
  m.add(
    tf.layers.conv2d({
      inputShape: MOBILENET_INPUT,
      filters: 32,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      activation: 'relu6',
      kernelInitializer: init(0),
      name: 'conv1',
    }),
  );
  BLOCKS.forEach(([filters, strides], i) => {
    // tfjs counts a depthwise kernel [3, 3, C, 1]'s fan-in as 9 * C, though each output sees 9 inputs: He
    // scaling by C as well keeps the activations from fading to zero over the 13 blocks.
    const channels = i === 0 ? 32 : BLOCKS[i - 1][0];
    const depthwiseInit = tf.initializers.varianceScaling({
      scale: 2 * channels,
      mode: 'fanIn',
      distribution: 'normal',
      seed: seed * 100 + 2 * i + 1,
    });
    m.add(
      tf.layers.depthwiseConv2d({
        kernelSize: 3,
        strides,
        padding: 'same',
        activation: 'relu6',
        depthwiseInitializer: depthwiseInit,
        name: `conv_dw_${i + 1}`,
      }),
    );
    m.add(
      tf.layers.conv2d({
        filters,
        kernelSize: 1,
        padding: 'same',
        activation: 'relu6',
        kernelInitializer: init(2 * i + 2),
        name: `conv_pw_${i + 1}`,
      }),
    );
  });
  // GlobalAveragePooling2D is the usual head; AveragePooling2D(7) + Flatten computes the same on 7x7.
  m.add(tf.layers.averagePooling2d({ poolSize: 7, strides: 7, name: 'pool' }));
  m.add(tf.layers.flatten({ name: 'flatten' }));
  // The pooled features are small (about 0.005): a head of this scale gives logits of about 0.5, so the softmax
  // neither saturates nor stays uniform and the output SNR compares real probabilities.
  const head = tf.initializers.randomNormal({ mean: 0, stddev: 3, seed: seed * 100 + 99 });
  m.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: head, name: 'predictions' }));
  return m;
}

/** The model saved as Keras 2's `model.save('mobilenet.h5')` would write it. */
export async function mobilenetH5(seed = 1): Promise<Uint8Array> {
  const model = mobilenetLayers(seed);
  try {
    return await writeKerasH5(fixtureFromTfjs(model), 'keras2');
  } finally {
    model.dispose();
  }
}

/**
 * `count` smooth random RGB images in [0, 1], [count, 224, 224, 3] flattened: a sum of a few seeded
 * sinusoids per channel, so activations vary across the image as on photographs.
 */
export function smoothImages(count: number, seed = 7): Float32Array {
  const [h, w, c] = MOBILENET_INPUT;
  const out = new Float32Array(count * h * w * c);
  const rand = mulberry32(seed);
  for (let n = 0; n < count; n++)
    for (let ch = 0; ch < c; ch++) {
      const waves = Array.from({ length: 3 }, () => [rand() * 0.1, rand() * 0.1, rand() * 6.28]);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          let v = 0;
          for (const [fy, fx, p] of waves) v += Math.sin(fy * y + fx * x + p);
          out[((n * h + y) * w + x) * c + ch] = 0.5 + v / 6;
        }
    }
  return out;
}
