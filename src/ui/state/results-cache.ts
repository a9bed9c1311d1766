/**
 * The results cache: what the lab measured, kept apart from the settings (LabState). Mode results
 * belong to the trained model they were measured on (itself the product of the training settings
 * and seed) and each carries the recipe that produced it in its report entry; files dropped into
 * the inspector do not depend on the model. Pure, so it is tested in Node.
 */
import type { TrainedModel } from '../../core/model/trained-model';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import type { ModeReport } from '../../core/report/report';

/** A .tflite dropped into the inspector and scored in the runtime. */
export interface InspectedFile {
  entry: ModeReport;
  /** The bytes that ran (for a dynamic batch, the copy with the batch pinned to 1). */
  bytes: Uint8Array;
  /** The runtime's predicted class per test image, for the confusion matrix. */
  predictions?: Uint8Array;
}

export interface ResultsCache {
  /** The model `modes` were measured on. */
  model?: TrainedModel;
  /** Results by mode name ('int8', 'qat', 'int8-mixed', ...), in the order they were measured. */
  modes: Record<string, MeasuredMode>;
  /** Inspected files by their entry's mode ('file:<name>'). */
  files: Record<string, InspectedFile>;
}

export const EMPTY_RESULTS: ResultsCache = { modes: {}, files: {} };

const NO_OUTCOMES: Record<string, MeasuredMode> = {};

/** Adds (or replaces) one mode's result for `model`; results of any other model are dropped. */
export function addOutcome(
  cache: ResultsCache,
  model: TrainedModel,
  mode: string,
  outcome: MeasuredMode,
): ResultsCache {
  const modes = cache.model === model ? cache.modes : {};
  return { ...cache, model, modes: { ...modes, [mode]: outcome } };
}

/** Adds (or replaces) an inspected file. */
export function addInspected(cache: ResultsCache, file: InspectedFile): ResultsCache {
  return { ...cache, files: { ...cache.files, [file.entry.mode]: file } };
}

/** The mode results measured on `model` (none for another model, or none at all). */
export function outcomesFor(cache: ResultsCache, model: TrainedModel | undefined): Record<string, MeasuredMode> {
  return model && cache.model === model ? cache.modes : NO_OUTCOMES;
}

/** The results of `model` as a kept run held them (a reload): they replace any other model's. */
export function restoreOutcomes(
  cache: ResultsCache,
  model: TrainedModel,
  modes: Record<string, MeasuredMode>,
): ResultsCache {
  return { ...cache, model, modes };
}
