/** A TF.js Layers model saved as model.json + one .bin shard, as `model.save('downloads://...')` writes them. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelFileInput } from '../read-model-file';

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
