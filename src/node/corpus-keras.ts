/**
 * The corpus command's reader for Keras-family files (.h5, .keras, TF.js model.json with its .bin shards
 * beside it): import with the lab's importer, score the model in TF.js (wasm) on the MNIST test set,
 * convert it to int8 and score that file in LiteRT.js.
 */
import { initBackend } from '../backends/select-backend';
import { importedTrainedModel } from '../core/import/imported-model';
import { needsCalibrationImages } from '../core/import/calibration-pixels';
import { takeFirst } from '../core/mnist/dataset';
import { calibrationImages, convertModel } from '../core/pipeline/convert';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { openH5Node } from '../import/h5-node';
import { importModelFiles } from '../import/import-model';
import { evaluateTflite } from '../runtime/litert-eval';
import type { CorpusContext, CorpusLine } from './corpus';
import { loadMnistFromIdx } from './mnist-node';
import { readModelFilesNode } from './model-files-node';
import { join } from 'node:path';

let backend: Promise<unknown> | undefined;

/** Imports, scores and quantizes one Keras file; a file the importer refuses is reported with its sentence. */
export async function kerasLine(file: string, bytes: Uint8Array, ctx: CorpusContext): Promise<CorpusLine> {
  backend ??= initBackend('wasm');
  await backend;
  let imported;
  try {
    const files = file.endsWith('.json') && ctx.dir ? readModelFilesNode(join(ctx.dir, file)) : [{ name: file, bytes }];
    imported = await importModelFiles(files, openH5Node);
  } catch (e) {
    const why = (e as Error).message;
    return {
      file,
      kind: 'unreadable',
      feed: '',
      ops: '',
      result: `not imported: ${why}`,
      imports: `does not import: ${why}`,
    };
  }
  const ops = imported.architecture.layers.map((l) => l.type).join(', ');
  const imports = `imports: ${imported.architecture.layers.length} layers, input [${imported.architecture.inputShape.join(', ')}]`;
  if (needsCalibrationImages(imported.architecture.inputShape))
    return {
      file,
      kind: imported.source.kind,
      feed: '',
      ops,
      result: 'not scored: not a 28x28 grayscale model',
      imports,
    };
  const test = ctx.limit ? takeFirst(ctx.test, ctx.limit) : ctx.test;
  const model = await importedTrainedModel(imported, test, 'wasm');
  const calibration = calibrationImages(loadMnistFromIdx().train, 100, 1);
  const int8 = convertModel(model, { ...DEFAULT_RECIPE, mode: 'int8' }, calibration);
  const r = await evaluateTflite(int8.bytes, test.images, test.labels, { latencySamples: 10 });
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const result = `TF.js ${pct(model.testAccuracy)}, int8 in LiteRT.js ${pct(r.accuracy)} on ${r.count.toLocaleString('en-US')} images (${model.params.toLocaleString('en-US')} parameters)`;
  // A model trained on raw pixels reads them with x255 folded into its first layer (raw-pixels.ts).
  const feed = model.source?.input_range === '0-255' ? '[0, 255] (x255 folded into its first layer)' : '[0, 1]';
  return { file, kind: imported.source.kind, feed, ops, result, accuracy: r.accuracy, imports };
}
