/**
 * A Keras model file (config + named weights) -> the lab's architecture and weights. Dropout and
 * no-op reshapes vanish, BatchNormalization folds into the conv or dense before it, standalone
 * activations fuse into it, and MNIST-shaped inputs ([784], [28, 28], [28, 28, 1]) become the lab's
 * [28, 28, 1]; other image inputs [h, w, c] keep their shape. Pure: the format adapters in src/import produce the {@link KerasModelFile}.
 */

import {
  ARCH_INPUT,
  hasWeights,
  type LayerSpec,
  type ModelArchitecture,
  type ModelSource,
} from '../model/architecture';
import { layerOutputShape } from '../model/layer-shapes';
import { LayerShapeError } from '../model/shape-problem';
import type { WeightTensor } from '../model/trained-model';
import { MULTI_INPUT_LAYERS, translateLayer, type ImportedLayer } from './keras-layers';
import { INPUT_NODE, kerasGraph, type KerasGraph, type KerasNode } from './keras-nodes';
import { ModelImportError, type KerasModelFile } from './model-file';
import { weightsOnlyConfig } from './known-architectures';

/** The importer's output: what a TrainedModel needs besides its evaluation. */
export interface ImportedModel {
  architecture: ModelArchitecture;
  /** Kernel then bias per weighted layer, TF.js layouts (as TrainedModel.weights). */
  weights: WeightTensor[];
  source: ModelSource;
  /** What the importer changed, one sentence each (folded BatchNormalization, removed Dropout, ...). */
  notes: string[];
}

const MNIST_SHAPES = ['784', '28,28', '28,28,1'];

interface WalkState {
  layers: ImportedLayer[];
  /** Keras node name -> lab layer name (or ARCH_INPUT) holding its output. */
  alias: Map<string, string>;
  shapes: Map<string, number[]>;
  consumers: Map<string, number>;
  notes: string[];
}

/** Translates a Keras model file; throws {@link ModelImportError} with one sentence when it cannot. */
export function importKerasModel(file: KerasModelFile): ImportedModel {
  const graph = kerasGraph(file.config ?? weightsOnlyConfig(file));
  const mnist = MNIST_SHAPES.includes(graph.inputShape.join(','));
  if (!mnist && graph.inputShape.length !== 3)
    throw new ModelImportError({ code: 'import-input-shape', shape: graph.inputShape });
  const inputShape = mnist ? [28, 28, 1] : [...graph.inputShape];
  const state: WalkState = {
    layers: [],
    alias: new Map(),
    shapes: new Map(),
    consumers: countConsumers(graph),
    notes: [],
  };
  state.shapes.set(ARCH_INPUT, inputShape);
  state.alias.set(INPUT_NODE, ARCH_INPUT);
  if (mnist && graph.inputShape.length === 1) {
    state.layers.push({ spec: { type: 'flatten', name: 'input_flatten', inputs: [ARCH_INPUT] } });
    state.shapes.set('input_flatten', [784]);
    state.alias.set(INPUT_NODE, 'input_flatten');
  }
  for (const node of graph.nodes) walkNode(state, node, file);
  const out = state.alias.get(graph.output);
  const last = state.layers[state.layers.length - 1];
  if (!last || out !== last.spec.name)
    throw new ModelImportError({ code: 'import-output-not-last', output: graph.output });
  return {
    architecture: {
      id: 'imported',
      name: `${file.source.file} (${sourceName(file.source)})`,
      inputShape,
      layers: state.layers.map((l) => l.spec),
    },
    weights: state.layers.flatMap(weightTensors),
    source: file.source,
    notes: state.notes,
  };
}

function sourceName(s: ModelSource): string {
  return { 'keras-h5': 'Keras HDF5', keras: 'Keras 3 .keras', tfjs: 'TF.js Layers', tflite: 'TFLite' }[s.kind];
}

function countConsumers(graph: KerasGraph): Map<string, number> {
  const n = new Map<string, number>([[graph.output, 1]]);
  for (const node of graph.nodes) for (const i of node.inbound) n.set(i, (n.get(i) ?? 0) + 1);
  return n;
}

function weightTensors(l: ImportedLayer): WeightTensor[] {
  if (!hasWeights(l.spec) || !l.kernel || !l.bias) return [];
  const kernelName = l.spec.type === 'depthwiseConv2d' ? 'depthwise_kernel' : 'kernel';
  return [
    { name: `${l.spec.name}/${kernelName}`, shape: l.kernel.shape, values: l.kernel.values },
    { name: `${l.spec.name}/bias`, shape: l.bias.shape, values: l.bias.values },
  ];
}

function walkNode(state: WalkState, node: KerasNode, file: KerasModelFile): void {
  const inputs = node.inbound.map((n) => {
    const a = state.alias.get(n);
    if (a === undefined) throw new ModelImportError({ code: 'import-layer-reads', layer: node.name, input: n });
    return a;
  });
  if (inputs.length !== 1 && !MULTI_INPUT_LAYERS.has(node.className))
    throw new ModelImportError({
      code: 'import-layer-inputs',
      layer: node.name,
      className: node.className,
      count: inputs.length,
    });
  const input = inputs[0];
  const t = translateLayer({
    node,
    inputShape: state.shapes.get(input) as number[],
    inputShapes: inputs.map((n) => state.shapes.get(n) as number[]),
    atInput: input === ARCH_INPUT,
    weights: file.weights[node.name],
  });
  if (t.kind === 'identity') {
    state.alias.set(node.name, input);
    if (node.className !== 'Reshape' && node.className !== 'Flatten')
      state.notes.push(`${node.name} (${node.className}) removed: it does nothing at inference.`);
    return;
  }
  if (t.kind === 'layers') return appendLayers(state, node, inputs, t.layers);
  const target = fusionTarget(state, node, input, node.inbound[0]);
  const idx = state.layers.indexOf(target);
  if (t.kind === 'activation') {
    state.layers[idx] = { ...target, spec: { ...target.spec, activation: t.activation } as LayerSpec };
    state.notes.push(`${node.name} (${node.className}) fused into ${target.spec.name}.`);
  } else {
    state.layers[idx] = t.fold(target);
    state.notes.push(`${node.name} (BatchNormalization) folded into ${target.spec.name}.`);
  }
  state.alias.set(node.name, input);
}

/**
 * The layer an activation (a conv, dense or Add) or a BatchNormalization (a conv or dense) merges
 * into: linear, and read by nothing else.
 */
function fusionTarget(state: WalkState, node: KerasNode, input: string, kerasInput: string): ImportedLayer {
  const target = state.layers.find((l) => l.spec.name === input);
  const alone = (name: string) => (state.consumers.get(name) ?? 0) <= 1;
  const bn = node.className === 'BatchNormalization';
  const kind = target && (hasWeights(target.spec) || (!bn && target.spec.type === 'add'));
  const linear = target && 'activation' in target.spec && target.spec.activation === 'linear';
  if (!target || !kind || !linear || !alone(input) || !alone(kerasInput))
    throw new ModelImportError({
      code: 'import-fusion-target',
      layer: node.name,
      className: node.className,
      batchNorm: bn,
      follows: input,
    });
  return target;
}

/** {@link layerOutputShape}, its shape problem as an import problem. */
function shapeOf(spec: LayerSpec, shapes: number[][], name: string): number[] {
  try {
    return layerOutputShape(spec, shapes, name);
  } catch (e) {
    if (e instanceof LayerShapeError) throw new ModelImportError({ code: 'import-layer-shape', problem: e.problem });
    throw e;
  }
}

function appendLayers(state: WalkState, node: KerasNode, inputs: string[], layers: ImportedLayer[]): void {
  let prev = inputs;
  for (const l of layers) {
    const name = l.spec.name as string;
    if (state.shapes.has(name) || name === ARCH_INPUT)
      throw new ModelImportError({ code: 'import-duplicate-name', name });
    const spec = { ...l.spec, inputs: prev } as LayerSpec;
    const shapes = prev.map((p) => state.shapes.get(p) as number[]);
    state.shapes.set(name, shapeOf(spec, shapes, name));
    state.layers.push({ ...l, spec });
    prev = [name];
  }
  state.alias.set(node.name, prev[0]);
}
