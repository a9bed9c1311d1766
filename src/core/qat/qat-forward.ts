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
import { PRESETS, type LayerActivation, type LayerSpec } from '../model/presets';
import type { TrainedModel, WeightTensor } from '../model/trained-model';
import { DEFAULT_RECIPE, type QuantRecipe } from '../quant/recipe';
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
  kernel?: tf.Variable;
  bias?: tf.Variable;
  /** Float-graph name of this layer's quantized output (weighted layers only). */
  outputName?: string;
  /** Axes reduced for the weight scales (undefined: per tensor). */
  reduceAxes?: number[];
}

export interface QatNetwork {
  preset: TrainedModel['preset'];
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
    if (op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED')
      names.push(floatGraph.tensors[op.outputs[0]].name);
  }
  return names;
}

/**
 * Creates tf.variables from a trained model's weights (TF.js layouts). The caller disposes the
 * network with {@link disposeQatNetwork}.
 */
export function buildQatNetwork(
  trained: Pick<TrainedModel, 'preset' | 'weights'>,
  granularity: QatWeightGranularity = DEFAULT_RECIPE,
): QatNetwork {
  const points = quantPointsOf(modelToGraph(trained)); // also validates the weight shapes
  const preset = PRESETS[trained.preset];
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
  const layers: QatLayer[] = preset.layers.map((spec) => {
    if (spec.type !== 'conv2d' && spec.type !== 'depthwiseConv2d' && spec.type !== 'dense') return { spec };
    const layout: KernelLayout = spec.type;
    const perChannel = layout === 'dense' ? granularity.fcPerChannel : granularity.perChannel;
    return {
      spec,
      kernel: variable(trained.weights[w++]),
      bias: variable(trained.weights[w++]),
      outputName: points[point++],
      reduceAxes: weightReduceAxes(layout, perChannel),
    };
  });
  return {
    preset: trained.preset,
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
  let h: tf.Tensor = quantizeAt(x, net.inputName);
  let gridOf = net.inputName;
  let softmax = false;
  for (const layer of net.layers) {
    const s = layer.spec;
    switch (s.type) {
      case 'conv2d':
      case 'depthwiseConv2d':
      case 'dense': {
        const kernel = opts.quantize
          ? fakeQuantWeights(layer.kernel as tf.Tensor, layer.reduceAxes)
          : (layer.kernel as tf.Tensor);
        const pad = s.type === 'dense' ? 'valid' : s.padding;
        const y =
          s.type === 'conv2d'
            ? tf.conv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, s.strides, pad)
            : s.type === 'depthwiseConv2d'
              ? tf.depthwiseConv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, s.strides, pad)
              : tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
        h = quantizeAt(activate(tf.add(y, layer.bias as tf.Tensor), s.activation), layer.outputName as string);
        gridOf = layer.outputName as string;
        softmax = s.activation === 'softmax';
        break;
      }
      case 'maxPool2d':
        h = tf.maxPool(h as tf.Tensor4D, s.pool, s.strides, 'valid');
        break;
      case 'avgPool2d':
        h = quantizeAt(tf.avgPool(h as tf.Tensor4D, s.pool, s.strides, 'valid'), '', gridOf);
        break;
      case 'flatten':
        h = tf.reshape(h, [h.shape[0], -1]);
        break;
    }
  }
  if (!softmax) throw new Error(`QAT forward: preset ${net.preset} does not end in a softmax dense layer`);
  const probs = tf.softmax(h as tf.Tensor2D);
  if (!(opts.quantize && opts.quantizeSoftmax)) return probs;
  // SOFTMAX int8 output: fixed (1/256, -128), range [0, 255/256].
  return tf.mul(tf.clipByValue(tf.floor(tf.add(tf.mul(probs, 256), 0.5)), 0, 255), 1 / 256) as tf.Tensor2D;
}
