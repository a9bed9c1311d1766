/**
 * Converter stage: a trained model (TF.js layouts) -> the float32 graph IR (TFLite layouts). It walks
 * the model's architecture (a preset's, or an imported one) in layer order; each layer's ops come from
 * {@link emitLayer}. The last layer's output is the graph output.
 */

import { ARCH_INPUT, graphLayerName, layerInputs } from '../model/architecture';
import { inferShapes } from '../model/layer-shapes';
import { architectureOf, type ModelWeights, type WeightTensor } from '../model/trained-model';
import type { Graph } from './graph';
import { emitLayer, type GraphBuilder } from './layer-to-ops';

export { hwioToOhwi, transpose2d } from './layer-to-ops';

export const INPUT_TENSOR_NAME = 'input';
export const OUTPUT_TENSOR_NAME = 'probabilities';

/** Builds the float32 graph of a model from its weights (kernel then bias per weighted layer, in layer order). */
export function modelToGraph(model: ModelWeights): Graph {
  const arch = architectureOf(model);
  const shapes = inferShapes(arch);
  let w = 0;
  const graph: Graph = {
    tensors: [{ name: INPUT_TENSOR_NAME, shape: [1, ...arch.inputShape], dtype: 'float32' }],
    ops: [],
    inputs: [0],
    outputs: [],
    description: `Quantization Lab ${arch.id} float32`,
    metadata: [],
  };
  const builder: GraphBuilder = {
    graph,
    nextWeight(layer: string, shape: number[]): WeightTensor {
      const t = model.weights[w++];
      if (!t) throw new Error(`layer ${layer}: missing weights (have ${model.weights.length})`);
      if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
        throw new Error(`layer ${layer}: weight ${t.name} has shape [${t.shape}], expected [${shape}]`);
      }
      return t;
    },
  };
  const tensorOf = new Map<string, number>([[ARCH_INPUT, 0]]);
  let current = 0;
  arch.layers.forEach((l, index) => {
    const name = graphLayerName(l, index);
    const last = index === arch.layers.length - 1;
    const inputs = layerInputs(arch, index).map((n) => tensorOf.get(n) as number);
    const out = emitLayer(builder, l, {
      name,
      inputs,
      inputShapes: shapes.inputs[index],
      outputName: last ? OUTPUT_TENSOR_NAME : `${name}/out`,
      outputShape: shapes.outputs[index],
    });
    tensorOf.set(name, out);
    current = out;
  });
  if (w !== model.weights.length)
    throw new Error(`model has ${model.weights.length} weight tensors, ${arch.id} uses ${w}`);
  graph.outputs = [current];
  return graph;
}
