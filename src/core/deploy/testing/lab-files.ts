/**
 * The lab's own .tflite files for deployment tests: every preset (seeded random weights) in every PTQ mode,
 * converted and written by the lab's pipeline (convertModel -> writeTflite). Calibration images come from the
 * caller (tests load real MNIST in Node).
 */
import { modelToGraph } from '../../graph/model-to-graph';
import { randomWeights } from '../../graph/random-weights';
import { PRESET_IDS, type PresetId } from '../../model/presets';
import { convertModel } from '../../pipeline/convert';
import { QUANT_MODES, type QuantMode } from '../../modes/lab-modes';
import { DEFAULT_RECIPE } from '../../quant/recipe';

export interface LabFile {
  preset: PresetId;
  mode: QuantMode;
  bytes: Uint8Array;
}

/** Every preset x mode file, converted with `calibration` ([n, 28, 28, 1] floats in [0, 1]). */
export function labFiles(calibration: Float32Array, seed = 42): LabFile[] {
  return PRESET_IDS.flatMap((preset) => {
    const trained = { preset, weights: randomWeights(preset, seed) };
    const floatGraph = modelToGraph(trained);
    return QUANT_MODES.map((mode) => {
      const recipe = { ...DEFAULT_RECIPE, mode, calibrationSamples: calibration.length / 784 };
      return { preset, mode, bytes: convertModel(trained, recipe, calibration, floatGraph).bytes };
    });
  });
}
