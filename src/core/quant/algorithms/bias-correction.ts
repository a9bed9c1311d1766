/**
 * Empirical bias correction (Nagel et al. 2019, "Data-Free Quantization Through Weight Equalization and
 * Bias Correction", section 4.2): quantizing W adds the error e = W_q - W, which shifts a layer's mean
 * pre-activation output by E[e x] per output channel (eq. 10). Here E[x] is not derived from batch-norm
 * statistics (the lab's models have none) but measured on the calibration images, as in the paper's
 * empirical variant and AIMET's `correct_bias` with data: the shift is the mean over images and positions of
 * the layer applied with weights e to its float input, and it is subtracted from the float bias before the
 * bias is quantized.
 */
import { toBytes, constFloat32, type Graph, type GraphOp } from '../../graph/graph';
import { runGraph } from '../../graph/reference/run-graph';
import { weightLayers } from '../../pipeline/weight-layers';

export interface BiasCorrection {
  layer: string;
  /** Mean |shift| removed, over output channels (float output units). */
  meanAbsShift: number;
}

const isWeighted = (op: GraphOp) =>
  op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED';

/** The float graph with biases corrected for the weight error of `quantGraph` (same layers, op order). */
export function correctBiases(
  floatGraph: Graph,
  quantGraph: Graph,
  calibration: Float32Array,
  samples: number,
): { graph: Graph; corrections: BiasCorrection[] } {
  const n = Math.min(samples, Math.floor(calibration.length / (28 * 28)));
  const images = calibration.subarray(0, n * 28 * 28);
  const captured = runGraph(floatGraph, images, n, { capture: true }).captured as Map<number, Float32Array>;
  const layers = weightLayers(floatGraph, quantGraph);
  const graph: Graph = { ...floatGraph, tensors: floatGraph.tensors.map((t) => ({ ...t })) };
  const corrections: BiasCorrection[] = [];
  floatGraph.ops.filter(isWeighted).forEach((op, k) => {
    const biasIndex = op.inputs[2];
    if (biasIndex === undefined || biasIndex < 0) return;
    const error = layers[k].quantized.map((q, i) => q - layers[k].float[i]);
    const shift = meanOutput(floatGraph, op, error, captured.get(op.inputs[0]) as Float32Array, n);
    const bias = constFloat32(floatGraph.tensors[biasIndex]);
    graph.tensors[biasIndex] = { ...graph.tensors[biasIndex], data: toBytes(bias.map((b, c) => b - shift[c])) };
    const meanAbsShift = shift.reduce((s, v) => s + Math.abs(v), 0) / shift.length;
    corrections.push({ layer: layers[k].name, meanAbsShift });
  });
  return { graph, corrections };
}

/** Mean output per channel of `op` with weights `w`, no bias and no activation, over a batch of its inputs. */
function meanOutput(source: Graph, op: GraphOp, w: Float32Array, input: Float32Array, batch: number): Float64Array {
  const [x, wT, bT, y] = [op.inputs[0], op.inputs[1], op.inputs[2], op.outputs[0]].map((i) => source.tensors[i]);
  const channels = y.shape.at(-1) as number;
  const single: Graph = {
    tensors: [
      { name: x.name, shape: x.shape, dtype: 'float32' },
      { name: wT.name, shape: wT.shape, dtype: 'float32', data: toBytes(w) },
      { name: bT.name, shape: bT.shape, dtype: 'float32', data: toBytes(new Float32Array(channels)) },
      { name: y.name, shape: y.shape, dtype: 'float32' },
    ],
    ops: [{ ...op, inputs: [0, 1, 2], outputs: [3], activation: 'NONE' } as GraphOp],
    inputs: [0],
    outputs: [3],
    description: 'bias correction',
    metadata: [],
  };
  const out = runGraph(single, input, batch).outputs;
  const mean = new Float64Array(channels);
  for (let i = 0; i < out.length; i++) mean[i % channels] += out[i];
  const rows = out.length / channels;
  return mean.map((m) => m / rows);
}
