/**
 * The float side of an unlabelled run (src/core/pipeline/unlabelled-modes.ts) on tfjs, for the lab worker and
 * the CLI alike: one streamed pass of the float graph (floatPassTfjs) gives the reference outputs every file is
 * scored against and, for the default min/max recipe, the ranges every calibrating mode shares; the float
 * model is never run again per mode. Other min/max counts get their own tfjs pass; other methods the reference
 * calibrate.
 */
import { modelToGraph } from '../core/graph/model-to-graph';
import type { ModelWeights } from '../core/model/trained-model';
import {
  sharesMinMaxCalibration,
  unlabelledCalibrationCount,
  type UnlabelledHooks,
  type UnlabelledImages,
} from '../core/pipeline/unlabelled-modes';
import { calibrationChunkSize } from '../core/quant/calibrate';
import type { RecipeSettings } from '../core/quant/recipe';
import { collectRangesTfjs, floatPassTfjs } from './collect-ranges-tfjs';

export interface UnlabelledFloatPass {
  /** The float model's outputs on every image, [count, classes]: runUnlabelledModes' `reference`. */
  reference: Float32Array;
  /** runUnlabelledModes' calibrate hook: the shared ranges when they fit, else a tfjs min/max pass. */
  calibrate: NonNullable<UnlabelledHooks['calibrate']>;
}

/** Runs the float pass of `model` on `images` for `recipe`; `onChunk(done, total)` after each chunk. */
export function unlabelledFloatPass(
  model: ModelWeights,
  images: UnlabelledImages,
  recipe: RecipeSettings,
  onChunk?: (done: number, total: number) => void,
): UnlabelledFloatPass {
  const floatGraph = modelToGraph(model);
  const calibrateCount = sharesMinMaxCalibration(recipe) ? unlabelledCalibrationCount(recipe, images.count) : 0;
  const pass = floatPassTfjs(
    floatGraph,
    images.values,
    images.count,
    calibrateCount,
    calibrationChunkSize(floatGraph),
    onChunk,
  );
  return {
    reference: pass.outputs,
    calibrate: (graph, values, count, r) =>
      r.calibrationMethod !== 'minmax'
        ? undefined
        : count === pass.stats.count
          ? pass.stats
          : collectRangesTfjs(graph, values, count, calibrationChunkSize(graph)),
  };
}
