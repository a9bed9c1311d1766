/**
 * Per-layer quantization debugger, after TF's QuantizationDebugger: run the float graph and the
 * quantized graph on the same images, and for every op of the quantized graph (QUANTIZE / DEQUANTIZE
 * conversions excluded) compare its output with the float op it came from.
 *
 * Two comparisons per op:
 * - per layer (TF's default, the numbers in the top-level fields): the float op is fed the quantized
 *   graph's own (dequantized) input to that op, so the error is what this op alone adds;
 * - end to end (`endToEnd`): both graphs run from the image, so the error includes everything
 *   accumulated in the layers before.
 */

import { shapeSize, type DType, type Graph, type GraphOp, type OpKind } from '../graph/graph';
import { evalOp, runGraph } from '../graph/reference/run-graph';
import { decodeConstant, type TensorData } from '../graph/reference/tensors';
import { errorStats, isFlagged, type ErrorStats } from './error-stats';

export interface LayerError extends ErrorStats {
  /**
   * Output tensor name in the float graph (e.g. 'conv2d_0/out', 'dense_3/logits', 'probabilities'):
   * the key that QuantRecipe.keepFloat takes to keep this op in float.
   */
  tensorName: string;
  /** Layer the op belongs to, e.g. 'conv2d_0' (the SOFTMAX of the last dense layer: 'probabilities'). */
  layer: string;
  op: OpKind;
  /** Index of the op in the float graph. */
  opIndex: number;
  /** dtype of the op output in the quantized graph ('int8', 'int16', or 'float32'). */
  outputDtype: DType;
  /** dtype the op's weights are stored in ('int8', 'float16', 'float32'); undefined for ops without weights. */
  weightDtype?: DType;
  /** Does the quantized graph compute this op with any quantized tensor (output or weights)? */
  quantized: boolean;
  /** rmseOverScale above FLAG_RMSE_OVER_SCALE (per-layer comparison). */
  flagged: boolean;
  /** The same statistics with both graphs run from the image (errors accumulated through the graph). */
  endToEnd: ErrorStats;
}

const SUFFIX = /\/(int8|int16|float32)$/;

/** The float-graph tensor name a quantized-graph tensor stands for (quantize-graph.ts adds '/<dtype>' when both versions exist). */
export function floatTensorName(quantName: string): string {
  return quantName.replace(SUFFIX, '');
}

/** The dtype a weight input is stored in, looking through a DEQUANTIZE (float16 and selective graphs). */
function storedDtype(graph: Graph, tensor: number): DType {
  const producer = graph.ops.find((o) => o.outputs.includes(tensor));
  if (producer?.kind === 'DEQUANTIZE') return graph.tensors[producer.inputs[0]].dtype;
  return graph.tensors[tensor].dtype;
}

const HAS_WEIGHTS: ReadonlySet<OpKind> = new Set(['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED']);

/** A one-op float graph (sharing the float graph's tensors) that runs `op` on a fed activation. */
/**
 * The float op alone on the quantized graph's (dequantized) inputs to the matching quantized op: every
 * activation input (two for ADD, SUB, MUL; several for CONCATENATION) is fed, constants are the float graph's.
 */
function isolatedFloatOp(
  floatGraph: Graph,
  floatOp: GraphOp,
  quantOp: GraphOp,
  quantRun: Map<number, Float32Array>,
  n: number,
  name: string,
): Float32Array {
  const values: (TensorData | undefined)[] = floatGraph.tensors.map((t) => (t.data ? decodeConstant(t) : undefined));
  const batched = floatGraph.tensors.map(() => false);
  floatOp.inputs.forEach((fi, k) => {
    if (fi < 0 || floatGraph.tensors[fi].data) return;
    const fed = quantRun.get(quantOp.inputs[k]);
    if (!fed) throw new Error(`layerErrors: input ${k} of ${name} was not captured`);
    values[fi] = fed;
    batched[fi] = true;
  });
  for (const o of floatOp.outputs) batched[o] = true;
  evalOp({ graph: floatGraph, values, batch: n, batched }, floatOp);
  return values[floatOp.outputs[0]] as Float32Array;
}

/**
 * Per-op errors of `quantGraph` against `floatGraph` on the first `count` images of `images`
 * (float [N, 28, 28, 1] flattened, in [0, 1]). Ops appear in execution order.
 */
export function layerErrors(floatGraph: Graph, quantGraph: Graph, images: Float32Array, count: number): LayerError[] {
  const perImage = shapeSize(floatGraph.tensors[floatGraph.inputs[0]].shape.slice(1));
  const n = Math.min(count, Math.floor(images.length / perImage));
  if (n < 1) throw new Error('layerErrors needs at least one image');
  const input = images.subarray(0, n * perImage);
  const floatRun = runGraph(floatGraph, input, n, { capture: true }).captured as Map<number, Float32Array>;
  const quantRun = runGraph(quantGraph, input, n, { capture: true }).captured as Map<number, Float32Array>;
  const floatIndex = new Map(floatGraph.tensors.map((t, i) => [t.name, i]));
  const out: LayerError[] = [];
  for (const op of quantGraph.ops) {
    if (op.kind === 'QUANTIZE' || op.kind === 'DEQUANTIZE') continue;
    const qOut = op.outputs[0];
    const actual = quantRun.get(qOut);
    if (!actual) continue; // static op (no batch dimension)
    const qT = quantGraph.tensors[qOut];
    const tensorName = floatTensorName(qT.name);
    const fOut = floatIndex.get(tensorName);
    const opIndex = floatGraph.ops.findIndex((o) => fOut !== undefined && o.outputs.includes(fOut));
    if (fOut === undefined || opIndex < 0) throw new Error(`layerErrors: no float op produces tensor ${tensorName}`);
    const floatOp = floatGraph.ops[opIndex];
    const isolated = isolatedFloatOp(floatGraph, floatOp, op, quantRun, n, tensorName);
    const scale = qT.dtype === 'float32' || !qT.quant ? null : qT.quant.scale[0];
    const weightDtype = HAS_WEIGHTS.has(op.kind) ? storedDtype(quantGraph, op.inputs[1]) : undefined;
    const perLayer = errorStats(isolated, actual, scale);
    out.push({
      tensorName,
      layer: tensorName.split('/')[0],
      op: op.kind,
      opIndex,
      outputDtype: qT.dtype,
      weightDtype,
      quantized: qT.dtype !== 'float32' || (weightDtype !== undefined && weightDtype !== 'float32'),
      ...perLayer,
      flagged: isFlagged(perLayer),
      endToEnd: errorStats(floatRun.get(fOut) as Float32Array, actual, scale),
    });
  }
  return out;
}
