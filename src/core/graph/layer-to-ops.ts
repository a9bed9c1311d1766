/**
 * One architecture layer -> graph ops in TFLite layouts, as TF's converter lays them out: fused
 * RELU/RELU6 in CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED, dense+softmax as FULLY_CONNECTED(NONE)
 * + SOFTMAX(beta 1), flatten and reshape as RESHAPE [1, ...shape] (Keras NHWC order kept).
 */

import type { LayerActivation, LayerSpec } from '../model/architecture';
import { layerWeightShapes } from '../model/layer-shapes';
import type { WeightTensor } from '../model/trained-model';
import { toBytes, type Activation, type Graph, type GraphTensor } from './graph';

/** What a layer emitter needs: the graph so far and the weight list cursor. */
export interface GraphBuilder {
  graph: Graph;
  /** Takes the next weight tensor (TF.js layout), checking its shape. */
  nextWeight(layer: string, shape: number[]): WeightTensor;
}

/** A layer's place in the graph: its name, input tensors and shapes, and its output's name and shape. */
export interface LayerSite {
  name: string;
  inputs: number[];
  inputShapes: number[][];
  outputName: string;
  outputShape: number[];
}

export function fusedActivation(a: LayerActivation, layer: string): Activation {
  if (a === 'linear' || a === 'softmax') return 'NONE';
  if (a === 'relu') return 'RELU';
  if (a === 'relu6') return 'RELU6';
  throw new Error(`layer ${layer}: unsupported activation ${String(a)}`);
}

/** HWIO [kh, kw, in, out] -> OHWI [out, kh, kw, in]. */
export function hwioToOhwi(w: Float32Array, kh: number, kw: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * kh + y) * kw + x) * cin + i] = w[((y * kw + x) * cin + i) * cout + o];
  return out;
}

/** Dense [in, out] -> FULLY_CONNECTED [out, in]. */
export function transpose2d(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

const addTensor = (g: Graph, t: GraphTensor) => g.tensors.push(t) - 1;
const constant = (g: Graph, name: string, shape: number[], values: Float32Array) =>
  addTensor(g, { name, shape, dtype: 'float32', data: toBytes(values) });
const activationTensor = (g: Graph, name: string, shape: number[]) =>
  addTensor(g, { name, shape: [1, ...shape], dtype: 'float32' });

/** Kernel and bias of a weighted layer as graph constants (TFLite layouts). */
function weightConstants(b: GraphBuilder, l: LayerSpec, site: LayerSite): [number, number] {
  const [ks, bs] = layerWeightShapes(l, site.inputShapes[0]);
  const k = b.nextWeight(site.name, ks);
  const bias = b.nextWeight(site.name, bs);
  const g = b.graph;
  const [kh, kw, cin, cout] = ks;
  const w =
    l.type === 'conv2d'
      ? constant(g, `${site.name}/w`, [cout, kh, kw, cin], hwioToOhwi(k.values, kh, kw, cin, cout))
      : l.type === 'depthwiseConv2d'
        ? // [kh, kw, in, mult] and [1, kh, kw, in * mult] share one memory order (channel = in * mult + m).
          constant(g, `${site.name}/w`, [1, kh, kw, bs[0]], k.values)
        : constant(g, `${site.name}/w`, [bs[0], ks[0]], transpose2d(k.values, ks[0], bs[0]));
  return [w, constant(g, `${site.name}/b`, bs, bias.values)];
}

/** Appends the ops of one layer; returns its output tensor index. */
export function emitLayer(b: GraphBuilder, l: LayerSpec, site: LayerSite): number {
  const g = b.graph;
  const x = site.inputs[0];
  if (l.type === 'conv2d' || l.type === 'depthwiseConv2d') {
    const [w, bias] = weightConstants(b, l, site);
    const out = activationTensor(g, site.outputName, site.outputShape);
    const common = {
      inputs: [x, w, bias],
      outputs: [out],
      padding: l.padding === 'same' ? ('SAME' as const) : ('VALID' as const),
      strideH: l.strides,
      strideW: l.strides,
      dilationH: 1,
      dilationW: 1,
      activation: fusedActivation(l.activation, site.name),
    };
    g.ops.push(
      l.type === 'conv2d'
        ? { kind: 'CONV_2D', ...common }
        : { kind: 'DEPTHWISE_CONV_2D', ...common, depthMultiplier: l.depthMultiplier },
    );
    return out;
  }
  if (l.type === 'dense') return emitDense(b, l, site);
  if (l.type === 'activation') return emitActivation(g, l, site);
  const out = activationTensor(g, site.outputName, site.outputShape);
  const int32Constant = (name: string, shape: number[], values: number[]) =>
    addTensor(g, { name, shape, dtype: 'int32', data: toBytes(Int32Array.from(values)) });
  if (l.type === 'subtract') {
    g.ops.push({ kind: 'SUB', inputs: [...site.inputs], outputs: [out], activation: 'NONE', potScaleInt16: true });
    return out;
  }
  if (l.type === 'multiply') {
    g.ops.push({ kind: 'MUL', inputs: [...site.inputs], outputs: [out], activation: 'NONE' });
    return out;
  }
  if (l.type === 'concatenate') {
    // Keras axis -1 of [h, w, c] is axis 3 of the batched NHWC tensor (the converter writes it positive).
    const axis = site.inputShapes[0].length;
    g.ops.push({ kind: 'CONCATENATION', inputs: [...site.inputs], outputs: [out], axis, activation: 'NONE' });
    return out;
  }
  if (l.type === 'globalAvgPool2d') {
    // GlobalAveragePooling2D as TF's converter writes it: MEAN over axes [1, 2] (keep_dims = Keras keepdims).
    const axes = int32Constant(`${site.name}/axes`, [2], [1, 2]);
    g.ops.push({ kind: 'MEAN', inputs: [x, axes], outputs: [out], keepDims: l.keepDims });
    return out;
  }
  if (l.type === 'zeroPadding2d') {
    const [t, bottom, left, r] = l.padding;
    const pads = int32Constant(`${site.name}/paddings`, [4, 2], [0, 0, t, bottom, left, r, 0, 0]);
    g.ops.push({ kind: 'PAD', inputs: [x, pads], outputs: [out] });
    return out;
  }
  if (l.type === 'add') {
    const activation = fusedActivation(l.activation, site.name);
    g.ops.push({ kind: 'ADD', inputs: [...site.inputs], outputs: [out], activation, potScaleInt16: true });
    return out;
  }
  if (l.type === 'flatten' || l.type === 'reshape') {
    g.ops.push({ kind: 'RESHAPE', inputs: [x], outputs: [out], newShape: [1, ...site.outputShape] });
  } else {
    g.ops.push({
      kind: l.type === 'maxPool2d' ? 'MAX_POOL_2D' : 'AVERAGE_POOL_2D',
      inputs: [x],
      outputs: [out],
      padding: 'VALID',
      strideH: l.strides,
      strideW: l.strides,
      filterH: l.pool,
      filterW: l.pool,
      activation: 'NONE',
    });
  }
  return out;
}

/** A pointwise activation layer: one op, or LOGISTIC then MUL for swish (as TF's converter writes it). */
function emitActivation(g: Graph, l: Extract<LayerSpec, { type: 'activation' }>, site: LayerSite): number {
  const x = site.inputs[0];
  if (l.activation === 'swish') {
    const sig = activationTensor(g, `${site.name}/sigmoid`, site.outputShape);
    g.ops.push({ kind: 'LOGISTIC', inputs: [x], outputs: [sig] });
    const out = activationTensor(g, site.outputName, site.outputShape);
    g.ops.push({ kind: 'MUL', inputs: [x, sig], outputs: [out], activation: 'NONE' });
    return out;
  }
  const out = activationTensor(g, site.outputName, site.outputShape);
  if (l.activation === 'leakyRelu') {
    g.ops.push({ kind: 'LEAKY_RELU', inputs: [x], outputs: [out], alpha: Math.fround(l.alpha ?? 0.3) });
    return out;
  }
  const kind = ({ sigmoid: 'LOGISTIC', tanh: 'TANH', hardSwish: 'HARD_SWISH' } as const)[l.activation];
  g.ops.push({ kind, inputs: [x], outputs: [out] });
  return out;
}

function emitDense(b: GraphBuilder, l: Extract<LayerSpec, { type: 'dense' }>, site: LayerSite): number {
  const g = b.graph;
  const [w, bias] = weightConstants(b, l, site);
  const softmax = l.activation === 'softmax';
  const fcOut = softmax
    ? activationTensor(g, `${site.name}/logits`, site.outputShape)
    : activationTensor(g, site.outputName, site.outputShape);
  g.ops.push({
    kind: 'FULLY_CONNECTED',
    inputs: [site.inputs[0], w, bias],
    outputs: [fcOut],
    activation: fusedActivation(l.activation, site.name),
    keepNumDims: false,
    asymmetricQuantizeInputs: false,
  });
  if (!softmax) return fcOut;
  const out = activationTensor(g, site.outputName, site.outputShape);
  g.ops.push({ kind: 'SOFTMAX', inputs: [fcOut], outputs: [out], beta: 1 });
  return out;
}
