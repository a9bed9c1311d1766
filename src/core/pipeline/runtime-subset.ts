/**
 * How many of the user's images each mode is run on in LiteRT.js when a model is scored without labels.
 * Modes on XNNPACK run every image; a mode LiteRT.js runs on slow kernels (lab-modes.ts `slowKernels`: 16x8
 * on TFLite's reference kernels, int4 weights; about 0.2-0.6 G multiply-accumulates a second here, 1-3 s an
 * image for a 224x224x3 MobileNet) runs on as many of the first images as {@link SLOW_MODE_MAC_BUDGET} allows,
 * never fewer than {@link SLOW_MODE_MIN_IMAGES}. MNIST models fit the budget on all 10,000 test images.
 * The count depends only on the model and the mode, never on timing, so the same run scores the same
 * images; report.json's float_model_agreement.images says how many each figure used.
 */
import { shapeSize, type Graph } from '../graph/graph';
import { runsOnSlowKernels, type QuantMode } from '../modes/lab-modes';

/** Fewest images a slow mode is scored on. */
export const SLOW_MODE_MIN_IMAGES = 8;

/** Multiply-accumulates the runtime run of a slow mode may take over all its images (about 10 s here). */
export const SLOW_MODE_MAC_BUDGET = 2e9;

/**
 * Multiply-accumulates of one image through the graph's conv, depthwise and dense ops: each output value
 * takes one per weight of its output channel (weights [out, kh, kw, in], [1, kh, kw, out] or [units, in]).
 */
export function macsPerImage(graph: Graph): number {
  let macs = 0;
  for (const op of graph.ops) {
    if (op.kind !== 'CONV_2D' && op.kind !== 'DEPTHWISE_CONV_2D' && op.kind !== 'FULLY_CONNECTED') continue;
    const weights = graph.tensors[op.inputs[1]!]!.shape;
    const channels = op.kind === 'DEPTHWISE_CONV_2D' ? weights[weights.length - 1]! : weights[0]!;
    const out = graph.tensors[op.outputs[0]!]!.shape;
    macs += (shapeSize(out.slice(1)) * shapeSize(weights)) / Math.max(1, channels);
  }
  return macs;
}

/** Images (the first ones of `count`) LiteRT.js runs `mode` of `graph` on. */
export function runtimeImageCount(mode: QuantMode, graph: Graph, count: number): number {
  if (!runsOnSlowKernels(mode)) return count;
  const affordable = Math.floor(SLOW_MODE_MAC_BUDGET / Math.max(1, macsPerImage(graph)));
  return Math.min(count, Math.max(SLOW_MODE_MIN_IMAGES, affordable));
}
