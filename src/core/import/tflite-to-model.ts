/**
 * A float32 .tflite file (TensorFlow's converter output, or the lab's own float32 file) -> the lab's
 * architecture and weights, so every stage runs on it. The file is read by the strict reader
 * (readTflite); each operator is translated by one entry of {@link TFLITE_OPS}. Weights come back in
 * TF.js layouts: CONV_2D OHWI -> HWIO, DEPTHWISE_CONV_2D [1, kh, kw, c*m] -> [kh, kw, c, m] (one memory
 * order), FULLY_CONNECTED [units, in] -> [in, units]. SOFTMAX fuses into the FULLY_CONNECTED before it.
 */

import type { Activation, GraphOp, Graph } from '../graph/graph';
import { constFloat32, shapeSize } from '../graph/graph';
import { transpose2d } from '../graph/layer-to-ops';
import { ARCH_INPUT, type LayerActivation, type LayerSpec, type ModelArchitecture } from '../model/architecture';
import { layerOutputShape, windowOut } from '../model/layer-shapes';
import type { WeightTensor } from '../model/trained-model';
import { inspectTflite, readTflite, type TfliteModelInfo } from '../tflite/read-tflite';
import type { ImportedModel } from './keras-to-model';
import { LayerShapeError } from '../model/shape-problem';
import { readerProblem, type TfliteOpReason } from './import-problem';
import { ModelImportError } from './model-file';

/** What translating one operator gives. */
type OpStep =
  /** New lab layers (kernel/bias in TF.js layouts for weighted ones). */
  | { kind: 'layers'; layers: { spec: LayerSpec; kernel?: WeightTensor; bias?: WeightTensor }[] }
  /** The op does nothing the architecture does not already say (e.g. RESHAPE to the same shape). */
  | { kind: 'identity' }
  /** An activation op fused into the layer producing its input. */
  | { kind: 'activation'; activation: LayerActivation };

export interface OpContext {
  graph: Graph;
  op: GraphOp;
  /** The lab layer name to give the op's layer(s). */
  name: string;
  /** Shape (no batch) of the op's i-th input. */
  inputShape(i: number): number[];
  /** Shape (no batch) of the op's output. */
  outputShape: number[];
  /** Float32 constant held by the op's i-th input (an error sentence when it is not one). */
  constant(i: number): Float32Array;
  /** Int32 constant held by the op's i-th input (axes, paddings). */
  intConstant(i: number): Int32Array;
}

type OpTranslate = (ctx: OpContext) => OpStep;

const fail = (ctx: OpContext, reason: TfliteOpReason): never => {
  throw new ModelImportError({ code: 'import-tflite-op', op: ctx.op.kind, layer: ctx.name, reason });
};

/** TFLite fused activation -> the lab's layer activation. */
function activationOf(ctx: OpContext, a: Activation): LayerActivation {
  const map: Record<Activation, LayerActivation> = { NONE: 'linear', RELU: 'relu', RELU6: 'relu6' };
  return map[a] ?? fail(ctx, { code: 'fused-activation', activation: String(a) });
}

function square(ctx: OpContext, what: 'kernel' | 'stride' | 'filter', h: number, w: number): number {
  if (h !== w) fail(ctx, { code: 'not-square', what, h, w });
  return h;
}

/** The op's bias (input 2), or zeros when the file omits it (index -1). */
function biasOf(ctx: OpContext, channels: number): WeightTensor {
  const values = ctx.op.inputs[2] === undefined || ctx.op.inputs[2] < 0 ? new Float32Array(channels) : ctx.constant(2);
  if (values.length !== channels) fail(ctx, { code: 'bias-size', values: values.length, channels });
  return { name: `${ctx.name}/bias`, shape: [channels], values };
}

/** OHWI [out, kh, kw, in] -> HWIO [kh, kw, in, out]. */
export function ohwiToHwio(w: Float32Array, cout: number, kh: number, kw: number, cin: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let o = 0; o < cout; o++)
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++)
        for (let i = 0; i < cin; i++) out[((y * kw + x) * cin + i) * cout + o] = w[((o * kh + y) * kw + x) * cin + i];
  return out;
}

function windowed(ctx: OpContext, op: { strideH: number; strideW: number; dilationH: number; dilationW: number }) {
  if (op.dilationH !== 1 || op.dilationW !== 1) fail(ctx, { code: 'dilated' });
  return square(ctx, 'stride', op.strideH, op.strideW);
}

const conv2d: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'CONV_2D' }>;
  const filterShape = ctx.graph.tensors[op.inputs[1]].shape;
  const [cout, kh, kw, cin] = filterShape;
  if (cin !== ctx.inputShape(0)[2]) fail(ctx, { code: 'filter-reads', filter: cin, input: ctx.inputShape(0)[2] });
  const spec: LayerSpec = {
    type: 'conv2d',
    name: ctx.name,
    filters: cout,
    kernel: square(ctx, 'kernel', kh, kw),
    strides: windowed(ctx, op),
    padding: op.padding === 'SAME' ? 'same' : 'valid',
    activation: activationOf(ctx, op.activation),
  };
  const kernel = {
    name: `${ctx.name}/kernel`,
    shape: [kh, kw, cin, cout],
    values: ohwiToHwio(ctx.constant(1), cout, kh, kw, cin),
  };
  return { kind: 'layers', layers: [{ spec, kernel, bias: biasOf(ctx, cout) }] };
};

const depthwiseConv2d: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'DEPTHWISE_CONV_2D' }>;
  const [, kh, kw, channels] = ctx.graph.tensors[op.inputs[1]].shape;
  const cin = ctx.inputShape(0)[2];
  // Newer converters may write depth_multiplier 0; the filter's channels say it.
  const mult = channels / cin;
  if (!Number.isInteger(mult)) fail(ctx, { code: 'filter-channels', channels, input: cin });
  const spec: LayerSpec = {
    type: 'depthwiseConv2d',
    name: ctx.name,
    kernel: square(ctx, 'kernel', kh, kw),
    strides: windowed(ctx, op),
    padding: op.padding === 'SAME' ? 'same' : 'valid',
    depthMultiplier: mult,
    activation: activationOf(ctx, op.activation),
  };
  // [1, kh, kw, c * m] and [kh, kw, c, m] share one memory order.
  const kernel = { name: `${ctx.name}/depthwise_kernel`, shape: [kh, kw, cin, mult], values: ctx.constant(1) };
  return { kind: 'layers', layers: [{ spec, kernel, bias: biasOf(ctx, channels) }] };
};

const fullyConnected: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'FULLY_CONNECTED' }>;
  const [units, inputs] = ctx.graph.tensors[op.inputs[1]].shape;
  const x = ctx.inputShape(0);
  if (shapeSize(x) !== inputs) fail(ctx, { code: 'fc-inputs', weights: inputs, input: shapeSize(x) });
  const spec: LayerSpec = { type: 'dense', name: ctx.name, units, activation: activationOf(ctx, op.activation) };
  const kernel = {
    name: `${ctx.name}/kernel`,
    shape: [inputs, units],
    values: transpose2d(ctx.constant(1), units, inputs),
  };
  const layers: OpStep & { kind: 'layers' } = { kind: 'layers', layers: [{ spec, kernel, bias: biasOf(ctx, units) }] };
  // FULLY_CONNECTED flattens a higher-rank input itself; the lab's dense reads a vector.
  if (x.length > 1) layers.layers.unshift({ spec: { type: 'flatten', name: `${ctx.name}_flatten` } });
  return layers;
};

function pool(type: 'maxPool2d' | 'avgPool2d'): OpTranslate {
  return (ctx) => {
    const op = ctx.op as Extract<GraphOp, { kind: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D' }>;
    const size = square(ctx, 'filter', op.filterH, op.filterW);
    const strides = square(ctx, 'stride', op.strideH, op.strideW);
    if (op.activation !== 'NONE') fail(ctx, { code: 'pool-activation', activation: op.activation });
    const [h, w] = ctx.inputShape(0);
    const sameAsValid = [h, w].every(
      (d) => windowOut(d, size, strides, 'same') === windowOut(d, size, strides, 'valid'),
    );
    if (op.padding === 'SAME' && !(sameAsValid && strides === size)) fail(ctx, { code: 'same-padding' });
    return { kind: 'layers', layers: [{ spec: { type, name: ctx.name, pool: size, strides } }] };
  };
}

/** RESHAPE by its output tensor's shape (the converter's shape input may be computed at run time). */
const reshape: OpTranslate = (ctx) => {
  const x = ctx.inputShape(0);
  const y = ctx.outputShape;
  if (x.join(',') === y.join(',')) return { kind: 'identity' };
  if (y.length === 1) return { kind: 'layers', layers: [{ spec: { type: 'flatten', name: ctx.name } }] };
  return { kind: 'layers', layers: [{ spec: { type: 'reshape', name: ctx.name, targetShape: y } }] };
};

const softmax: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'SOFTMAX' }>;
  if (op.beta !== 1) fail(ctx, { code: 'softmax-beta', beta: op.beta });
  return { kind: 'activation', activation: 'softmax' };
};

const add: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'ADD' }>;
  if (op.inputs.some((i) => ctx.graph.tensors[i].data)) fail(ctx, { code: 'add-constant' });
  if (ctx.inputShape(0).join(',') !== ctx.inputShape(1).join(',')) fail(ctx, { code: 'broadcast' });
  const spec: LayerSpec = { type: 'add', name: ctx.name, activation: activationOf(ctx, op.activation) };
  return { kind: 'layers', layers: [{ spec }] };
};

/** SUB and MUL of two computed same-shape tensors, without a fused activation. */
function binary(type: 'subtract' | 'multiply'): OpTranslate {
  return (ctx) => {
    const op = ctx.op as Extract<GraphOp, { kind: 'SUB' | 'MUL' }>;
    if (op.inputs.some((i) => ctx.graph.tensors[i].data)) fail(ctx, { code: 'combine-constant' });
    if (ctx.inputShape(0).join(',') !== ctx.inputShape(1).join(',')) fail(ctx, { code: 'broadcast' });
    if (op.activation !== 'NONE') fail(ctx, { code: 'fused-here', activation: op.activation });
    return { kind: 'layers', layers: [{ spec: { type, name: ctx.name } }] };
  };
}

const concatenation: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'CONCATENATION' }>;
  const rank = ctx.inputShape(0).length + 1;
  if (op.axis !== -1 && op.axis !== rank - 1) fail(ctx, { code: 'concat-axis', axis: op.axis });
  if (op.activation !== 'NONE') fail(ctx, { code: 'fused-here', activation: op.activation });
  if (op.inputs.some((i) => ctx.graph.tensors[i].data)) fail(ctx, { code: 'constant-operand' });
  return { kind: 'layers', layers: [{ spec: { type: 'concatenate', name: ctx.name } }] };
};

/** MEAN over H and W (GlobalAveragePooling2D). */
const mean: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'MEAN' }>;
  const axes = [...ctx.intConstant(1)].sort();
  if (axes.join(',') !== '1,2') fail(ctx, { code: 'mean-axes', axes });
  return { kind: 'layers', layers: [{ spec: { type: 'globalAvgPool2d', name: ctx.name, keepDims: op.keepDims } }] };
};

/** PAD with zeros around H and W only. */
const pad: OpTranslate = (ctx) => {
  const p = [...ctx.intConstant(1)];
  if (p.length !== 8 || p[0] !== 0 || p[1] !== 0 || p[6] !== 0 || p[7] !== 0) fail(ctx, { code: 'pad-hw' });
  const padding: [number, number, number, number] = [p[2], p[3], p[4], p[5]];
  return { kind: 'layers', layers: [{ spec: { type: 'zeroPadding2d', name: ctx.name, padding } }] };
};

function pointwise(activation: 'sigmoid' | 'tanh' | 'hardSwish'): OpTranslate {
  return (ctx) => ({ kind: 'layers', layers: [{ spec: { type: 'activation', name: ctx.name, activation } }] });
}

const leakyRelu: OpTranslate = (ctx) => {
  const op = ctx.op as Extract<GraphOp, { kind: 'LEAKY_RELU' }>;
  return {
    kind: 'layers',
    layers: [{ spec: { type: 'activation', name: ctx.name, activation: 'leakyRelu', alpha: op.alpha } }],
  };
};

/**
 * Every TFLite operator the importer translates, one entry each. An op the IR gains becomes one more
 * entry here (its lab layer, weights in TF.js layout).
 */
export const TFLITE_OPS: Partial<Record<GraphOp['kind'], OpTranslate>> = {
  CONV_2D: conv2d,
  DEPTHWISE_CONV_2D: depthwiseConv2d,
  FULLY_CONNECTED: fullyConnected,
  MAX_POOL_2D: pool('maxPool2d'),
  AVERAGE_POOL_2D: pool('avgPool2d'),
  RESHAPE: reshape,
  SOFTMAX: softmax,
  ADD: add,
  SUB: binary('subtract'),
  MUL: binary('multiply'),
  CONCATENATION: concatenation,
  MEAN: mean,
  PAD: pad,
  LOGISTIC: pointwise('sigmoid'),
  TANH: pointwise('tanh'),
  HARD_SWISH: pointwise('hardSwish'),
  LEAKY_RELU: leakyRelu,
};

/** The converter's batch-size chain: ops that only compute a RESHAPE's shape input at run time. */
const SHAPE_OPS = new Set(['SHAPE', 'STRIDED_SLICE', 'PACK']);

/** Ops that mark a quantized file (the lab imports float32 models). */
const QUANT_OPS = new Set(['QUANTIZE', 'DEQUANTIZE']);

/**
 * Refuses what is not a float32 file of translatable ops, each with one sentence: a quantized file
 * (it should be inspected, not imported), an unsupported op (named, with the supported list), several
 * subgraphs or inputs. Returns the op names the strict reader may skip (the batch-size chain).
 */
function screen(info: TfliteModelInfo, file: string): Set<string> {
  if (info.subgraphs.length !== 1)
    throw new ModelImportError({ code: 'import-tflite-subgraphs', file, count: info.subgraphs.length });
  const sg = info.subgraphs[0];
  const quantOp = sg.ops.find((op) => QUANT_OPS.has(op.opName));
  const quantTensor = sg.tensors.find((t) => t.quant && t.quant.scale.length > 0 && t.type !== 'FLOAT32');
  const lowPrecision = sg.tensors.filter((t) => t.type !== 'FLOAT32' && t.type !== 'INT32' && t.type !== 'INT64');
  const lowType = lowPrecision[0];
  if (quantOp || quantTensor || (lowType && lowType.dataOffset >= 0)) {
    // Dynamic range: float in and out, the low-precision tensors all constants (weights).
    const floatIo = [...sg.inputs, ...sg.outputs].every((i) => sg.tensors[i]?.type === 'FLOAT32');
    const dynamicRange = !quantOp && floatIo && lowPrecision.every((t) => t.dataOffset >= 0);
    throw new ModelImportError({
      code: 'import-tflite-quantized',
      file,
      what: quantOp ? quantOp.opName : `${(quantTensor ?? lowType)!.type} tensor ${(quantTensor ?? lowType)!.name}`,
      ...(dynamicRange && { dynamicRange }),
    });
  }
  if (sg.inputs.length !== 1 || sg.outputs.length !== 1)
    throw new ModelImportError({
      code: 'import-tflite-io',
      file,
      inputs: sg.inputs.length,
      outputs: sg.outputs.length,
    });
  const inputType = sg.tensors[sg.inputs[0]]?.type;
  if (inputType !== 'FLOAT32')
    throw new ModelImportError({ code: 'import-tflite-input-type', file, type: String(inputType) });
  const reshapeShapes = new Set(sg.ops.filter((op) => op.opName === 'RESHAPE').map((op) => op.inputs[1]));
  const skipped = new Set<string>();
  for (const op of sg.ops) {
    if (TFLITE_OPS[op.opName as GraphOp['kind']]) continue;
    // The batch-size chain is harmless when everything it computes ends in a RESHAPE's shape input.
    const feeds = (t: number): boolean =>
      reshapeShapes.has(t) ||
      sg.ops.filter((o) => o.inputs.includes(t)).every((o) => SHAPE_OPS.has(o.opName) && o.outputs.every(feeds));
    if (SHAPE_OPS.has(op.opName) && op.outputs.every(feeds)) {
      skipped.add(op.opName);
      continue;
    }
    throw new ModelImportError({
      code: 'import-tflite-unsupported-op',
      file,
      op: op.opName,
      index: op.index,
      supported: Object.keys(TFLITE_OPS),
    });
  }
  return skipped;
}

/** A converter tensor name ("sequential/conv2d/Relu;sequential/conv2d/BiasAdd") -> a layer name ("conv2d"). */
export function layerNameFromTensor(tensorName: string, fallback: string): string {
  const parts = tensorName.split(';')[0].split('/');
  const pick = parts.length > 2 ? parts[1] : parts[0];
  const clean = pick.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(clean) && clean.length <= 64 ? clean : fallback;
}

interface ImportState {
  specs: { spec: LayerSpec; kernel?: WeightTensor; bias?: WeightTensor }[];
  /** Graph tensor index -> lab layer name (or ARCH_INPUT) that computes it. */
  alias: Map<number, string>;
  shapes: Map<string, number[]>;
  used: Set<string>;
}

function uniqueName(state: ImportState, base: string): string {
  let name = base;
  for (let n = 1; state.used.has(name) || name === ARCH_INPUT; n++) name = `${base}_${n}`;
  state.used.add(name);
  return name;
}

const MNIST_VECTOR = [784];

/**
 * Translates a float32 .tflite; throws {@link ModelImportError} with one sentence when it cannot. The
 * input keeps its shape ([h, w, c]; [h, w] gains a channel, MNIST's [784] becomes [28, 28, 1] and a
 * flatten).
 */
export function importTfliteModel(bytes: Uint8Array, file: string): ImportedModel {
  let info: TfliteModelInfo;
  try {
    info = inspectTflite(bytes);
  } catch (e) {
    throw new ModelImportError({ code: 'import-tflite-unreadable', file, ...readerProblem(e) });
  }
  const ignoreOps = screen(info, file);
  let graph: Graph;
  try {
    graph = readTflite(bytes, { ignoreOps });
  } catch (e) {
    const c = (e as { context?: unknown } | null)?.context;
    throw new ModelImportError({
      code: 'import-tflite-graph',
      file,
      ...readerProblem(e),
      ...(typeof c === 'string' && c !== '' && { where: c }),
    });
  }
  const consumers = new Map<number, number>([[graph.outputs[0], 1]]);
  for (const op of graph.ops) for (const i of op.inputs) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  const dims = graph.tensors[graph.inputs[0]].shape.slice(1);
  const inputShape = dims.length === 2 ? [...dims, 1] : dims.join(',') === MNIST_VECTOR.join(',') ? [28, 28, 1] : dims;
  if (inputShape.length !== 3) throw new ModelImportError({ code: 'import-tflite-input-shape', file, shape: dims });
  const state: ImportState = {
    specs: [],
    alias: new Map(),
    shapes: new Map([[ARCH_INPUT, inputShape]]),
    used: new Set(),
  };
  state.alias.set(graph.inputs[0], ARCH_INPUT);
  const notes: string[] = [];
  if (dims.length === 1) {
    state.specs.push({ spec: { type: 'flatten', name: 'input_flatten', inputs: [ARCH_INPUT] } });
    state.shapes.set('input_flatten', [784]);
    state.alias.set(graph.inputs[0], 'input_flatten');
    state.used.add('input_flatten');
  }
  graph.ops.forEach((op, index) => translateOp(state, graph, op, index, consumers, notes));
  const out = state.alias.get(graph.outputs[0]);
  const last = state.specs[state.specs.length - 1];
  if (!last || out !== last.spec.name) throw new ModelImportError({ code: 'import-tflite-output-not-last', file });
  const architecture: ModelArchitecture = {
    id: 'imported',
    name: `${file} (TFLite)`,
    inputShape,
    layers: state.specs.map((s) => s.spec),
  };
  const weights = state.specs.flatMap((s) => (s.kernel && s.bias ? [s.kernel, s.bias] : []));
  if (ignoreOps.size > 0)
    notes.push(
      `${[...ignoreOps].join(', ')} (the batch-size computation of a RESHAPE) left out: the lab's batch is fixed.`,
    );
  return { architecture, weights, source: { kind: 'tflite', file }, notes };
}

function translateOp(
  state: ImportState,
  graph: Graph,
  op: GraphOp,
  index: number,
  consumers: Map<number, number>,
  notes: string[],
): void {
  const translate = TFLITE_OPS[op.kind] as OpTranslate;
  const dataInputs =
    op.kind === 'RESHAPE' ? op.inputs.slice(0, 1) : op.inputs.filter((i) => i >= 0 && !graph.tensors[i].data);
  const inputs = dataInputs.map((t) => {
    const a = state.alias.get(t);
    if (a === undefined)
      throw new ModelImportError({ code: 'import-tflite-op-reads', index, op: op.kind, tensor: graph.tensors[t].name });
    return a;
  });
  const outTensor = graph.tensors[op.outputs[0]];
  const name = layerNameFromTensor(outTensor.name, `${op.kind.toLowerCase()}_${index}`);
  const ctx: OpContext = {
    graph,
    op,
    name,
    inputShape: (i) => state.shapes.get(inputs[i]) as number[],
    outputShape: outTensor.shape.slice(1),
    constant: (i) => {
      const t = graph.tensors[op.inputs[i]];
      if (!t?.data)
        throw new ModelImportError({ code: 'import-tflite-op-constant', index, op: op.kind, input: i, int32: false });
      return constFloat32(t);
    },
    intConstant: (i) => {
      const t = graph.tensors[op.inputs[i]];
      if (!t?.data || t.dtype !== 'int32')
        throw new ModelImportError({ code: 'import-tflite-op-constant', index, op: op.kind, input: i, int32: true });
      return new Int32Array(t.data.slice().buffer);
    },
  };
  const step = translate(ctx);
  if (step.kind === 'identity') {
    state.alias.set(op.outputs[0], inputs[0]);
    return;
  }
  if (step.kind === 'activation') {
    const target = state.specs.find((s) => s.spec.name === inputs[0]);
    const linearDense = target?.spec.type === 'dense' && target.spec.activation === 'linear';
    if (!target || !linearDense || (consumers.get(dataInputs[0]) ?? 0) > 1)
      throw new ModelImportError({ code: 'import-tflite-op-fuse', index, op: op.kind });
    target.spec = { ...target.spec, activation: step.activation } as LayerSpec;
    notes.push(`${op.kind} fused into ${target.spec.name}.`);
    state.alias.set(op.outputs[0], inputs[0]);
    return;
  }
  let prev = inputs;
  for (const l of step.layers) {
    const layerName = uniqueName(state, l.spec.name as string);
    const spec = { ...l.spec, name: layerName, inputs: prev } as LayerSpec;
    const rename = (w?: WeightTensor) => w && { ...w, name: `${layerName}/${w.name.split('/').pop()}` };
    let shape: number[];
    try {
      shape = layerOutputShape(
        spec,
        prev.map((p) => state.shapes.get(p) as number[]),
        layerName,
      );
    } catch (e) {
      if (!(e instanceof LayerShapeError)) throw e;
      throw new ModelImportError({ code: 'import-tflite-op-shape', index, op: op.kind, problem: e.problem });
    }
    state.shapes.set(layerName, shape);
    state.specs.push({ spec, kernel: rename(l.kernel), bias: rename(l.bias) });
    prev = [layerName];
  }
  const got = state.shapes.get(prev[0]) as number[];
  if (got.join(',') !== ctx.outputShape.join(','))
    throw new ModelImportError({
      code: 'import-tflite-op-output',
      index,
      op: op.kind,
      inFile: ctx.outputShape,
      inLab: got,
    });
  state.alias.set(op.outputs[0], prev[0]);
}
