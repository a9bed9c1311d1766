import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantRecipe } from '../../core/quant/recipe';
import { labBridge } from '../lab-client';
import type { ConvertJob } from '../quant/use-quantization';

/** A results-table job that converts `trained` with any recipe (e.g. one with keepFloat) in the lab worker. */
export function convertJob(trained: TrainedModel, recipe: QuantRecipe): ConvertJob {
  return (signal) => labBridge.run((api) => api.convert(trained, recipe), signal);
}
