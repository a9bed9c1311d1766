/**
 * `--import FILE` of a model whose input is not MNIST: calibrate on the user's images
 * (`--calibration-images`), write every post-training mode, run each in LiteRT.js and report its
 * agreement with the float model (TF.js) instead of an accuracy.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { importModelFiles, unscoredModel } from '../src/import/import-model';
import { unlabelledFloatPass } from '../src/accel/unlabelled-float-pass';
import { openH5Node } from '../src/import/h5-node';
import { ModelImportError } from '../src/core/import/model-file';
import { readImageBatch } from '../src/core/import/npy';
import {
  imageToModelInput,
  MAX_CALIBRATION_IMAGES,
  needsCalibrationImages,
  stackModelInputs,
  type ModelInputRange,
} from '../src/core/import/calibration-pixels';
import { decodePng } from '../src/core/import/png';
import type { UnlabelledImages } from '../src/core/pipeline/unlabelled-modes';
import type { ImportedModel } from '../src/core/import/keras-to-model';
import { describeArchitecture } from '../src/core/model/layer-shapes';
import { LAB_MODES, type QuantMode } from '../src/core/modes/lab-modes';
import { runUnlabelledModes } from '../src/core/pipeline/unlabelled-modes';
import { buildReport, unlabelledSettings } from '../src/core/report/build-report';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { readModelFilesNode } from '../src/node/model-files-node';
import { runModeOutputs } from '../src/runtime/litert-eval';
import type { CliOptions } from './options';

/** The imported model when its input is not 28x28x1 (undefined: the MNIST path applies). */
export async function importNonMnist(file: string): Promise<ImportedModel | undefined> {
  const imported = await importModelFiles(readModelFilesNode(file), openH5Node);
  return needsCalibrationImages(imported.architecture.inputShape) ? imported : undefined;
}

/**
 * The PNG files of `dir` (name order, at most MAX_CALIBRATION_IMAGES), each resized to the input `shape` and
 * scaled to `range` as the page does; other files are named and skipped. Throws a sentence when none is a PNG.
 */
function readPngFolder(dir: string, shape: readonly number[], range: ModelInputRange): UnlabelledImages {
  const names = readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isFile())
    .sort();
  const pngs = names.filter((n) => extname(n).toLowerCase() === '.png');
  const skipped = names.filter((n) => !pngs.includes(n));
  if (skipped.length > 0)
    console.log(`  skipped ${skipped.join(', ')}: the CLI reads PNG files (JPEG is decoded in the page)`);
  if (pngs.length === 0) throw new ModelImportError({ code: 'import-no-png', dir });
  if (pngs.length > MAX_CALIBRATION_IMAGES)
    console.log(`  only the first ${MAX_CALIBRATION_IMAGES} of ${pngs.length} images are used`);
  const inputs = pngs
    .slice(0, MAX_CALIBRATION_IMAGES)
    .map((n) => imageToModelInput(decodePng(new Uint8Array(readFileSync(join(dir, n))), n), shape, range));
  return stackModelInputs(inputs, shape);
}

export async function runUnlabelled(imported: ImportedModel, options: CliOptions, out: string, backend: string) {
  const arch = imported.architecture;
  const params = describeArchitecture(arch).params;
  console.log(
    `model: ${arch.name}, ${arch.layers.length} layers, ${params} parameters, input [${arch.inputShape.join(', ')}]`,
  );
  if (!options.calibrationImages)
    throw new ModelImportError({ code: 'import-needs-image-file', shape: [...arch.inputShape] });
  const path = options.calibrationImages;
  const fromFolder = statSync(path).isDirectory();
  const images = fromFolder
    ? readPngFolder(path, arch.inputShape, options.inputRange)
    : readImageBatch(new Uint8Array(readFileSync(path)), basename(path), arch.inputShape);
  console.log(
    `calibration images: ${images.count} from ${basename(path)}${fromFolder ? ` (PNG, resized to ${arch.inputShape.join('x')}, in ${options.inputRange})` : ''} (no labels: each mode is scored by agreement with the float model)`,
  );
  // One tfjs pass: the float reference and the min/max ranges the calibrating modes share.
  const pass = unlabelledFloatPass({ preset: 'imported', ...imported }, images, options.recipe);
  const modes = options.modes.filter((m): m is QuantMode => LAB_MODES[m].kind === 'ptq');
  const skipped = options.modes.filter((m) => !modes.includes(m as QuantMode));
  if (skipped.length) console.log(`  skipped ${skipped.join(', ')}: needs labelled training data`);
  await loadLiteRtForNode();
  const model = { preset: 'imported' as const, ...imported };
  const trained = unscoredModel(imported, backend);
  const settings = unlabelledSettings(
    basename(options.importFile ?? ''),
    images.count,
    fromFolder ? options.inputRange : undefined,
  );
  const report = buildReport(trained, settings, [], 0);
  const writeReport = () => writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeReport();
  const hooks = { calibrate: pass.calibrate };
  for await (const outcome of runUnlabelledModes(
    model,
    images,
    pass.reference,
    modes,
    options.recipe,
    runModeOutputs,
    hooks,
  )) {
    if ('error' in outcome) {
      console.log(`${outcome.mode.padEnd(8)} failed: ${outcome.error}`);
      continue;
    }
    const { entry, bytes } = outcome;
    writeFileSync(join(out, entry.file), bytes);
    report.modes.push(entry);
    writeReport();
    const a = entry.float_model_agreement!;
    console.log(
      `${entry.mode.padEnd(8)} ${String(entry.bytes).padStart(9)} bytes  top-1 agreement ${(100 * a.top1_agreement).toFixed(1)}%, output SNR ${a.output_snr_db === null ? 'inf' : a.output_snr_db.toFixed(1)} dB (${a.engine})`,
    );
  }
  console.log(`wrote ${join(out, 'report.json')}`);
}
