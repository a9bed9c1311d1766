/**
 * Chosen files -> the lab's model, for the CLI, the worker and tests: read the format (this folder),
 * translate Keras to the lab's architecture (src/core/import), score it in TF.js on MNIST.
 */
import { importKerasModel, type ImportedModel } from '../core/import/keras-to-model';
import { importedTrainedModel } from '../core/import/imported-model';
import { ModelImportError } from '../core/import/model-file';
import { importTfliteModel } from '../core/import/tflite-to-model';
import type { MnistSplit } from '../core/mnist/dataset';
import type { TrainedModel } from '../core/model/trained-model';
import { isTflite, readKerasFiles, type H5Opener, type ModelFileInput } from './read-model-file';

/** Reads and translates the files; throws ModelImportError with one sentence when it cannot. */
export async function importModelFiles(files: ModelFileInput[], openH5: H5Opener): Promise<ImportedModel> {
  if (files.length === 1 && isTflite(files[0].bytes)) return importTfliteModel(files[0].bytes, files[0].name);
  return importKerasModel(await readKerasFiles(files, openH5));
}

/** {@link importModelFiles}, then the TF.js score on the test split: the model the lab quantizes. */
export async function importLabModel(
  files: ModelFileInput[],
  openH5: H5Opener,
  test: MnistSplit,
  backend: string,
): Promise<{ model: TrainedModel; notes: string[] }> {
  const imported = await importModelFiles(files, openH5);
  const shape = imported.architecture.inputShape;
  if (shape.join(',') !== '28,28,1') throw new ModelImportError({ code: 'import-input-size', shape: [...shape] });
  return { model: await importedTrainedModel(imported, test, backend), notes: imported.notes };
}
