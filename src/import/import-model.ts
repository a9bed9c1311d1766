/**
 * Chosen files -> the lab's model, for the CLI, the worker and tests: read the format (this folder),
 * translate Keras to the lab's architecture (src/core/import), score it in TF.js on MNIST.
 */
import { importKerasModel, type ImportedModel } from '../core/import/keras-to-model';
import { importedTrainedModel } from '../core/import/imported-model';
import type { MnistSplit } from '../core/mnist/dataset';
import type { TrainedModel } from '../core/model/trained-model';
import { readKerasFiles, type H5Opener, type ModelFileInput } from './read-model-file';

/** Reads and translates the files; throws ModelImportError with one sentence when it cannot. */
export async function importModelFiles(files: ModelFileInput[], openH5: H5Opener): Promise<ImportedModel> {
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
  return { model: await importedTrainedModel(imported, test, backend), notes: imported.notes };
}
