/**
 * Keras model config JSON -> a flat list of layer nodes with the names of their inputs, for the
 * three dialects the lab meets: Keras 2 (`inbound_nodes: [[[name, 0, 0, {}]]]`, `batch_input_shape`),
 * Keras 3 (`inbound_nodes: [{args: [{class_name: "__keras_tensor__", config: {keras_history}}]}]`,
 * `batch_shape`), and TF.js Layers (Keras 2's). Sequential and functional models.
 */

import { ModelImportError } from './model-file';

export interface KerasNode {
  className: string;
  name: string;
  config: Record<string, unknown>;
  /** Names of the nodes feeding this one (empty for an InputLayer). */
  inbound: string[];
}

export interface KerasGraph {
  nodes: KerasNode[];
  /** One image's shape without the batch, e.g. [28, 28] or [28, 28, 1]. */
  inputShape: number[];
  /** The name of the node whose output is the model's output. */
  output: string;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses a model config (`{class_name, config}`) into nodes. */
export function kerasGraph(modelConfig: unknown): KerasGraph {
  if (!isObject(modelConfig) || typeof modelConfig.class_name !== 'string')
    throw new ModelImportError({ code: 'import-no-keras-config' });
  const cls = modelConfig.class_name;
  const config = modelConfig.config;
  if (cls === 'Sequential') return sequentialGraph(config);
  if (cls === 'Functional' || cls === 'Model') return functionalGraph(config);
  throw new ModelImportError({ code: 'import-model-class', className: cls });
}

function layerList(config: unknown): Json[] {
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layers) || !layers.every(isObject)) throw new ModelImportError({ code: 'import-no-layer-list' });
  return layers;
}

function shapeOf(config: Json): number[] | undefined {
  const s = config.batch_input_shape ?? config.batch_shape;
  return Array.isArray(s) ? (s.slice(1) as number[]) : undefined;
}

function nodeOf(layer: Json, inbound: string[]): KerasNode {
  const config = isObject(layer.config) ? layer.config : {};
  const name = typeof config.name === 'string' ? config.name : String(layer.name ?? '');
  return { className: String(layer.class_name), name, config, inbound };
}

function sequentialGraph(config: unknown): KerasGraph {
  const layers = layerList(config);
  const nodes: KerasNode[] = [];
  let inputShape: number[] | undefined;
  if (isObject(config) && Array.isArray(config.build_input_shape)) inputShape = config.build_input_shape.slice(1);
  for (const layer of layers) {
    const node = nodeOf(layer, [nodes.length ? nodes[nodes.length - 1].name : INPUT_NODE]);
    inputShape ??= shapeOf(node.config);
    if (node.className === 'InputLayer') {
      inputShape = shapeOf(node.config) ?? inputShape;
      continue;
    }
    nodes.push(node);
  }
  if (!inputShape) throw new ModelImportError({ code: 'import-sequential-input-shape' });
  if (nodes.length === 0) throw new ModelImportError({ code: 'import-no-layers' });
  return { nodes, inputShape, output: nodes[nodes.length - 1].name };
}

/** The name nodes use for the model input after {@link kerasGraph} (every InputLayer maps to it). */
export const INPUT_NODE = 'input';

/** Names of the layers a Keras 2 or Keras 3 `inbound_nodes` entry reads. */
export function inboundNames(inboundNodes: unknown, layer: string): string[] {
  if (!Array.isArray(inboundNodes) || inboundNodes.length === 0) return [];
  if (inboundNodes.length > 1)
    throw new ModelImportError({ code: 'import-shared-layer', layer, calls: inboundNodes.length });
  const node = inboundNodes[0];
  if (Array.isArray(node)) return node.map((entry) => String((entry as unknown[])[0])); // Keras 2
  const names: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isObject(x)) {
      const history = isObject(x.config) ? x.config.keras_history : undefined;
      if (x.class_name === '__keras_tensor__' && Array.isArray(history)) names.push(String(history[0]));
      else Object.values(x).forEach(walk);
    }
  };
  walk(isObject(node) ? node.args : node);
  return names;
}

function functionalGraph(config: unknown): KerasGraph {
  if (!isObject(config)) throw new ModelImportError({ code: 'import-functional-config' });
  const inputs = new Set<string>();
  let inputShape: number[] | undefined;
  const nodes: KerasNode[] = [];
  for (const layer of layerList(config)) {
    const node = nodeOf(layer, []);
    if (node.className === 'InputLayer') {
      if (inputs.size > 0) throw new ModelImportError({ code: 'import-several-inputs' });
      inputs.add(node.name);
      inputShape = shapeOf(node.config);
      continue;
    }
    if (['Sequential', 'Functional', 'Model'].includes(node.className))
      throw new ModelImportError({ code: 'import-nested-model', layer: node.name, className: node.className });
    node.inbound = inboundNames(layer.inbound_nodes, node.name).map((n) => (inputs.has(n) ? INPUT_NODE : n));
    nodes.push(node);
  }
  const outputs = config.output_layers;
  const outList = Array.isArray(outputs) && Array.isArray(outputs[0]) ? outputs : [outputs];
  if (outList.length !== 1) throw new ModelImportError({ code: 'import-several-outputs' });
  const output = Array.isArray(outList[0]) ? String(outList[0][0]) : nodes[nodes.length - 1]?.name;
  if (!inputShape) throw new ModelImportError({ code: 'import-no-input-layer' });
  if (!output) throw new ModelImportError({ code: 'import-no-layers' });
  return { nodes, inputShape, output };
}
