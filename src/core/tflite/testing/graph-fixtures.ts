/**
 * Hand-built graphs for the .tflite writer/reader tests (and for anyone who needs a small valid graph):
 * the tutorial CNN in float32 (20,410 parameters) and small graphs covering every op kind and dtype in
 * the layouts each quantization mode produces. Values come from a seeded PRNG so files are reproducible.
 */
import type { Conv2DOp, DType, Graph, GraphOp, GraphTensor, Pool2DOp, QuantParams } from '../../graph/graph';
import { DTYPE_BYTES, shapeSize } from '../../graph/graph';
import { mulberry32 } from '../../train/batches';

/** The lab's seeded PRNG (mulberry32), under the name tests use. */
export { mulberry32 as seededRandom };

/** Random constant bytes for a tensor of `shape` and `dtype` (any bit pattern is a valid value). */
function randomData(rand: () => number, shape: number[], dtype: DType): Uint8Array {
  const n = shapeSize(shape) * DTYPE_BYTES[dtype];
  const out = new Uint8Array(n);
  if (dtype === 'float32') {
    const f = new Float32Array(out.buffer);
    for (let i = 0; i < f.length; i++) f[i] = (rand() - 0.5) * 0.2;
  } else {
    for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  }
  return out;
}

/** Per-tensor or per-channel params with float32-representable values (what the file can hold). */
function quant(scales: number[], zeroPoints: number[], dim = 0, range?: [number, number]): QuantParams {
  const q: QuantParams = { scale: scales.map(Math.fround), zeroPoint: zeroPoints, quantizedDimension: dim };
  if (range) {
    q.min = [Math.fround(range[0])];
    q.max = [Math.fround(range[1])];
  }
  return q;
}

class GraphBuilder {
  readonly tensors: GraphTensor[] = [];
  readonly ops: GraphOp[] = [];
  constructor(private readonly rand: () => number) {}

  act(name: string, shape: number[], dtype: DType, q?: QuantParams): number {
    const t: GraphTensor = { name, shape, dtype };
    if (q) t.quant = q;
    return this.tensors.push(t) - 1;
  }

  constant(name: string, shape: number[], dtype: DType, q?: QuantParams): number {
    const t: GraphTensor = { name, shape, dtype, data: randomData(this.rand, shape, dtype) };
    if (q) t.quant = q;
    return this.tensors.push(t) - 1;
  }

  op(op: GraphOp): void {
    this.ops.push(op);
  }

  graph(inputs: number[], outputs: number[], description: string): Graph {
    return { tensors: this.tensors, ops: this.ops, inputs, outputs, description, metadata: [] };
  }
}

const conv = (inputs: number[], outputs: number[], more: Partial<Conv2DOp> = {}): Conv2DOp => ({
  kind: 'CONV_2D',
  inputs,
  outputs,
  padding: 'VALID',
  strideH: 1,
  strideW: 1,
  dilationH: 1,
  dilationW: 1,
  activation: 'RELU',
  ...more,
});

const maxPool = (inputs: number[], outputs: number[], more: Partial<Pool2DOp> = {}): Pool2DOp => ({
  kind: 'MAX_POOL_2D',
  inputs,
  outputs,
  padding: 'VALID',
  strideH: 2,
  strideW: 2,
  filterH: 2,
  filterW: 2,
  activation: 'NONE',
  ...more,
});

const dense = (inputs: number[], outputs: number[], asymmetric = false): GraphOp => ({
  kind: 'FULLY_CONNECTED',
  inputs,
  outputs,
  activation: 'NONE',
  keepNumDims: false,
  asymmetricQuantizeInputs: asymmetric,
});

/**
 * The tutorial CNN in float32: [1,28,28,1] -> CONV_2D 12x3x3 + RELU -> MAX_POOL_2D 2x2 -> RESHAPE [1,2028]
 * -> FULLY_CONNECTED 10 -> SOFTMAX. 120 + 20,290 = 20,410 parameters.
 */
export function tutorialFloatGraph(seed = 1): Graph {
  const g = new GraphBuilder(mulberry32(seed));
  const x = g.act('input', [1, 28, 28, 1], 'float32');
  const w1 = g.constant('conv/w', [12, 3, 3, 1], 'float32');
  const b1 = g.constant('conv/b', [12], 'float32');
  const a1 = g.act('conv', [1, 26, 26, 12], 'float32');
  const a2 = g.act('pool', [1, 13, 13, 12], 'float32');
  const a3 = g.act('flatten', [1, 2028], 'float32');
  const w2 = g.constant('dense/w', [10, 2028], 'float32');
  const b2 = g.constant('dense/b', [10], 'float32');
  const a4 = g.act('dense', [1, 10], 'float32');
  const y = g.act('probs', [1, 10], 'float32');
  g.op(conv([x, w1, b1], [a1]));
  g.op(maxPool([a1], [a2]));
  g.op({ kind: 'RESHAPE', inputs: [a2], outputs: [a3], newShape: [1, 2028] });
  g.op(dense([a3, w2, b2], [a4]));
  g.op({ kind: 'SOFTMAX', inputs: [a4], outputs: [y], beta: 1 });
  return g.graph([x], [y], 'Quantization Lab float32');
}

/**
 * Full int8 with float I/O, small: QUANTIZE -> CONV_2D (per-channel int8 weights, int32 bias) ->
 * MAX_POOL_2D -> RESHAPE -> FULLY_CONNECTED (per-tensor int8, int32 bias) -> SOFTMAX (1/256, -128) ->
 * DEQUANTIZE. With `uint8Input`, the input is uint8 and QUANTIZE requantizes it to int8.
 */
export function smallInt8Graph(seed = 2, uint8Input = false): Graph {
  const g = new GraphBuilder(mulberry32(seed));
  const x = uint8Input
    ? g.act('input', [1, 6, 6, 1], 'uint8', quant([1 / 255], [0]))
    : g.act('input', [1, 6, 6, 1], 'float32');
  const xq = g.act('input/q', [1, 6, 6, 1], 'int8', quant([1 / 255], [-128], 0, [0, 1]));
  const w1 = g.constant('conv/w', [3, 3, 3, 1], 'int8', quant([0.01, 0.02, 0.015], [0, 0, 0], 0));
  const b1 = g.constant('conv/b', [3], 'int32', quant([0.01 / 255, 0.02 / 255, 0.015 / 255], [0, 0, 0], 0));
  const a1 = g.act('conv', [1, 4, 4, 3], 'int8', quant([0.05], [-128], 0, [0, 12.75]));
  const a2 = g.act('pool', [1, 2, 2, 3], 'int8', quant([0.05], [-128]));
  const a3 = g.act('flatten', [1, 12], 'int8', quant([0.05], [-128]));
  const w2 = g.constant('dense/w', [4, 12], 'int8', quant([0.02], [0]));
  const b2 = g.constant('dense/b', [4], 'int32', quant([0.001], [0]));
  const a4 = g.act('dense', [1, 4], 'int8', quant([0.1], [3], 0, [-13.1, 12.4]));
  const a5 = g.act('probs/q', [1, 4], 'int8', quant([1 / 256], [-128]));
  const y = g.act('probs', [1, 4], 'float32');
  g.op({ kind: 'QUANTIZE', inputs: [x], outputs: [xq] });
  g.op(conv([xq, w1, b1], [a1]));
  g.op(maxPool([a1], [a2]));
  g.op({ kind: 'RESHAPE', inputs: [a2], outputs: [a3], newShape: [1, 12] });
  g.op(dense([a3, w2, b2], [a4]));
  g.op({ kind: 'SOFTMAX', inputs: [a4], outputs: [a5], beta: 1 });
  g.op({ kind: 'DEQUANTIZE', inputs: [a5], outputs: [y] });
  return g.graph([x], [y], 'Quantization Lab int8');
}

/**
 * 16x8, small: QUANTIZE f32 -> int16 -> DEPTHWISE_CONV_2D (int8 per-channel on dim 3, int64 bias) ->
 * AVERAGE_POOL_2D -> RESHAPE -> FULLY_CONNECTED (int8 weights, int64 bias) -> SOFTMAX (1/32768, 0) -> DEQUANTIZE.
 */
export function small16x8Graph(seed = 3): Graph {
  const g = new GraphBuilder(mulberry32(seed));
  const x = g.act('input', [1, 4, 4, 2], 'float32');
  const xq = g.act('input/q', [1, 4, 4, 2], 'int16', quant([1 / 32767], [0]));
  const w1 = g.constant('dw/w', [1, 3, 3, 2], 'int8', quant([0.01, 0.03], [0, 0], 3));
  const b1 = g.constant('dw/b', [2], 'int64', quant([0.01 / 32767, 0.03 / 32767], [0, 0], 0));
  const a1 = g.act('dw', [1, 2, 2, 2], 'int16', quant([0.0004], [0]));
  const a2 = g.act('pool', [1, 1, 1, 2], 'int16', quant([0.0004], [0]));
  const a3 = g.act('flatten', [1, 2], 'int16', quant([0.0004], [0]));
  const w2 = g.constant('dense/w', [3, 2], 'int8', quant([0.02], [0]));
  const b2 = g.constant('dense/b', [3], 'int64', quant([0.000008], [0]));
  const a4 = g.act('dense', [1, 3], 'int16', quant([0.0003], [0]));
  const a5 = g.act('probs/q', [1, 3], 'int16', quant([1 / 32768], [0]));
  const y = g.act('probs', [1, 3], 'float32');
  g.op({ kind: 'QUANTIZE', inputs: [x], outputs: [xq] });
  g.op({
    kind: 'DEPTHWISE_CONV_2D',
    inputs: [xq, w1, b1],
    outputs: [a1],
    padding: 'VALID',
    strideH: 1,
    strideW: 1,
    dilationH: 1,
    dilationW: 1,
    depthMultiplier: 1,
    activation: 'RELU6',
  });
  g.op({
    kind: 'AVERAGE_POOL_2D',
    inputs: [a1],
    outputs: [a2],
    padding: 'SAME',
    strideH: 2,
    strideW: 2,
    filterH: 2,
    filterW: 2,
    activation: 'NONE',
  });
  g.op({ kind: 'RESHAPE', inputs: [a2], outputs: [a3], newShape: [1, 2] });
  g.op(dense([a3, w2, b2], [a4]));
  g.op({ kind: 'SOFTMAX', inputs: [a4], outputs: [a5], beta: 1 });
  g.op({ kind: 'DEQUANTIZE', inputs: [a5], outputs: [y] });
  return g.graph([x], [y], 'Quantization Lab 16x8');
}

/** float16: every float constant stored as float16 behind its own DEQUANTIZE; activations float32. */
export function smallFloat16Graph(seed = 4): Graph {
  const g = new GraphBuilder(mulberry32(seed));
  const x = g.act('input', [1, 5, 5, 1], 'float32');
  const w1h = g.constant('conv/w16', [2, 3, 3, 1], 'float16');
  const b1h = g.constant('conv/b16', [2], 'float16');
  const w2h = g.constant('dense/w16', [3, 8], 'float16');
  const b2h = g.constant('dense/b16', [3], 'float16');
  const w1 = g.act('conv/w', [2, 3, 3, 1], 'float32');
  const b1 = g.act('conv/b', [2], 'float32');
  const w2 = g.act('dense/w', [3, 8], 'float32');
  const b2 = g.act('dense/b', [3], 'float32');
  const a1 = g.act('conv', [1, 3, 3, 2], 'float32');
  const a2 = g.act('pool', [1, 2, 2, 2], 'float32');
  const a3 = g.act('flatten', [1, 8], 'float32');
  const a4 = g.act('dense', [1, 3], 'float32');
  const y = g.act('probs', [1, 3], 'float32');
  for (const [from, to] of [
    [w1h, w1],
    [b1h, b1],
    [w2h, w2],
    [b2h, b2],
  ] as const) {
    g.op({ kind: 'DEQUANTIZE', inputs: [from], outputs: [to] });
  }
  g.op(conv([x, w1, b1], [a1], { padding: 'SAME', strideH: 2, strideW: 2 }));
  g.op(maxPool([a1], [a2], { padding: 'SAME' }));
  g.op({ kind: 'RESHAPE', inputs: [a2], outputs: [a3], newShape: [1, 8] });
  g.op(dense([a3, w2, b2], [a4]));
  g.op({ kind: 'SOFTMAX', inputs: [a4], outputs: [y], beta: 1 });
  return g.graph([x], [y], 'Quantization Lab float16');
}

/**
 * Dynamic range: float activations, int8 weights (conv per channel, dense per tensor), float32 biases;
 * FULLY_CONNECTED runs as a hybrid kernel with asymmetric input quantization. `floatConv` keeps the conv
 * weights float, as TF's converter does for tensors under 1,024 elements.
 */
export function smallDynamicRangeGraph(seed = 5, floatConv = false): Graph {
  const g = new GraphBuilder(mulberry32(seed));
  const x = g.act('input', [1, 5, 5, 1], 'float32');
  const w1 = floatConv
    ? g.constant('conv/w', [2, 3, 3, 1], 'float32')
    : g.constant('conv/w', [2, 3, 3, 1], 'int8', quant([0.01, 0.02], [0, 0], 0));
  const b1 = g.constant('conv/b', [2], 'float32');
  const a1 = g.act('conv', [1, 3, 3, 2], 'float32');
  const a3 = g.act('flatten', [1, 18], 'float32');
  const w2 = g.constant('dense/w', [3, 18], 'int8', quant([0.004], [0]));
  const b2 = g.constant('dense/b', [3], 'float32');
  const a4 = g.act('dense', [1, 3], 'float32');
  const y = g.act('probs', [1, 3], 'float32');
  g.op(conv([x, w1, b1], [a1]));
  g.op({ kind: 'RESHAPE', inputs: [a1], outputs: [a3], newShape: [1, 18] });
  g.op(dense([a3, w2, b2], [a4], true));
  g.op({ kind: 'SOFTMAX', inputs: [a4], outputs: [y], beta: 1 });
  return g.graph([x], [y], 'Quantization Lab dynamic range');
}

/** Every fixture above, keyed by a short name (tests iterate over this). */
export const SMALL_GRAPHS: Record<string, () => Graph> = {
  int8: () => smallInt8Graph(),
  int8Uint8Input: () => smallInt8Graph(6, true),
  x16x8: () => small16x8Graph(),
  float16: () => smallFloat16Graph(),
  dynamicRange: () => smallDynamicRangeGraph(),
  dynamicRangeFloatConv: () => smallDynamicRangeGraph(7, true),
};
