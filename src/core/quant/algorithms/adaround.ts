/**
 * AdaRound (Nagel, Amjad, van Baalen, Louizos, Blankevoort 2020, "Up or Down? Adaptive Rounding for
 * Post-Training Quantization"): per layer, learn whether each weight rounds down or up to minimise the
 * layer's output error on calibration data, instead of rounding to nearest. W~ = s * clip(floor(W/s) + h(V),
 * -qmax, qmax) with the rectified sigmoid h(V) = clip(sigmoid(V) (zeta - gamma) + gamma, 0, 1), zeta = 1.1,
 * gamma = -0.1 (eq. 23); loss = ||W x - W~ x||^2 + lambda * sum(1 - |2 h(V) - 1|^beta) (eq. 24-25), beta
 * annealed from 20 to 2 after a warm start without the regulariser. lambda = 0.01, beta (20, 2) and a warm
 * start of 20% of the iterations are the defaults of AIMET's AdaroundParameters (quic/aimet); the cosine
 * decay of beta follows AIMET's AdaRound loss. The input x is the layer's float input; the output compared is
 * the pre-activation (no bias: it cancels in the difference). Optimised with tfjs-core (any backend).
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers the ops' gradient functions (as src/core/qat/qat-train.ts does: tfjs-layers' bundle registers them portably).
import '@tensorflow/tfjs-layers';
import { constFloat32, shapeSize, toBytes, type Graph, type GraphOp, type GraphTensor } from '../../graph/graph';
import { runGraph } from '../../graph/reference/run-graph';

export const ADAROUND_ZETA = 1.1;
export const ADAROUND_GAMMA = -0.1;
export const ADAROUND_LAMBDA = 0.01;
export const ADAROUND_BETA: readonly [number, number] = [20, 2];
export const ADAROUND_WARM_START = 0.2;

export interface AdaRoundOptions {
  /** Adam steps per layer (AIMET's default is 10,000; the lab's smaller nets settle far sooner). */
  iterations?: number;
  learningRate?: number;
  onProgress?: (p: { layer: string; layerIndex: number; layers: number; iteration: number }) => void;
  /** Polled every 50 steps; true stops and keeps round-to-nearest for what is not finished. */
  shouldCancel?: () => boolean;
}

export interface AdaRoundLayer {
  layer: string;
  /** Weights whose rounding differs from round-to-nearest. */
  flipped: number;
  weights: number;
}

type Weighted = Extract<GraphOp, { kind: 'CONV_2D' | 'DEPTHWISE_CONV_2D' | 'FULLY_CONNECTED' }>;
const isWeighted = (op: GraphOp): op is Weighted =>
  op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED';

/** Per-element scale of an integer weight tensor (per tensor, or per channel along quantizedDimension). */
function elementScales(t: GraphTensor): Float32Array {
  const q = t.quant;
  if (!q) throw new Error(`adaround: ${t.name} has no scale`);
  const n = shapeSize(t.shape);
  if (q.scale.length === 1) return new Float32Array(n).fill(q.scale[0]);
  const channels = t.shape[q.quantizedDimension];
  const inner = shapeSize(t.shape.slice(q.quantizedDimension + 1));
  return Float32Array.from({ length: n }, (_, i) => q.scale[Math.floor(i / inner) % channels]);
}

/**
 * The float graph with each integer-weight layer's weights replaced by s * q, q the learned rounding (on the
 * same grid as `quantGraph`'s, so re-quantizing gives q back). `qmax`: the grid's largest integer.
 */
export function adaroundGraph(
  floatGraph: Graph,
  quantGraph: Graph,
  calibration: Float32Array,
  samples: number,
  qmax: number,
  options: AdaRoundOptions = {},
): { graph: Graph; layers: AdaRoundLayer[] } {
  const n = Math.min(samples, Math.floor(calibration.length / (28 * 28)));
  const captured = runGraph(floatGraph, calibration.subarray(0, n * 784), n, { capture: true }).captured;
  const graph: Graph = { ...floatGraph, tensors: floatGraph.tensors.map((t) => ({ ...t })) };
  const floatOps = floatGraph.ops.filter(isWeighted);
  const quantOps = quantGraph.ops.filter(isWeighted);
  const layers: AdaRoundLayer[] = [];
  floatOps.forEach((op, k) => {
    const qT = quantGraph.tensors[quantOps[k].inputs[1]];
    if (qT.dtype !== 'int8' && qT.dtype !== 'int4') return; // left float by the mode
    if (options.shouldCancel?.()) return;
    const wT = floatGraph.tensors[op.inputs[1]];
    const input = captured?.get(op.inputs[0]) as Float32Array;
    const step = (iteration: number) =>
      options.onProgress?.({ layer: wT.name, layerIndex: k, layers: floatOps.length, iteration });
    const result = roundLayer(op, wT, elementScales(qT), qmax, input, n, floatGraph, options, step);
    graph.tensors[op.inputs[1]] = { ...wT, data: toBytes(result.weights) };
    layers.push({ layer: wT.name.replace(/\/w$/, ''), flipped: result.flipped, weights: result.weights.length });
  });
  return { graph, layers };
}

/** The layer's pre-activation output without bias, for a weight tensor in TFLite layout. */
function layerForward(op: Weighted, x: tf.Tensor, w: tf.Tensor, wShape: number[]): tf.Tensor {
  if (op.kind === 'FULLY_CONNECTED') return tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D, false, true);
  const pad = op.padding === 'SAME' ? 'same' : 'valid';
  const strides: [number, number] = [op.strideH, op.strideW];
  const dilations: [number, number] = [op.dilationH, op.dilationW];
  if (op.kind === 'CONV_2D') {
    const hwio = tf.transpose(w, [1, 2, 3, 0]) as tf.Tensor4D;
    return tf.conv2d(x as tf.Tensor4D, hwio, strides, pad, 'NHWC', dilations);
  }
  const filter = tf.reshape(w, [wShape[1], wShape[2], wShape[3], 1]) as tf.Tensor4D;
  return tf.depthwiseConv2d(x as tf.Tensor4D, filter, strides, pad, 'NHWC', dilations);
}

/** beta after the warm start: cosine decay from 20 to 2 (AIMET's annealing); undefined while warming up. */
export function adaroundBeta(iteration: number, iterations: number): number | undefined {
  const warm = ADAROUND_WARM_START * iterations;
  if (iteration < warm) return undefined;
  const rel = (iteration - warm) / Math.max(1, iterations - warm);
  const [start, end] = ADAROUND_BETA;
  return end + 0.5 * (start - end) * (1 + Math.cos(rel * Math.PI));
}

const rectifiedSigmoid = (v: tf.Tensor) =>
  tf.clipByValue(tf.add(tf.mul(tf.sigmoid(v), ADAROUND_ZETA - ADAROUND_GAMMA), ADAROUND_GAMMA), 0, 1);

function roundLayer(
  op: Weighted,
  wT: GraphTensor,
  scales: Float32Array,
  qmax: number,
  input: Float32Array,
  batch: number,
  floatGraph: Graph,
  options: AdaRoundOptions,
  step: (iteration: number) => void,
): { weights: Float32Array; flipped: number } {
  const w = constFloat32(wT);
  const scaled = w.map((v, i) => v / scales[i]);
  const floor = scaled.map(Math.floor);
  // Weights at the grid's ends keep round-to-nearest, so the requantized scale (max|w| / qmax) is unchanged.
  const pinned = scaled.map((v) => (Math.abs(Math.round(v)) >= qmax ? 1 : 0));
  // V starts where h(V) equals the fractional part: h^-1(r) = -log((zeta - gamma) / (r - gamma) - 1).
  const init = scaled.map((v, i) => {
    const r = Math.min(Math.max(v - floor[i], 1e-4), 1 - 1e-4);
    return -Math.log((ADAROUND_ZETA - ADAROUND_GAMMA) / (r - ADAROUND_GAMMA) - 1);
  });
  const inShape = [batch, ...floatGraph.tensors[op.inputs[0]].shape.slice(1)];
  const iterations = options.iterations ?? 200;
  const optimizer = tf.train.adam(options.learningRate ?? 0.01);
  const v = tf.variable(tf.tensor(init, wT.shape));
  const [x, floorT, scaleT, target] = tf.tidy(() => {
    const xs = tf.tensor(input, inShape);
    return [
      xs,
      tf.tensor(floor, wT.shape),
      tf.tensor(scales, wT.shape),
      layerForward(op, xs, tf.tensor(w, wT.shape), wT.shape),
    ];
  });
  const softWeights = () => tf.mul(tf.clipByValue(tf.add(floorT, rectifiedSigmoid(v)), -qmax, qmax), scaleT);
  for (let it = 0; it < iterations; it++) {
    if (it % 50 === 0 && options.shouldCancel?.()) break;
    const beta = adaroundBeta(it, iterations);
    optimizer.minimize(() => {
      const diff = tf.sub(layerForward(op, x, softWeights(), wT.shape), target);
      const channels = target.shape.at(-1) as number;
      const recon = tf.div(tf.sum(tf.square(diff)), target.size / channels);
      if (beta === undefined) return recon as tf.Scalar;
      const h = rectifiedSigmoid(v);
      const reg = tf.sum(tf.sub(1, tf.pow(tf.abs(tf.sub(tf.mul(h, 2), 1)), beta)));
      return tf.add(recon, tf.mul(reg, ADAROUND_LAMBDA)) as tf.Scalar;
    });
    if (it % 50 === 0) step(it);
  }
  const up = tf.tidy(() => rectifiedSigmoid(v).dataSync()) as Float32Array;
  tf.dispose([v, x, floorT, scaleT, target]);
  optimizer.dispose();
  let flipped = 0;
  const weights = w.map((_, i) => {
    const nearest = Math.max(-qmax, Math.min(qmax, Math.round(scaled[i])));
    const q = pinned[i] ? nearest : Math.max(-qmax, Math.min(qmax, floor[i] + (up[i] >= 0.5 ? 1 : 0)));
    if (q !== nearest) flipped++;
    return Math.fround(q * scales[i]);
  });
  return { weights, flipped };
}
