/**
 * Chosen files -> the lab's model, for the CLI, the worker and tests: read the format (this folder),
 * translate Keras to the lab's architecture (src/core/import), score it in TF.js on MNIST.
 */
import { importKerasModel, type ImportedModel } from '../core/import/keras-to-model';
import { importedTrainedModel } from '../core/import/imported-model';
import { needsCalibrationImages } from '../core/import/calibration-pixels';
import { describeArchitecture } from '../core/model/layer-shapes';
import { importTfliteModel } from '../core/import/tflite-to-model';
import type { MnistSplit } from '../core/mnist/dataset';
import type { PixelChoice } from '../core/import/raw-pixels';
import type { TrainedModel } from '../core/model/trained-model';
import { isTflite, readKerasFiles, type H5Opener, type ModelFileInput } from './read-model-file';

/** Reads and translates the files; throws ModelImportError with one sentence when it cannot. */
export async function importModelFiles(files: ModelFileInput[], openH5: H5Opener): Promise<ImportedModel> {
  if (files.length === 1 && isTflite(files[0].bytes)) return importTfliteModel(files[0].bytes, files[0].name);
  return importKerasModel(await readKerasFiles(files, openH5));
}

/**
 * {@link importModelFiles}, then the TF.js score on the test split: the model the lab quantizes. A model
 * whose input is another image (H x W x C) has no MNIST score (testAccuracy NaN): it is calibrated on the
 * user's images and scored by agreement with its float model (src/core/pipeline/unlabelled-modes.ts).
 */
export async function importLabModel(
  files: ModelFileInput[],
  openH5: H5Opener,
  test: MnistSplit,
  backend: string,
  pixels: PixelChoice = 'auto',
): Promise<{ model: TrainedModel; notes: string[] }> {
  const imported = await importModelFiles(files, openH5);
  if (needsCalibrationImages(imported.architecture.inputShape))
    return { model: unscoredModel(imported, backend), notes: imported.notes };
  const model = await importedTrainedModel(imported, test, backend, pixels);
  if (model.source?.input_range !== '0-255') return { model, notes: imported.notes };
  const why =
    pixels === '0-255'
      ? 'Read as trained on raw pixels [0, 255], as chosen'
      : 'Trained on raw pixels [0, 255]: it scored near chance on [0, 1] pixels and well on [0, 255] ones';
  return {
    model,
    notes: [
      ...imported.notes,
      `${why}, so x255 is folded into its first weighted layer and it reads [0, 1] pixels like every lab model.`,
    ],
  };
}

/** An imported model that is not scored on MNIST (its input is another image): testAccuracy NaN, no history. */
export function unscoredModel(imported: ImportedModel, backend: string): TrainedModel {
  const { architecture, source, weights } = imported;
  const params = describeArchitecture(architecture).params;
  return {
    preset: 'imported',
    architecture,
    source,
    seed: 0,
    weights,
    history: [],
    testAccuracy: Number.NaN,
    params,
    trainSeconds: 0,
    backend,
  };
}
