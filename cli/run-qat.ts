import type { MnistDataset } from '../src/core/mnist/dataset';
import type { TrainedModel } from '../src/core/model/trained-model';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { calibrationImages } from '../src/core/pipeline/convert';
import { convertQatModel } from '../src/core/qat/export-qat';
import { explainQat } from '../src/core/qat/explain-qat';
import { DEFAULT_QAT_SETTINGS, trainQat, type QatSettings } from '../src/core/qat/qat-train';
import { calibrate } from '../src/core/quant/calibrate';
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
  console.log(`qat: ${settings.epochs} epoch(s) of quantization-aware training, adam ${settings.learningRate}, batch ${settings.batchSize}`);
  let lastLine = Date.now();
  const result = await trainQat(data, model, settings, {
    onProgress: (p) => {
      const now = Date.now();
      if (p.phase === 'epoch') {
        console.log(`qat epoch ${p.epoch + 1}/${p.epochs}: loss ${p.loss.toFixed(4)}, int8-simulated test accuracy ${p.testAccuracy?.toFixed(4)}, ${p.elapsedSeconds.toFixed(1)} s`);
      } else if (now - lastLine > 5000) {
        lastLine = now;
        console.log(`  qat epoch ${p.epoch + 1}, batch ${p.batch + 1}/${p.batchesPerEpoch}: loss ${p.loss.toFixed(4)} (${p.elapsedSeconds.toFixed(0)} s, about ${p.etaSeconds.toFixed(0)} s left)`);
      }
    },
  });
  const converted = convertQatModel(result);
  const ptq = calibrate(modelToGraph(model), calibrationImages(data.train, options.calibration, model.seed), options.calibration, 'minmax');
  const explanation = explainQat(model, result, ptq);
  const artifact = await measureMode('qat', converted, data);
  artifact.entry.file = 'qat.tflite';
  artifact.entry.recipe = {
    ...artifact.entry.recipe,
    calibrationMethod: 'qat-moving-average',
    calibrationSamples: 0,
    qat_epochs: settings.epochs,
    qat_learning_rate: settings.learningRate,
    qat_batch_size: settings.batchSize,
    qat_images: result.imagesSeen,
    qat_seconds: result.seconds,
    qat_float_accuracy: result.model.testAccuracy,
    qat_simulated_accuracy: result.simulatedTestAccuracy,
    qat_summary: explanation.summary,
  };
  return artifact;
}
