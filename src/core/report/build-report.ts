import type { TrainedModel } from '../model/trained-model';
import type { LabReport, ModeReport } from './report';

/** Assembles report.json from the trained model, the settings that produced it and the per-mode entries. */
export function buildReport(
  model: TrainedModel,
  settings: Record<string, unknown>,
  modes: ModeReport[],
  trainImages: number,
  created = new Date(),
): LabReport {
  return {
    tool: 'quantization-lab',
    version: 1,
    created: created.toISOString(),
    preset: model.preset,
    dataset: model.dataset ?? 'mnist',
    seed: model.seed,
    settings,
    float: {
      test_accuracy: model.testAccuracy,
      params: model.params,
      train_seconds: model.trainSeconds,
      epochs: model.history.length,
      train_images: trainImages,
      backend: model.backend,
      ...(model.trainer && { trainer: model.trainer }),
    },
    modes,
    ...(model.compression && { compression: model.compression }),
    ...(model.source && { source: model.source }),
  };
}

/**
 * report.json `settings` of an imported model scored without labels (its input is not MNIST): the file, how
 * many calibration images it was calibrated and scored on, and, when known, the input range they were scaled to.
 * The CLI and the page write the same keys.
 */
export function unlabelledSettings(importFile: string, calibrationImages: number, inputRange?: string) {
  return {
    import: importFile,
    calibration_images: calibrationImages,
    ...(inputRange !== undefined && { input_range: inputRange }),
  };
}
