/**
 * `npm run lab -- [options]`: the lab's pipeline headless in Node, on the same core stages as the
 * page: dataset -> trained model -> graph -> calibration -> quantized graph -> .tflite -> evaluation
 * -> report.json. tfjs runs on its WASM backend (SIMD, one thread) from node_modules.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { initBackend } from '../src/backends/select-backend';
import { loadFusedKernelsNode } from '../src/node/kernels-node';
import { generateCSource } from '../src/core/deploy/c-source';
import { deployReportFor } from '../src/core/deploy/deploy-report';
import { describePreset, PRESETS } from '../src/core/model/presets';
import { buildReport } from '../src/core/report/build-report';
import { trainModel } from '../src/core/train/train';
import { DATASETS } from '../src/core/mnist/datasets';
import { loadDatasetForNode } from '../src/node/fashion-node';
import type { MnistDataset } from '../src/core/mnist/dataset';
import { architectureOf, type TrainedModel } from '../src/core/model/trained-model';
import { openH5Node } from '../src/import/h5-node';
import { importLabModel } from '../src/import/import-model';
import { readModelFilesNode } from '../src/node/model-files-node';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './options';
import { progressPrinter, runModes } from './run-modes';
import { importNonMnist, runUnlabelled } from './run-unlabelled';
import { compressForCli, runSweep } from './run-compress';
import { formatSweepTable } from '../src/core/compress/sparsity-sweep';

/** Writes the TFLite Micro C++ files of one mode, or says why TFLM cannot run it. */
function writeCSource(out: string, mode: string, bytes: Uint8Array): void {
  try {
    const c = generateCSource(bytes, mode);
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(out, name), text);
    console.log(`  wrote ${Object.keys(c.files).join(', ')}`);
  } catch (e) {
    console.log(`  no C source for ${mode}: ${(e as Error).message}`);
  }
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });

  const backend = await initBackend(options.backend, {});
  console.log(`backend: ${backend.name} (${backend.reason})`);
  const nonMnist = options.importFile ? await importNonMnist(options.importFile) : undefined;
  if (nonMnist) {
    await runUnlabelled(nonMnist, options, out, backend.name);
    return 0;
  }
  const data = loadDatasetForNode(options.train.dataset);
  console.log(
    `dataset: ${DATASETS[options.train.dataset].title}, ${data.train.count} training and ${data.test.count} test images`,
  );
  const trained = await obtainModel(options, data, backend.name);

  const model = await compressForCli(trained, data, options, backend.name);
  const settings = {
    ...(options.importFile ? { import: basename(options.importFile) } : options.train),
    compress: options.compress,
    calibration: options.recipe.calibrationSamples,
    calibration_method: options.recipe.calibrationMethod,
    qat_epochs: options.qat.epochs,
  };
  const trainImages = options.importFile ? 0 : Math.min(options.train.trainLimit, data.train.count);
  const report = buildReport(model, settings, [], trainImages);
  console.log(
    `${model.compression ? 'compressed' : 'float'} model: test accuracy ${model.testAccuracy.toFixed(4)} on ${data.test.count} test images`,
  );

  const writeReport = () => writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeReport();
  for await (const { entry, bytes } of runModes(model, data, options)) {
    writeFileSync(join(out, entry.file), bytes);
    if (options.target) entry.deploy = deployReportFor(bytes, options.target);
    report.modes.push(entry);
    writeReport();
    console.log(
      `${entry.mode.padEnd(8)} ${String(entry.bytes).padStart(7)} bytes  ${String(entry.gzip_bytes).padStart(6)} gzipped  accuracy ${entry.accuracy.toFixed(4)} (${entry.accuracy_engine})`,
    );
    const d = entry.deploy;
    if (d) {
      console.log(
        `  ${d.target}: TFLM ${d.tflm_compatible ? 'yes' : 'no'}, Edge TPU ${d.edgetpu_compatible ? 'yes' : 'no'}, arena ${d.arena_bytes} B (+ interpreter est. = ${d.ram_bytes} B), flash ${d.flash_bytes} B, ${d.fits ? 'fits' : `does not fit: ${d.reasons[0]}`}`,
      );
    }
    if (options.cSource) writeCSource(out, entry.mode, bytes);
  }
  if (options.sweep) {
    console.log(`sparsity sweep: ${options.sweep.join(', ')}`);
    report.compression_sweep = await runSweep(trained, data, options, backend.name, (_level, rows) => {
      report.compression_sweep = [...(report.compression_sweep ?? []), ...rows];
      writeReport();
      console.log(formatSweepTable(rows));
    });
    writeReport();
    console.log(formatSweepTable(report.compression_sweep));
  }
  console.log(`wrote ${join(out, 'report.json')}`);
  return 0;
}

/** The model to quantize: imported from --import FILE, or trained from the preset. */
async function obtainModel(options: CliOptions, data: MnistDataset, backend: string): Promise<TrainedModel> {
  if (options.importFile) {
    const { model, notes } = await importLabModel(
      readModelFilesNode(options.importFile),
      openH5Node,
      data.test,
      backend,
      options.pixels,
    );
    const arch = architectureOf(model);
    console.log(`model: ${arch.name}, ${arch.layers.length} layers, ${model.params} parameters`);
    for (const note of notes) console.log(`  ${note}`);
    return model;
  }
  const preset = PRESETS[options.train.preset];
  console.log(`model: ${preset.name}, ${describePreset(preset).params} parameters`);
  const { model } = await trainModel(data, options.train, {
    backendName: backend,
    onProgress: progressPrinter(''),
    fusedKernels: loadFusedKernelsNode(),
  });
  console.log(`trained with: ${model.trainer === 'fused-simd' ? 'the fused WASM SIMD step' : 'tfjs ops'}`);
  return model;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
  },
);
