/**
 * An imported model becomes the lab's model: a {@link TrainedModel} with its architecture, source
 * and the TF.js model's score on the MNIST test split (the float reference every mode is compared to).
 */

import type { MnistSplit } from '../mnist/dataset';
import { describeArchitecture } from '../model/layer-shapes';
import type { TrainedModel } from '../model/trained-model';
import { evaluateModel, modelFromTrained } from '../train/train';
import type { ImportedModel } from './keras-to-model';

/**
 * Builds the imported architecture in TF.js (with the file's weights), scores it on `test`, and
 * returns the lab's model. Runs on whatever tfjs backend is active.
 */
export async function importedTrainedModel(
  imported: ImportedModel,
  test: MnistSplit,
  backend: string,
): Promise<TrainedModel> {
  const base = {
    preset: 'imported' as const,
    architecture: imported.architecture,
    source: imported.source,
    seed: 0,
    weights: imported.weights,
  };
  const model = modelFromTrained(base);
  try {
    const { accuracy, predictions } = await evaluateModel(model, test);
    return {
      ...base,
      history: [],
      testAccuracy: accuracy,
      testPredictions: predictions,
      params: describeArchitecture(imported.architecture).params,
      trainSeconds: 0,
      backend,
    };
  } finally {
    model.dispose();
  }
}
