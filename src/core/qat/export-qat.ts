/**
 * QAT export stage: QAT float weights + QAT activation ranges -> full int8 graph -> .tflite bytes.
 * The ranges replace post-training calibration; everything else is the PTQ int8 path (quantizeGraph),
 * so the file obeys the same spec and the same writer.
 */

import { modelToGraph } from '../graph/model-to-graph';
import type { ConvertedModel } from '../pipeline/convert';
import { quantizeGraph } from '../quant/quantize-graph';
import { DEFAULT_RECIPE, type QuantRecipe } from '../quant/recipe';
import { writeTflite } from '../tflite/write-tflite';
import type { QatResult } from './qat-train';

/** The export recipe matching a QAT run: full int8 with float I/O and the granularity QAT trained with. */
export function qatRecipe(result: Pick<QatResult, 'granularity'>): QuantRecipe {
  return {
    ...DEFAULT_RECIPE,
    mode: 'int8',
    perChannel: result.granularity.perChannel,
    fcPerChannel: result.granularity.fcPerChannel,
    calibrationSamples: 0,
  };
}

/**
 * Converts a QAT result to a full-integer .tflite file (mode 'int8': float I/O; 'int8-io' also works).
 * `recipe` defaults to {@link qatRecipe}; its weight granularity must be the one QAT trained with, or
 * the file would not compute what training simulated. `stats` of the result is `result.activationRanges`.
 */
export function convertQatModel(
  result: Pick<QatResult, 'model' | 'activationRanges' | 'granularity'>,
  recipe: QuantRecipe = qatRecipe(result),
): ConvertedModel {
  if (recipe.mode !== 'int8' && recipe.mode !== 'int8-io')
    throw new Error(`QAT exports full integer (int8 or int8-io), not ${recipe.mode}`);
  if (recipe.perChannel !== result.granularity.perChannel || recipe.fcPerChannel !== result.granularity.fcPerChannel) {
    throw new Error(
      `QAT trained with perChannel=${result.granularity.perChannel}, fcPerChannel=${result.granularity.fcPerChannel}; ` +
        `the export recipe has perChannel=${recipe.perChannel}, fcPerChannel=${recipe.fcPerChannel}`,
    );
  }
  const started = Date.now();
  const graph = quantizeGraph(modelToGraph(result.model), result.activationRanges, recipe);
  graph.description = `${graph.description} (quantization-aware training)`;
  const bytes = writeTflite(graph);
  return { recipe, graph, bytes, stats: result.activationRanges, convertSeconds: (Date.now() - started) / 1000 };
}
