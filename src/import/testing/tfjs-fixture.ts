/** A TF.js Layers model saved as model.json + one .bin shard, as `model.save('downloads://...')` writes them. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelFileInput } from '../read-model-file';
import type { MnistSplit } from '../../core/mnist/dataset';
import { makeBatch } from '../../core/train/batches';

export async function saveTfjsFiles(model: tfl.LayersModel): Promise<ModelFileInput[]> {
  let files: ModelFileInput[] = [];
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const json = {
        format: 'layers-model',
        generatedBy: 'TensorFlow.js tfjs-layers',
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['./model.weights.bin'], weights: a.weightSpecs }],
      };
      const data = a.weightData as ArrayBuffer;
      files = [
        { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) },
        { name: 'model.weights.bin', bytes: new Uint8Array(data) },
      ];
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files;
}

/** Trains `model` (compiled here with adam at `learningRate`) one epoch on the first `n` training images, batch 32, unshuffled. */
export async function fitOnMnist(
  model: tfl.LayersModel,
  train: MnistSplit,
  n: number,
  learningRate: number,
): Promise<void> {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  const batch = makeBatch(
    train,
    Uint32Array.from({ length: n }, (_, i) => i),
  );
  const xs = tf.tensor4d(batch.images, [n, 28, 28, 1]);
  const ys = tf.tensor2d(batch.oneHot, [n, 10]);
  await model.fit(xs, ys, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
}
