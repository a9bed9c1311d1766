/**
 * Architectures the lab knows by their weights, for weights-only `.h5` files (`save_weights`), which
 * hold no model config: the TF post-training quantization tutorial's CNN (InputLayer (28, 28) ->
 * Reshape (28, 28, 1) -> Conv2D 12 3x3 relu -> MaxPooling2D 2 -> Flatten -> Dense 10).
 */

import { ModelImportError, type KerasModelFile } from './model-file';

const layer = (class_name: string, name: string, config: Record<string, unknown> = {}) => ({
  class_name,
  config: { name, ...config },
});

/** The tutorial's Keras 2 Sequential config with the file's layer names. */
function tutorialConfig(conv: string, dense: string): unknown {
  return {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        layer('InputLayer', 'input_1', { batch_input_shape: [null, 28, 28] }),
        layer('Reshape', 'reshape', { target_shape: [28, 28, 1] }),
        layer('Conv2D', conv, {
          filters: 12,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'valid',
          activation: 'relu',
        }),
        layer('MaxPooling2D', 'max_pooling2d', { pool_size: [2, 2], strides: [2, 2], padding: 'valid' }),
        layer('Flatten', 'flatten'),
        // The file does not say the last activation; softmax keeps every argmax and gives QAT its loss.
        layer('Dense', dense, { units: 10, activation: 'softmax' }),
      ],
    },
  };
}

const shapeIs = (file: KerasModelFile, layerName: string, shapes: number[][]) => {
  const w = file.weights[layerName] ?? [];
  return w.length === shapes.length && w.every((t, i) => t.shape.join(',') === shapes[i].join(','));
};

/** A config for a weights-only file whose weights fit a known architecture, or a sentence saying none does. */
export function weightsOnlyConfig(file: KerasModelFile): unknown {
  const weighted = file.layerNames.filter((n) => (file.weights[n] ?? []).length > 0);
  const [conv, dense] = weighted;
  if (weighted.length === 2 && shapeIs(file, conv, [[3, 3, 1, 12], [12]]) && shapeIs(file, dense, [[2028, 10], [10]]))
    return tutorialConfig(conv, dense);
  throw new ModelImportError({ code: 'import-weights-only', layers: weighted });
}
