import { float16ArrayToFloat32 } from '../graph/float16';
import { shapeSize, type Graph, type GraphTensor } from '../graph/graph';
import { decodeConstant } from '../graph/reference/tensors';

/**
 * Values of a constant tensor as floats: float16 expanded, int8/int16/int32/int64 dequantized with
 * their per-tensor or per-channel (along quantizedDimension) scale and zero point.
 */
export function dequantizeConstant(t: GraphTensor): Float32Array {
  if (!t.data) throw new Error(`tensor ${t.name} is not a constant`);
  if (t.dtype === 'float32') return new Float32Array(t.data.slice().buffer);
  if (t.dtype === 'float16') return float16ArrayToFloat32(new Uint16Array(t.data.slice().buffer));
  const raw =
    t.dtype === 'int64' ? Float64Array.from(new BigInt64Array(t.data.slice().buffer), Number) : decodeConstant(t);
  const q = t.quant;
  if (!q) throw new Error(`tensor ${t.name} (${t.dtype}) has no quantization parameters`);
  const out = new Float32Array(raw.length);
  if (q.scale.length === 1) {
    for (let i = 0; i < raw.length; i++) out[i] = q.scale[0] * (raw[i] - q.zeroPoint[0]);
    return out;
  }
  // Per channel: index i belongs to channel floor(i / inner) % channels along quantizedDimension.
  const channels = t.shape[q.quantizedDimension];
  const inner = shapeSize(t.shape.slice(q.quantizedDimension + 1));
  for (let i = 0; i < raw.length; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = q.scale[c] * (raw[i] - q.zeroPoint[c]);
  }
  return out;
}

export interface WeightLayer {
  /** Op output name, e.g. "conv2d_0". */
  name: string;
  /** Weights as trained (float32, TFLite layout). */
  float: Float32Array;
  /** The same weights as the quantized file stores them, dequantized back to float. */
  quantized: Float32Array;
  /** dtype stored in the file ('int8', 'float16', 'float32' when the mode left it float). */
  storedAs: string;
}

/** Resolves a tensor fed to an op to its constant, looking through a DEQUANTIZE op (float16 mode). */
function constantFeeding(graph: Graph, index: number): GraphTensor | undefined {
  const t = graph.tensors[index];
  if (t.data) return t;
  const producer = graph.ops.find((op) => op.kind === 'DEQUANTIZE' && op.outputs[0] === index);
  return producer ? graph.tensors[producer.inputs[0]] : undefined;
}

/** Float and quantized weights of every conv and dense layer, in op order (for histograms and error stats). */
export function weightLayers(floatGraph: Graph, quantGraph: Graph): WeightLayer[] {
  const weighted = (g: Graph) =>
    g.ops.filter((op) => op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED');
  const floatOps = weighted(floatGraph);
  const quantOps = weighted(quantGraph);
  return floatOps.map((op, i) => {
    const f = floatGraph.tensors[op.inputs[1]];
    const q = quantOps[i] ? constantFeeding(quantGraph, quantOps[i].inputs[1]) : undefined;
    return {
      name: f.name.replace(/\/w$/, ''),
      float: dequantizeConstant(f),
      quantized: q ? dequantizeConstant(q) : dequantizeConstant(f),
      storedAs: q?.dtype ?? 'float32',
    };
  });
}
