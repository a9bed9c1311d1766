/**
 * An imported model becomes the lab's model: a {@link TrainedModel} with its architecture, source
 * and the TF.js model's score on the MNIST test split (the float reference every mode is compared to).
 */

import type { MnistSplit } from '../mnist/dataset';
import { describeArchitecture } from '../model/layer-shapes';
import type { TrainedModel } from '../model/trained-model';
import { evaluateModel, modelFromTrained } from '../train/train';
import type { ImportedModel } from './keras-to-model';
import { ModelImportError } from './model-file';
import { foldRawPixels, type PixelChoice } from './raw-pixels';

/**
 * Below this test accuracy on [0, 1] pixels, a model is also tried on raw [0, 255] pixels (the scale folded
 * into its first layer, raw-pixels.ts): MNIST classifiers score far above it on the pixels they were trained on.
 */
const RAW_PIXEL_CHECK_BELOW = 0.5;
/** How much better the raw-pixel reading must score to be taken. */
const RAW_PIXEL_MARGIN = 0.2;

/**
 * Builds the imported architecture in TF.js (with the file's weights), scores it on `test`, and
 * returns the lab's model. A model that scores near chance on [0, 1] pixels but well on raw [0, 255]
 * ones was trained on raw pixels: it is returned with the ×255 folded into its first weighted layer and
 * `source.input_range` '0-255'. `pixels` '0-1' or '0-255' is the user's choice instead (a model whose first
 * weighted layer the scale cannot be folded into is refused for '0-255'). Runs on whatever tfjs backend is active.
 */
export async function importedTrainedModel(
  imported: ImportedModel,
  test: MnistSplit,
  backend: string,
  pixels: PixelChoice = 'auto',
): Promise<TrainedModel> {
  if (pixels === '0-255') {
    const folded = foldRawPixels(imported);
    if ('stop' in folded) throw new ModelImportError({ code: 'import-raw-pixels-fold', first: folded.stop });
    return scored(folded.model, test, backend);
  }
  const plain = await scored(imported, test, backend);
  if (pixels === '0-1') return plain;
  if (plain.testAccuracy >= RAW_PIXEL_CHECK_BELOW) return plain;
  const folded = foldRawPixels(imported);
  if ('stop' in folded) return plain;
  const raw = await scored(folded.model, test, backend);
  return raw.testAccuracy >= plain.testAccuracy + RAW_PIXEL_MARGIN ? raw : plain;
}

async function scored(imported: ImportedModel, test: MnistSplit, backend: string): Promise<TrainedModel> {
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
