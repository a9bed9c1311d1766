import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { modelToGraph } from '../graph/model-to-graph';
import { calibrationImages, type ConvertedModel } from '../pipeline/convert';
import { calibrate } from '../quant/calibrate';
import { convertQatModel } from './export-qat';
import { explainQat, type QatExplanation } from './explain-qat';
import { trainQat, type QatOptions, type QatResult } from './qat-train';
import type { QatSettings } from './qat-settings';
import type { QatReport } from '../report/report';

export interface QatRun {
  result: QatResult;
  converted: ConvertedModel;
  explanation: QatExplanation;
  /** How the file was made (ModeReport.qat). */
  report: QatReport;
}

/**
 * The QAT stage shared by the CLI and the worker: fine-tune with fake quantization, export full int8
 * with the learned ranges, and explain what changed against a plain min/max calibration.
 */
export async function runQat(
  data: MnistDataset,
  model: TrainedModel,
  settings: QatSettings,
  opts: Pick<QatOptions, 'onProgress' | 'shouldCancel' | 'dataParallel' | 'fusedKernels'> & {
    calibrationSamples?: number;
  } = {},
): Promise<QatRun> {
  const result = await trainQat(data, model, settings, {
    onProgress: opts.onProgress,
    shouldCancel: opts.shouldCancel,
    dataParallel: opts.dataParallel,
    fusedKernels: opts.fusedKernels,
  });
  const converted = convertQatModel(result);
  const samples = opts.calibrationSamples ?? 100;
  const ptq = calibrate(modelToGraph(model), calibrationImages(data.train, samples, model.seed), samples, 'minmax');
  const explanation = explainQat(model, result, ptq);
  return {
    result,
    converted,
    explanation,
    report: {
      epochs: settings.epochs,
      learning_rate: settings.learningRate,
      batch_size: settings.batchSize,
      images: result.imagesSeen,
      seconds: result.seconds,
      float_accuracy: result.model.testAccuracy,
      simulated_accuracy: result.simulatedTestAccuracy,
      cancelled: result.cancelled,
      summary: explanation.summary,
      summary_lines: explanation.lines,
    },
  };
}
