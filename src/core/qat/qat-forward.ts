/**
 * The QAT network: a functional forward pass over a preset's layer specs in plain tf ops, with fake
 * quantization at exactly the points the int8 graph (quantizeGraph of modelToGraph) quantizes:
 * the graph input, every CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED output after its fused
 * activation (the last dense's logits, before softmax), and the weights of those ops. MAX_POOL and
 * RESHAPE keep their input's grid; AVERAGE_POOL re-rounds to its input's grid as the int8 kernel does.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import {
  ARCH_INPUT,
  graphLayerName,
  hasOwnOutputParams,
  hasWeights,
  layerInputs,
  type LayerActivation,
  type LayerSpec,
  type ModelArchitecture,
} from '../model/architecture';
import { architectureOf, type ModelWeights, type TrainedModel, type WeightTensor } from '../model/trained-model';
import { DEFAULT_RECIPE, type QuantRecipe } from '../quant/recipe';
import { quantRuleOf } from '../quant/op-quant-rules';
import {
  activationQuant,
  fakeQuantActivation,
  fakeQuantWeights,
  RANGE_MOMENTUM,
  updateMovingRange,
  weightReduceAxes,
  type KernelLayout,
  type MovingRange,
} from './fake-quant';

/** Weight quantization granularity, as in the export recipe. */
export type QatWeightGranularity = Pick<QuantRecipe, 'perChannel' | 'fcPerChannel'>;

interface QatLayer {
  spec: LayerSpec;
  /** Graph layer name (the key other layers' inputs use). */
  name: string;
  /** Names of the layers feeding this one. */
  inputs: string[];
  kernel?: tf.Variable;
  bias?: tf.Variable;
  /** Float-graph name of this layer's quantized output (weighted layers only). */
  outputName?: string;
  /** Axes reduced for the weight scales (undefined: per tensor). */
  reduceAxes?: number[];
}

export interface QatNetwork {
  preset: TrainedModel['preset'];
  architecture: ModelArchitecture;
  /** Float-graph name of the input tensor. */
  inputName: string;
  /** Quantized activation tensor names in forward order (input first). */
  quantPoints: string[];
  layers: QatLayer[];
  /** Trainable variables, kernel then bias per weighted layer (the TrainedModel order). */
  variables: tf.Variable[];
  /** Names of the weights, as in TrainedModel.weights. */
  weightNames: string[];
}

/** Activation ranges by float-graph tensor name. */
export type RangeTable = Record<string, MovingRange>;

/** Names of the tensors the int8 graph quantizes with calibrated ranges: the input, then each weighted op's output. */
export function quantPointsOf(floatGraph: Graph): string[] {
  const names = [floatGraph.tensors[floatGraph.inputs[0]].name];
  for (const op of floatGraph.ops) {
    const rule = quantRuleOf(op.kind)?.output.kind;
    if (rule === 'own' || rule === 'shared') names.push(floatGraph.tensors[op.outputs[0]].name);
  }
  return names;
}

/**
 * Creates tf.variables from a trained model's weights (TF.js layouts). The caller disposes the
 * network with {@link disposeQatNetwork}.
 */
export function buildQatNetwork(trained: ModelWeights, granularity: QatWeightGranularity = DEFAULT_RECIPE): QatNetwork {
  const points = quantPointsOf(modelToGraph(trained)); // also validates the weight shapes
  const arch = architectureOf(trained);
  const variables: tf.Variable[] = [];
  let w = 0;
  let point = 1;
  const variable = (t: WeightTensor) => {
    const init = tf.tensor(t.values, t.shape, 'float32');
    const v = tf.variable(init, true); // unnamed: tfjs makes the name unique, so networks can coexist
    init.dispose(); // the variable holds its own reference to the data
    variables.push(v);
    return v;
  };
  const layers: QatLayer[] = arch.layers.map((spec, i) => {
    const site = { spec, name: graphLayerName(spec, i), inputs: layerInputs(arch, i) };
    if (!hasWeights(spec) && hasOwnOutputParams(spec)) return { ...site, outputName: points[point++] };
    if (!hasWeights(spec)) return site;
    const layout: KernelLayout = spec.type;
    const perChannel = layout === 'dense' ? granularity.fcPerChannel : granularity.perChannel;
    return {
      ...site,
      kernel: variable(trained.weights[w++]),
      bias: variable(trained.weights[w++]),
      outputName: points[point++],
      reduceAxes: weightReduceAxes(layout, perChannel),
    };
  });
  return {
    preset: trained.preset,
    architecture: arch,
    inputName: points[0],
    quantPoints: points,
    layers,
    variables,
    weightNames: trained.weights.map((t) => t.name),
  };
}

export function disposeQatNetwork(net: QatNetwork): void {
  for (const v of net.variables) v.dispose();
}

/** Current weights as plain data, in TrainedModel order and layouts. */
export function qatWeightsOf(net: QatNetwork): WeightTensor[] {
  return net.variables.map((v, i) => ({
    name: net.weightNames[i],
    shape: [...v.shape],
    values: Float32Array.from(v.dataSync() as Float32Array),
  }));
}

export interface ForwardOptions {
  /** Fake-quantize weights and activations (false: the plain float model). */
  quantize: boolean;
  /**
   * Training: fold each quantized activation's batch [min, max] into `ranges` (EMA) before quantizing
   * with the updated range. Otherwise `ranges` is read only and must cover every quantization point.
   */
  updateRanges?: boolean;
  ranges?: RangeTable;
  momentum?: number;
  /** Also fake-quantize the softmax output to int8 (1/256, -128), as the int8 file does. Inference only. */
  quantizeSoftmax?: boolean;
}

function activate(x: tf.Tensor, a: LayerActivation): tf.Tensor {
  if (a === 'relu') return tf.relu(x);
  if (a === 'relu6') return tf.relu6(x);
  return x; // 'linear', and 'softmax' which the caller applies after the logits' quantization
}

/** Reads a tensor's min and max in one transfer (a sync; cheap on the WASM and CPU backends). */
function batchMinMax(x: tf.Tensor): [number, number] {
  const mm = tf.tidy(() => tf.stack([tf.min(x), tf.max(x)]));
  const v = mm.dataSync();
  mm.dispose();
  return [v[0], v[1]];
}

/** A layer's output in the forward pass, with the tensor whose quantization grid it is on. */
interface Value {
  t: tf.Tensor;
  grid: string;
}

type QuantizeAt = (t: tf.Tensor, name: string, shareWith?: string) => tf.Tensor;

/** One layer of the forward pass: weighted layers quantize their output, pools and reshapes keep the grid. */
function forwardLayer(layer: QatLayer, ins: Value[], quantize: boolean, quantizeAt: QuantizeAt): Value {
  const s = layer.spec;
  const [{ t: h, grid }] = ins;
  switch (s.type) {
    case 'conv2d':
    case 'depthwiseConv2d':
    case 'dense': {
      const kernel = quantize
        ? fakeQuantWeights(layer.kernel as tf.Tensor, layer.reduceAxes)
        : (layer.kernel as tf.Tensor);
      const pad = s.type === 'dense' ? 'valid' : s.padding;
      const y =
        s.type === 'conv2d'
          ? tf.conv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, s.strides, pad)
          : s.type === 'depthwiseConv2d'
            ? tf.depthwiseConv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, s.strides, pad)
            : tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
      const name = layer.outputName as string;
      return { t: quantizeAt(activate(tf.add(y, layer.bias as tf.Tensor), s.activation), name), grid: name };
    }
    case 'maxPool2d':
      return { t: tf.maxPool(h as tf.Tensor4D, s.pool, s.strides, 'valid'), grid };
    case 'avgPool2d':
      return { t: quantizeAt(tf.avgPool(h as tf.Tensor4D, s.pool, s.strides, 'valid'), '', grid), grid };
    case 'flatten':
      return { t: tf.reshape(h, [h.shape[0], -1]), grid };
    case 'reshape':
      return { t: tf.reshape(h, [h.shape[0], ...s.targetShape]), grid };
    case 'add': {
      const name = layer.outputName as string;
      return { t: quantizeAt(activate(tf.add(h, ins[1].t), s.activation), name), grid: name };
    }
    case 'zeroPadding2d': {
      const [t, b, l, r] = s.padding;
      return {
        t: tf.pad(h, [
          [0, 0],
          [t, b],
          [l, r],
          [0, 0],
        ]),
        grid,
      };
    }
    case 'subtract':
    case 'multiply':
    case 'concatenate':
    case 'globalAvgPool2d':
    case 'activation': {
      const y = pointwiseOrMerge(
        s,
        ins.map((v) => v.t),
      );
      // sigmoid and tanh outputs have fixed int8 grids (1/256, 1/128) finer than any trained range: left in float.
      if (!layer.outputName) return { t: y, grid: '' };
      return { t: quantizeAt(y, layer.outputName), grid: layer.outputName };
    }
  }
}

/** The float function of the layers without weights added for imported models. */
function pointwiseOrMerge(s: LayerSpec, ins: tf.Tensor[]): tf.Tensor {
  const [x, b] = ins;
  switch (s.type) {
    case 'subtract':
      return tf.sub(x, b);
    case 'multiply':
      return tf.mul(x, b);
    case 'concatenate':
      return tf.concat(ins, -1);
    case 'globalAvgPool2d':
      return tf.mean(x, [1, 2], s.keepDims);
    case 'activation':
      switch (s.activation) {
        case 'sigmoid':
          return tf.sigmoid(x);
        case 'tanh':
          return tf.tanh(x);
        case 'swish':
          return tf.mul(x, tf.sigmoid(x));
        case 'hardSwish':
          return tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6);
        case 'leakyRelu':
          return tf.leakyRelu(x, s.alpha ?? 0.3);
      }
    // falls through: every activation returned above
    default:
      throw new Error(`QAT forward: layer type ${s.type} has no float function here`);
  }
}

/**
 * Forward pass. `x`: [N, 28, 28, 1] floats in [0, 1]. Returns [N, classes] class probabilities
 * (softmax of the possibly fake-quantized logits). Must run inside a tidy or a gradient scope; it
 * creates intermediate tensors freely.
 */
export function qatForward(net: QatNetwork, x: tf.Tensor4D, opts: ForwardOptions): tf.Tensor2D {
  const ranges = opts.ranges ?? {};
  const quantizeAt = (t: tf.Tensor, name: string, shareWith?: string): tf.Tensor => {
    if (!opts.quantize) return t;
    if (opts.updateRanges && !shareWith) {
      const [lo, hi] = batchMinMax(t);
      ranges[name] = updateMovingRange(ranges[name], lo, hi, opts.momentum ?? RANGE_MOMENTUM);
    }
    const r = ranges[shareWith ?? name];
    if (!r) throw new Error(`QAT forward: no activation range for ${shareWith ?? name}`);
    return fakeQuantActivation(t, activationQuant(r.min, r.max));
  };
  const values = new Map<string, Value>([[ARCH_INPUT, { t: quantizeAt(x, net.inputName), grid: net.inputName }]]);
  let last: Value = values.get(ARCH_INPUT) as Value;
  let softmax = false;
  for (const layer of net.layers) {
    const ins = layer.inputs.map((n) => values.get(n) as Value);
    last = forwardLayer(layer, ins, opts.quantize, quantizeAt);
    softmax = hasWeights(layer.spec) && layer.spec.activation === 'softmax';
    values.set(layer.name, last);
  }
  const h = last.t;
  if (!softmax) throw new Error(`QAT forward: preset ${net.preset} does not end in a softmax dense layer`);
  const probs = tf.softmax(h as tf.Tensor2D);
  if (!(opts.quantize && opts.quantizeSoftmax)) return probs;
  // SOFTMAX int8 output: fixed (1/256, -128), range [0, 255/256].
  return tf.mul(tf.clipByValue(tf.floor(tf.add(tf.mul(probs, 256), 0.5)), 0, 255), 1 / 256) as tf.Tensor2D;
}

/**
 * Data-parallel QAT, first pass (no gradient tape): folds the batch ranges into `ranges` exactly as
 * {@link qatForward} with `updateRanges` does on the whole batch, while this replica holds only its
 * rows `x` (at least one). At each quantized point, the replica's own [min, max] goes through
 * `combine` (which returns the whole batch's [min, max] from both replicas), the range is updated,
 * and the forward pass continues on the point's int8 grid. The taped pass then runs with `ranges` fixed.
 */
export async function trackShardRanges(
  net: QatNetwork,
  x: tf.Tensor4D,
  ranges: RangeTable,
  momentum: number,
  combine: (lo: number, hi: number) => Promise<[number, number]>,
): Promise<void> {
  const made: tf.Tensor[] = [];
  try {
    const quantized = async (t: tf.Tensor, name: string, shareWith?: string): Promise<tf.Tensor> => {
      if (!shareWith) {
        const [lo, hi] = batchMinMax(t);
        const [allLo, allHi] = await combine(lo, hi);
        ranges[name] = updateMovingRange(ranges[name], allLo, allHi, momentum);
      }
      const r = ranges[shareWith ?? name];
      if (!r) throw new Error(`QAT forward: no activation range for ${shareWith ?? name}`);
      const q = tf.tidy(() => fakeQuantActivation(t, activationQuant(r.min, r.max)));
      made.push(q);
      return q;
    };
    const values = new Map<string, Value>([
      [ARCH_INPUT, { t: await quantized(x, net.inputName), grid: net.inputName }],
    ]);
    for (const layer of net.layers) {
      const ins = layer.inputs.map((n) => values.get(n) as Value);
      // Every quantizeAt call is a layer's last op: run the layer with it deferred, then quantize here.
      let point: { name: string; shareWith?: string } | undefined;
      const defer: QuantizeAt = (t, name, shareWith) => {
        point = { name, shareWith };
        return t;
      };
      const out = tf.tidy(() => {
        const v = forwardLayer(layer, ins, true, defer);
        return { t: tf.keep(v.t), grid: v.grid };
      });
      made.push(out.t);
      const p = point as { name: string; shareWith?: string } | undefined;
      values.set(layer.name, p ? { t: await quantized(out.t, p.name, p.shareWith), grid: out.grid } : out);
    }
  } finally {
    tf.dispose(made);
  }
}
