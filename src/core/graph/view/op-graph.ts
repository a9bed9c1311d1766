/**
 * A model as the graph view draws it: one node per op (plus the model's input), one edge per activation
 * tensor from the op that produces it to each op that reads it, labelled with its shape. Constants (weights,
 * biases) are not nodes; they are the node's weights. Built from the lab's own Graph or from an inspected
 * .tflite (TfliteModelInfo), through the same plain description.
 */
import type { Graph } from '../graph';
import type { TfliteModelInfo } from '../../tflite/inspect-tflite';

export interface OpGraphNode {
  /** Unique id, also the data-testid suffix: the layer name (e.g. 'conv2d_0'), made unique with '#k' if needed. */
  id: string;
  /** The op's output tensor name ('conv2d_0/out'): the debugger's row key and QuantRecipe.keepFloat's key. */
  tensorName: string;
  /** TFLite op name, or 'INPUT' for the model input. */
  op: string;
  outputShape: number[];
  /** Index of the op in the graph (-1 for the input node). */
  opIndex: number;
  /** Index in `weightTensors` of the op's first constant input (its kernel), when it has one. */
  weightTensor?: number;
}

export interface OpGraphEdge {
  from: string;
  to: string;
  shape: number[];
}

export interface OpGraph {
  nodes: OpGraphNode[];
  edges: OpGraphEdge[];
}

/** The plain description both sources reduce to. */
export interface OpListing {
  tensors: { name: string; shape: number[]; constant: boolean }[];
  ops: { op: string; inputs: number[]; outputs: number[] }[];
  inputs: number[];
}

/** The layer a tensor belongs to: its name up to the first '/' (the debugger's `layer`). */
export function layerOf(tensorName: string): string {
  return tensorName.split('/')[0] || tensorName;
}

/** Nodes and edges of `listing`; ops without outputs are skipped, omitted inputs (-1) ignored. */
export function buildOpGraph(listing: OpListing): OpGraph {
  const nodes: OpGraphNode[] = [];
  const producer = new Map<number, string>();
  const used = new Map<string, number>();
  const uniqueId = (name: string) => {
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    return n === 0 ? name : `${name}#${n + 1}`;
  };
  for (const t of listing.inputs) {
    const tensor = listing.tensors[t];
    if (!tensor) continue;
    const id = uniqueId(layerOf(tensor.name));
    nodes.push({ id, tensorName: tensor.name, op: 'INPUT', outputShape: tensor.shape, opIndex: -1 });
    producer.set(t, id);
  }
  const edges: OpGraphEdge[] = [];
  listing.ops.forEach((op, opIndex) => {
    const out = listing.tensors[op.outputs[0]];
    if (!out) return;
    const id = uniqueId(layerOf(out.name));
    const weight = op.inputs.find((i) => i >= 0 && listing.tensors[i]?.constant);
    nodes.push({ id, tensorName: out.name, op: op.op, outputShape: out.shape, opIndex, weightTensor: weight });
    for (const i of op.inputs) {
      const from = i >= 0 ? producer.get(i) : undefined;
      if (from) edges.push({ from, to: id, shape: listing.tensors[i].shape });
    }
    for (const o of op.outputs) producer.set(o, id);
  });
  return { nodes, edges };
}

/** The lab's graph (float or quantized) as a listing. */
export function listGraph(graph: Graph): OpListing {
  return {
    tensors: graph.tensors.map((t) => ({ name: t.name, shape: t.shape, constant: t.data !== undefined })),
    ops: graph.ops.map((o) => ({ op: o.kind, inputs: o.inputs, outputs: o.outputs })),
    inputs: graph.inputs,
  };
}

/** The first subgraph of an inspected .tflite as a listing (constants: tensors with buffer data). */
export function listTflite(info: TfliteModelInfo): OpListing {
  const sg = info.subgraphs[0];
  if (!sg) return { tensors: [], ops: [], inputs: [] };
  return {
    tensors: sg.tensors.map((t) => ({ name: t.name, shape: t.shape, constant: t.byteLength > 0 })),
    ops: sg.ops.map((o) => ({ op: o.opName, inputs: o.inputs, outputs: o.outputs })),
    inputs: sg.inputs,
  };
}
