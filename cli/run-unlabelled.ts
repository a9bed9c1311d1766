/**
 * `--import FILE` of a model whose input is not MNIST: calibrate on the user's images
 * (`--calibration-images`), write every post-training mode, run each in LiteRT.js and report its
 * agreement with the float model (TF.js) instead of an accuracy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importModelFiles } from '../src/import/import-model';
import { floatModelOutputs } from '../src/import/float-outputs';
import { openH5Node } from '../src/import/h5-node';
import { ModelImportError } from '../src/core/import/model-file';
import { readImageBatch } from '../src/core/import/npy';
import { needsCalibrationImages } from '../src/core/import/calibration-pixels';
import type { ImportedModel } from '../src/core/import/keras-to-model';
import { describeArchitecture } from '../src/core/model/layer-shapes';
import { LAB_MODES, type QuantMode } from '../src/core/modes/lab-modes';
import { runUnlabelledModes } from '../src/core/pipeline/unlabelled-modes';
import { buildReport } from '../src/core/report/build-report';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { readModelFilesNode } from '../src/node/model-files-node';
import { runTfliteOutputs } from '../src/runtime/litert-eval';
import type { CliOptions } from './options';

/** The imported model when its input is not 28x28x1 (undefined: the MNIST path applies). */
export async function importNonMnist(file: string): Promise<ImportedModel | undefined> {
  const imported = await importModelFiles(readModelFilesNode(file), openH5Node);
  return needsCalibrationImages(imported.architecture.inputShape) ? imported : undefined;
}

export async function runUnlabelled(imported: ImportedModel, options: CliOptions, out: string, backend: string) {
  const arch = imported.architecture;
  const params = describeArchitecture(arch).params;
  console.log(
    `model: ${arch.name}, ${arch.layers.length} layers, ${params} parameters, input [${arch.inputShape.join(', ')}]`,
  );
  if (!options.calibrationImages)
    throw new ModelImportError({ code: 'import-needs-image-file', shape: [...arch.inputShape] });
  const images = readImageBatch(
    new Uint8Array(readFileSync(options.calibrationImages)),
    basename(options.calibrationImages),
    arch.inputShape,
  );
  console.log(
    `calibration images: ${images.count} from ${basename(options.calibrationImages)} (no labels: each mode is scored by agreement with the float model)`,
  );
  const reference = await floatModelOutputs({ preset: 'imported', ...imported }, images);
  const modes = options.modes.filter((m): m is QuantMode => LAB_MODES[m].kind === 'ptq');
  const skipped = options.modes.filter((m) => !modes.includes(m as QuantMode));
  if (skipped.length) console.log(`  skipped ${skipped.join(', ')}: needs labelled training data`);
  await loadLiteRtForNode();
  const model = { preset: 'imported' as const, ...imported };
  const trained = { ...model, seed: 0, history: [], testAccuracy: Number.NaN, params, trainSeconds: 0, backend };
  const settings = { import: basename(options.importFile ?? ''), calibration_images: images.count };
  const report = buildReport(trained, settings, [], 0);
  const writeReport = () => writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeReport();
  for await (const outcome of runUnlabelledModes(model, images, reference, modes, options.recipe, runTfliteOutputs)) {
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
