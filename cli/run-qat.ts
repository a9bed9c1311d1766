import type { MnistDataset } from '../src/core/mnist/dataset';
import type { TrainedModel } from '../src/core/model/trained-model';
import { runQat } from '../src/core/qat/qat-pipeline';
import { DEFAULT_QAT_SETTINGS, type QatSettings } from '../src/core/qat/qat-train';
import type { CliOptions } from './options';
import { measureMode, type ModeArtifact } from './run-modes';

/** QAT settings for the CLI: --qat-epochs, and the float training's batch size, seed and subset. */
export function qatSettingsFrom(options: CliOptions): QatSettings {
  return {
    ...DEFAULT_QAT_SETTINGS,
    epochs: options.qatEpochs,
    batchSize: options.train.batchSize,
    seed: options.train.seed,
    trainLimit: options.train.trainLimit,
  };
}

/**
 * Mode `qat`: fine-tunes the trained model with fake quantization, exports full int8 (float I/O) with
 * the learned activation ranges, and measures the file like every other mode (simulation + LiteRT.js).
 * LiteRT must already be loaded (runModes does it).
 */
export async function runQatMode(model: TrainedModel, data: MnistDataset, options: CliOptions): Promise<ModeArtifact> {
  const settings = qatSettingsFrom(options);
  console.log(
    `qat: ${settings.epochs} epoch(s) of quantization-aware training, adam ${settings.learningRate}, batch ${settings.batchSize}`,
  );
  let lastLine = Date.now();
  const { converted, reportFields } = await runQat(data, model, settings, {
    calibrationSamples: options.calibration,
    onProgress: (p) => {
      const now = Date.now();
      if (p.phase === 'epoch') {
        console.log(
          `qat epoch ${p.epoch + 1}/${p.epochs}: loss ${p.loss.toFixed(4)}, int8-simulated test accuracy ${p.testAccuracy?.toFixed(4)}, ${p.elapsedSeconds.toFixed(1)} s`,
        );
      } else if (now - lastLine > 5000) {
        lastLine = now;
        console.log(
          `  qat epoch ${p.epoch + 1}, batch ${p.batch + 1}/${p.batchesPerEpoch}: loss ${p.loss.toFixed(4)} (${p.elapsedSeconds.toFixed(0)} s, about ${p.etaSeconds.toFixed(0)} s left)`,
        );
      }
    },
  });
  const artifact = await measureMode('qat', converted, data, model.testPredictions, model.compression);
  artifact.entry.file = 'qat.tflite';
  artifact.entry.recipe = { ...artifact.entry.recipe, ...reportFields };
  return artifact;
}
