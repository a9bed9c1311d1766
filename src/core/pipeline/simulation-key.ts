/**
 * What a simulation computes, as a comparable value. The simulators (reference interpreter and tfjs twin)
 * quantize a quantized graph input with its own params exactly as a QUANTIZE op from a float input would,
 * and return a quantized output dequantized, as a DEQUANTIZE op at the end would. So a float-input QUANTIZE
 * and a float-output DEQUANTIZE are taken off here, tensors are renumbered in order of use and names are
 * left out: two graphs with equal keys give the same simulated outputs for every input, hence the same
 * predictions. The int8 (float I/O) and int8-io files of one model are such a pair.
 */
import type { Graph, GraphOp, GraphTensor } from '../graph/graph';

export interface SimulationKey {
  /** Ops and tensor descriptions, constants by length and hash. */
  text: string;
  /** Constant bytes in canonical order, compared in full when the texts match. */
  constants: Uint8Array[];
}

/** FNV-1a over the bytes (only to make unequal keys differ early; equal keys compare bytes in full). */
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** JSON with object keys sorted (the converters build ops and params field by field, in any order). */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Ops and tensors of `graph` with a float-input QUANTIZE and a float-output DEQUANTIZE taken off. */
function simulatedPart(graph: Graph): { ops: GraphOp[]; input: number; output: number } {
  let ops = graph.ops;
  let input = graph.inputs[0];
  let output = graph.outputs[0];
  const usedBy = (t: number) => ops.filter((op) => op.inputs.includes(t)).length;
  const first = ops[0];
  if (
    first?.kind === 'QUANTIZE' &&
    first.inputs[0] === input &&
    graph.tensors[input].dtype === 'float32' &&
    usedBy(input) === 1
  ) {
    input = first.outputs[0];
    ops = ops.slice(1);
  }
  const last = ops[ops.length - 1];
  if (
    last?.kind === 'DEQUANTIZE' &&
    last.outputs[0] === output &&
    graph.tensors[last.inputs[0]].dtype !== 'float32' &&
    !graph.tensors[last.inputs[0]].data &&
    usedBy(last.inputs[0]) === 1
  ) {
    output = last.inputs[0];
    ops = ops.slice(0, -1);
  }
  return { ops, input, output };
}

/** The key of a one-input, one-output graph (see the file comment). */
export function simulationKey(graph: Graph): SimulationKey {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) throw new Error('simulationKey: one input and output');
  const { ops, input, output } = simulatedPart(graph);
  const ids = new Map<number, number>();
  const tensors: string[] = [];
  const constants: Uint8Array[] = [];
  const id = (t: number): number => {
    if (t < 0) return t;
    let k = ids.get(t);
    if (k === undefined) {
      k = ids.size;
      ids.set(t, k);
      const { shape, dtype, quant, data }: GraphTensor = graph.tensors[t];
      if (data) constants.push(data);
      tensors.push(sortedJson({ shape, dtype, quant, data: data && [data.length, fnv1a(data)] }));
    }
    return k;
  };
  const inId = id(input);
  const opText = ops.map((op) =>
    sortedJson({ ...op, inputs: op.inputs.map(id), outputs: op.outputs.map(id) } as Record<string, unknown>),
  );
  const text = sortedJson({ input: inId, output: id(output), ops: opText, tensors });
  return { text, constants };
}

/** Whether two keys are equal (texts, then every constant byte). */
export function sameSimulation(a: SimulationKey, b: SimulationKey): boolean {
  if (a.text !== b.text || a.constants.length !== b.constants.length) return false;
  return a.constants.every((c, i) => {
    const d = b.constants[i];
    if (c.length !== d.length) return false;
    for (let j = 0; j < c.length; j++) if (c[j] !== d[j]) return false;
    return true;
  });
}
