import type { MnistDataset } from '../src/core/mnist/dataset';
import type { TrainedModel } from '../src/core/model/trained-model';
import { simulateModelAccelerated } from '../src/accel/simulate-model-tfjs';
import { convertMode, convertedQatMode, measureMode, type MeasuredMode } from '../src/core/pipeline/measure-mode';
import { runQat } from '../src/core/qat/qat-pipeline';
import { loadFusedKernelsNode } from '../src/node/kernels-node';
import { qatSettingsFor } from '../src/core/qat/qat-settings';
import type { LabMode } from '../src/core/modes/lab-modes';
import type { TrainProgress } from '../src/core/train/settings';
import { evaluateTflite } from '../src/runtime/litert-eval';
import { loadLiteRtForNode } from '../src/node/litert-node';
import type { CliOptions } from './options';

/**
 * Converts the trained model into each requested mode and measures every file on all test images, in
 * the lab's simulation and in LiteRT.js (the real runtime); writes nothing itself.
 */
export async function* runModes(
  model: TrainedModel,
  data: MnistDataset,
  options: CliOptions,
): AsyncGenerator<MeasuredMode> {
  await loadLiteRtForNode();
  const evaluate = (bytes: Uint8Array) =>
    evaluateTflite(bytes, data.test.images, data.test.labels, { latencySamples: 1000 });
  for (const mode of options.modes) {
    const converted = await convertCliMode(mode, model, data, options);
    yield await measureMode(converted, evaluate, { tfjsPredictions: model.testPredictions });
  }
}

async function convertCliMode(mode: LabMode, model: TrainedModel, data: MnistDataset, options: CliOptions) {
  if (mode !== 'qat') return convertMode(model, { ...options.recipe, mode }, data, simulateModelAccelerated);
  const settings = qatSettingsFor(options.qat, options.train);
  console.log(
    `qat: ${settings.epochs} epoch(s) of quantization-aware training, adam ${settings.learningRate}, batch ${settings.batchSize}`,
  );
  const run = await runQat(data, model, settings, {
    calibrationSamples: options.recipe.calibrationSamples,
    onProgress: progressPrinter('qat '),
    fusedKernels: loadFusedKernelsNode(),
  });
  return convertedQatMode(model, run, data, simulateModelAccelerated);
}

/** Prints every epoch and, at most every 5 s, the batch (training and QAT alike). */
export function progressPrinter(prefix: string): (p: TrainProgress) => void {
  let lastLine = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase === 'epoch') {
      const test = p.testAccuracy === undefined ? '' : `, test accuracy ${p.testAccuracy.toFixed(4)}`;
      console.log(
        `${prefix}epoch ${p.epoch + 1}/${p.epochs}: loss ${p.loss.toFixed(4)}, train accuracy ${p.accuracy.toFixed(4)}${test}, ${p.elapsedSeconds.toFixed(1)} s`,
      );
    } else if (now - lastLine > 5000) {
      lastLine = now;
      console.log(
        `  ${prefix}epoch ${p.epoch + 1}, batch ${p.batch + 1}/${p.batchesPerEpoch}: loss ${p.loss.toFixed(4)} (${p.elapsedSeconds.toFixed(0)} s, about ${p.etaSeconds.toFixed(0)} s left)`,
      );
    }
  };
}
