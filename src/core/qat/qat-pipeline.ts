import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { modelToGraph } from '../graph/model-to-graph';
import { calibrationImages, type ConvertedModel } from '../pipeline/convert';
import { calibrate } from '../quant/calibrate';
import type { TrainProgress } from '../train/settings';
import { convertQatModel } from './export-qat';
import { explainQat, type QatExplanation } from './explain-qat';
import { trainQat, type QatResult, type QatSettings } from './qat-train';

export interface QatRun {
  result: QatResult;
  converted: ConvertedModel;
  explanation: QatExplanation;
  /** Report fields describing how the file was made (added to ModeReport.recipe). */
  reportFields: Record<string, unknown>;
}

/**
 * The QAT stage shared by the CLI and the worker: fine-tune with fake quantization, export full int8
 * with the learned ranges, and explain what changed against a plain min/max calibration.
 */
export async function runQat(
  data: MnistDataset,
  model: TrainedModel,
  settings: QatSettings,
  opts: { onProgress?: (p: TrainProgress) => void; shouldCancel?: () => boolean; calibrationSamples?: number } = {},
): Promise<QatRun> {
  const result = await trainQat(data, model, settings, {
    onProgress: opts.onProgress,
    shouldCancel: opts.shouldCancel,
  });
  const converted = convertQatModel(result);
  const samples = opts.calibrationSamples ?? 100;
  const ptq = calibrate(modelToGraph(model), calibrationImages(data.train, samples, model.seed), samples, 'minmax');
  const explanation = explainQat(model, result, ptq);
  return {
    result,
    converted,
    explanation,
    reportFields: {
      calibrationMethod: 'qat-moving-average',
      calibrationSamples: 0,
      qat_epochs: settings.epochs,
      qat_learning_rate: settings.learningRate,
      qat_batch_size: settings.batchSize,
      qat_images: result.imagesSeen,
      qat_seconds: result.seconds,
      qat_float_accuracy: result.model.testAccuracy,
      qat_simulated_accuracy: result.simulatedTestAccuracy,
      qat_cancelled: result.cancelled,
      qat_summary: explanation.summary,
    },
  };
}
