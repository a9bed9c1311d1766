// Single-op files, written by the lab's writer and run in the real LiteRT.js (XNNPACK + TFLite kernels, in
// Node), against the reference interpreter: outputs must be bit-identical. Each case also shows that its
// inputs exercise the rounding the reference had to learn: the previous arithmetic (TFLite's fixed-point
// requantization, TFLite's portable hybrid quantization) gives different outputs on the same inputs.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLiteRtForNode } from '../../../node/litert-node';
import { LiteRtModelSession } from '../../../runtime/litert-model';
import { mulberry32 } from '../../train/batches';
import { writeTflite } from '../../tflite/write-tflite';
import type { Activation, DType, Graph, GraphOp, GraphTensor } from '../graph';
import {
  convAccumulate,
  depthwiseAccumulate,
  finishHybrid,
  finishInteger,
  fullyConnectedAccumulate,
  type ConvGeometry,
} from './accumulate';
import { quantizeRows } from './hybrid';
import { integerOutputStage } from './requantize';
import { runGraph } from './run-graph';
import { allocate, channelScales, decodeConstant, type TensorData } from './tensors';

/** Images (single-image runs) per case. */
const RUNS = 12;

beforeAll(async () => {
  await loadLiteRtForNode();
}, 120_000);

const bytesOf = (a: TensorData) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A constant tensor from typed-array values. */
function constant(name: string, shape: number[], dtype: DType, values: TensorData, scale?: number[]): GraphTensor {
  const quant = scale && { scale: scale.map(Math.fround), zeroPoint: scale.map(() => 0), quantizedDimension: 0 };
  return { name, shape, dtype, data: bytesOf(values).slice(), ...(quant && { quant }) };
}

function activation(name: string, shape: number[], dtype: DType, scale?: number, zeroPoint = 0): GraphTensor {
  const quant =
    scale === undefined ? undefined : { scale: [Math.fround(scale)], zeroPoint: [zeroPoint], quantizedDimension: 0 };
  return { name, shape, dtype, ...(quant && { quant }) };
}

/** An op without its tensor indices. */
type OpOptions = { [K in GraphOp['kind']]: Omit<Extract<GraphOp, { kind: K }>, 'inputs' | 'outputs'> }[GraphOp['kind']];

/** A one-op graph: tensors [input, ...constants, output], the op reads input and constants in that order. */
function singleOp(tensors: GraphTensor[], op: OpOptions): Graph {
  const out = tensors.length - 1;
  const inputs = tensors.slice(0, -1).map((_, i) => i);
  return {
    tensors,
    ops: [{ ...op, inputs, outputs: [out] } as GraphOp],
    inputs: [0],
    outputs: [out],
    description: 'single-op test',
    metadata: [],
  };
}

/** Runs `graph` in LiteRT.js once per image; `inputs` holds RUNS images of the input dtype. */
async function runLiteRt(graph: Graph, inputs: TensorData): Promise<Uint8Array> {
  const session = await LiteRtModelSession.open(writeTflite(graph));
  const per = inputs.byteLength / RUNS;
  const out: Uint8Array[] = [];
  try {
    for (let i = 0; i < RUNS; i++) out.push(await session.run(bytesOf(inputs).slice(i * per, (i + 1) * per)));
  } finally {
    session.delete();
  }
  return Uint8Array.from(out.flatMap((o) => [...o]));
}

/** The reference on RUNS images; int8 inputs are passed as their exactly representable real values. */
function runReference(graph: Graph, inputs: TensorData): Uint8Array {
  const inT = graph.tensors[0];
  const real =
    inT.dtype === 'float32'
      ? (inputs as Float32Array)
      : Float32Array.from(inputs, (q) => inT.quant!.scale[0] * (q - inT.quant!.zeroPoint[0]));
  return bytesOf(runGraph(graph, real, RUNS).raw);
}

function countDifferent(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

const rand = mulberry32(2024);
const int8s = (n: number, lo = -127, hi = 127) =>
  Int8Array.from({ length: n }, () => lo + Math.floor(rand() * (hi - lo + 1)));
const floats = (n: number, lo: number, hi: number) => Float32Array.from({ length: n }, () => lo + rand() * (hi - lo));

/**
 * Integer ops. The first output scale makes every effective scale a power of two (2^-6 to 2^-8), so many
 * accumulators land exactly on a half: TFLite rounds those away from zero, XNNPACK to even. The second is
 * arbitrary (last-bit differences between a float32 scale and a Q31 multiplier). Small weights keep the
 * outputs inside the int8 range.
 */
interface IntegerCase {
  name: string;
  outputScales: number[];
  build: (outScale: number) => Graph;
  /** The integer accumulators of the reference kernel (before requantization). */
  accumulate: (graph: Graph, input: Int8Array) => Float64Array;
}

const IN_ZP = 3;
const act: Activation = 'NONE';

function integerConv(outScale: number): Graph {
  const [h, w, c, oc] = [10, 10, 8, 8];
  const scales = Array.from({ length: oc }, (_, i) => 2 ** -(i % 3));
  return singleOp(
    [
      activation('in', [1, h, w, c], 'int8', 0.5, IN_ZP),
      constant('w', [oc, 3, 3, c], 'int8', int8s(oc * 9 * c, -8, 8), scales),
      constant(
        'b',
        [oc],
        'int32',
        Int32Array.from(int8s(oc)),
        scales.map((s) => s * 0.5),
      ),
      activation('out', [1, h, w, oc], 'int8', outScale, -5),
    ],
    { kind: 'CONV_2D', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, activation: act },
  );
}

function integerDepthwise(outScale: number): Graph {
  const [h, w, c] = [10, 10, 8];
  const scales = Array.from({ length: c }, (_, i) => 2 ** -(i % 3));
  const g = singleOp(
    [
      activation('in', [1, h, w, c], 'int8', 0.5, IN_ZP),
      constant('w', [1, 3, 3, c], 'int8', int8s(9 * c, -8, 8), scales),
      constant(
        'b',
        [c],
        'int32',
        Int32Array.from(int8s(c)),
        scales.map((s) => s * 0.5),
      ),
      activation('out', [1, h, w, c], 'int8', outScale, -5),
    ],
    {
      kind: 'DEPTHWISE_CONV_2D',
      padding: 'SAME',
      strideH: 1,
      strideW: 1,
      dilationH: 1,
      dilationW: 1,
      depthMultiplier: 1,
      activation: act,
    },
  );
  g.tensors[1].quant!.quantizedDimension = 3;
  return g;
}

function integerFullyConnected(outScale: number): Graph {
  const [k, units] = [256, 64];
  return singleOp(
    [
      activation('in', [1, k], 'int8', 0.5, IN_ZP),
      constant('w', [units, k], 'int8', int8s(units * k, -8, 8), [0.25]),
      constant('b', [units], 'int32', Int32Array.from(int8s(units)), [0.125]),
      activation('out', [1, units], 'int8', outScale, -5),
    ],
    { kind: 'FULLY_CONNECTED', activation: act, keepNumDims: false, asymmetricQuantizeInputs: false },
  );
}

/** Geometry of the 3x3, stride 1, SAME convolutions below over RUNS images of [h, w, c]. */
function sameGeometry(graph: Graph): ConvGeometry {
  const [, h, w, c] = graph.tensors[0].shape;
  const oc = graph.tensors[3].shape[3];
  const [padH, padW, dilH, dilW, strideH, strideW] = [1, 1, 1, 1, 1, 1];
  return {
    batch: RUNS,
    inH: h,
    inW: w,
    inC: c,
    outH: h,
    outW: w,
    outC: oc,
    kH: 3,
    kW: 3,
    strideH,
    strideW,
    dilH,
    dilW,
    padH,
    padW,
  };
}

/** The reference's integer sums of a 3x3 CONV_2D or DEPTHWISE_CONV_2D (input offset -IN_ZP). */
function convSums(graph: Graph, input: Int8Array, depthwise: boolean): Float64Array {
  const g = sameGeometry(graph);
  const acc = new Float64Array(g.batch * g.outH * g.outW * g.outC);
  const offsets = new Float64Array(g.batch).fill(-IN_ZP);
  const filter = decodeConstant(graph.tensors[1]);
  if (depthwise) depthwiseAccumulate(g, 1, input, offsets, filter, acc);
  else convAccumulate(g, input, offsets, filter, acc);
  return acc;
}

const INTEGER_CASES: IntegerCase[] = [
  {
    name: 'CONV_2D',
    outputScales: [32, 23.7],
    build: integerConv,
    accumulate: (graph, input) => convSums(graph, input, false),
  },
  {
    name: 'DEPTHWISE_CONV_2D',
    outputScales: [32, 23.7],
    build: integerDepthwise,
    accumulate: (graph, input) => convSums(graph, input, true),
  },
  {
    name: 'FULLY_CONNECTED',
    outputScales: [16, 11.3],
    build: integerFullyConnected,
    accumulate: (graph, input) => {
      const [units, k] = graph.tensors[1].shape;
      const acc = new Float64Array(RUNS * units);
      const w = decodeConstant(graph.tensors[1]);
      fullyConnectedAccumulate(RUNS, k, units, input, new Float64Array(RUNS).fill(-IN_ZP), w, acc);
      return acc;
    },
  },
];

describe.each(INTEGER_CASES)('int8 $name in LiteRT.js (XNNPACK fp32 requantization)', (c) => {
  const { build, accumulate } = c;
  it.each(c.outputScales)('matches the reference bit for bit, output scale %s', async (outScale) => {
    const graph = build(outScale);
    const perImage = graph.tensors[0].shape.reduce((a, b) => a * b, 1);
    const input = int8s(RUNS * perImage, -128, 127);
    const runtime = await runLiteRt(graph, input);
    expect(countDifferent(runReference(graph, input), runtime)).toBe(0);

    // TFLite's MultiplyByQuantizedMultiplier on the same accumulators disagrees with the runtime.
    const [inT, fT, outT] = [graph.tensors[0], graph.tensors[1], graph.tensors[3]];
    const channels = outT.shape[outT.shape.length - 1];
    const stage = integerOutputStage(inT, fT, outT, channels, act);
    const fixedPoint = allocate('int8', runtime.length);
    finishInteger(
      accumulate(graph, input),
      decodeConstant(graph.tensors[2]),
      channels,
      { ...stage, fp32Scales: undefined },
      fixedPoint,
    );
    expect(countDifferent(bytesOf(fixedPoint), runtime)).toBeGreaterThan(0);
  });
});

/** Hybrid ops XNNPACK runs with its qd8 dynamic quantization: one row per batch row (FC, 3x3 conv) or per pixel (1x1 conv). */
const HYBRID_CASES = [
  {
    name: 'FULLY_CONNECTED (asymmetric inputs)',
    graph: singleOp(
      [
        activation('in', [1, 300], 'float32'),
        constant('w', [16, 300], 'int8', int8s(16 * 300), [0.0123]),
        constant('b', [16], 'float32', floats(16, -0.5, 0.5)),
        activation('out', [1, 16], 'float32'),
      ],
      { kind: 'FULLY_CONNECTED', activation: 'NONE', keepNumDims: false, asymmetricQuantizeInputs: true },
    ),
    rows: RUNS,
  },
  {
    name: 'pointwise CONV_2D (per-channel filter)',
    graph: singleOp(
      [
        activation('in', [1, 6, 6, 24], 'float32'),
        constant('w', [16, 1, 1, 24], 'int8', int8s(16 * 24), Array.from(floats(16, 0.001, 0.01))),
        constant('b', [16], 'float32', floats(16, -0.5, 0.5)),
        activation('out', [1, 6, 6, 16], 'float32'),
      ],
      { kind: 'CONV_2D', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, activation: 'RELU6' },
    ),
    rows: RUNS * 36,
  },
  {
    name: '3x3 CONV_2D (per-channel filter)',
    graph: singleOp(
      [
        activation('in', [1, 8, 8, 6], 'float32'),
        constant('w', [12, 3, 3, 6], 'int8', int8s(12 * 9 * 6), Array.from(floats(12, 0.001, 0.01))),
        constant('b', [12], 'float32', floats(12, -0.5, 0.5)),
        activation('out', [1, 8, 8, 12], 'float32'),
      ],
      { kind: 'CONV_2D', padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, activation: 'RELU' },
    ),
    rows: RUNS,
  },
];

describe.each(HYBRID_CASES)('hybrid $name in LiteRT.js (XNNPACK qd8)', ({ graph, rows }) => {
  it('matches the reference bit for bit, and not the per-image portable quantization', async () => {
    const perImage = graph.tensors[0].shape.reduce((a, b) => a * b, 1);
    // Mostly positive activations with a few negatives, so zero points vary from row to row.
    const input = floats(RUNS * perImage, -0.7, 4);
    const runtime = await runLiteRt(graph, input);
    expect(countDifferent(runReference(graph, input), runtime)).toBe(0);

    // TFLite's portable AsymmetricQuantizeFloats, one row per image, and its output formula.
    const [units, k] = [graph.tensors[1].shape[0], perImage / (rows / RUNS)];
    const portable = quantizeRows(input, RUNS, perImage, true);
    const acc = new Float64Array(runtime.length / 4);
    const filter = decodeConstant(graph.tensors[1]);
    if (graph.tensors[1].shape[1] === 3) {
      convAccumulate(sameGeometry(graph), portable.values, portable.inputOffsets, filter, acc);
    } else {
      const perRow = Float64Array.from(
        { length: rows },
        (_, r) => portable.inputOffsets[Math.floor(r / (rows / RUNS))],
      );
      fullyConnectedAccumulate(rows, k, units, portable.values, perRow, filter, acc);
    }
    const out = new Float32Array(acc.length);
    const scales = channelScales(graph.tensors[1], units);
    const act = (graph.ops[0] as { activation: Activation }).activation;
    finishHybrid(acc, decodeConstant(graph.tensors[2]), units, scales, portable.scales, acc.length / RUNS, act, out);
    expect(countDifferent(bytesOf(out), runtime)).toBeGreaterThan(0);
  });
});

describe('int8 SOFTMAX in LiteRT.js (TFLite kernel, float exp table)', () => {
  it('matches the reference bit for bit on random logits', async () => {
    const graph = singleOp(
      [activation('in', [1, 64, 10], 'int8', 0.0625, -20), activation('out', [1, 64, 10], 'int8', 1 / 256, -128)],
      { kind: 'SOFTMAX', beta: 1 },
    );
    const input = int8s(RUNS * 640, -128, 127);
    expect(countDifferent(runReference(graph, input), await runLiteRt(graph, input))).toBe(0);
  });
});

/**
 * The ops imported models add, in float32, int8 and int16 (16x8) single-op files: the reference against
 * LiteRT.js. Binary ops and CONCATENATION read the input and a constant of the same shape (different
 * params). Float outputs: max |diff| over all elements; quantized: max |diff| in output steps. Each case
 * states its tolerance; the measured numbers are logged (LITERT-OP lines).
 */
type Grid = 'float32' | 'int8' | 'int16';
interface NewOpCase {
  name: string;
  /** Single-op graph of this grid. */
  build: (grid: Grid) => Graph;
  /** Tolerance per grid (float: absolute; quantized: output steps); absent grid = not tested (no kernel). */
  tolerance: Partial<Record<Grid, number>>;
}

const SHAPE = [1, 6, 6, 4];
const per = SHAPE.reduce((a, b) => a * b, 1);
/** Activation params per grid: int8 asymmetric, int16 symmetric (zero point 0). */
const grid8 = (scale: number, zp: number) => ({ scale, zp });
const qParams = (g: Grid, p8: { scale: number; zp: number }, range: number) =>
  g === 'int8' ? { scale: p8.scale, zp: p8.zp } : { scale: range / 32767, zp: 0 };

function gridTensor(
  g: Grid,
  name: string,
  shape: number[],
  p8: { scale: number; zp: number },
  range: number,
): GraphTensor {
  if (g === 'float32') return activation(name, shape, 'float32');
  const p = qParams(g, p8, range);
  return activation(name, shape, g, p.scale, p.zp);
}

/** A constant operand of SHAPE: values in [-3, 3] (float) or their quantized integers. */
function operand(g: Grid): GraphTensor {
  const values = floats(per, -3, 3);
  if (g === 'float32') return constant('c', SHAPE, 'float32', values);
  const p = qParams(g, grid8(0.03, -7), 3.2);
  const [lo, hi] = g === 'int8' ? [-128, 127] : [-32768, 32767];
  const ints = Array.from(values, (v) => Math.min(hi, Math.max(lo, Math.round(v / Math.fround(p.scale)) + p.zp)));
  const q = g === 'int8' ? Int8Array.from(ints) : Int16Array.from(ints);
  const t = constant('c', SHAPE, g, q);
  t.quant = { scale: [Math.fround(p.scale)], zeroPoint: [p.zp], quantizedDimension: 0 };
  return t;
}

const IN8 = grid8(0.05, 3);
const unary =
  (kind: 'LOGISTIC' | 'TANH' | 'HARD_SWISH', out8: { scale: number; zp: number }, outRange: number) => (g: Grid) =>
    singleOp([gridTensor(g, 'in', SHAPE, IN8, 6.5), gridTensor(g, 'out', SHAPE, out8, outRange)], {
      kind,
    } as unknown as OpOptions);

const NEW_OP_CASES: NewOpCase[] = [
  {
    name: 'LOGISTIC',
    build: unary('LOGISTIC', grid8(1 / 256, -128), 32767 / 32768),
    tolerance: { float32: 1e-6, int8: 0, int16: 2 },
  },
  {
    name: 'TANH',
    build: unary('TANH', grid8(1 / 128, 0), 32767 / 32768),
    tolerance: { float32: 1e-6, int8: 0, int16: 2 },
  },
  { name: 'HARD_SWISH', build: unary('HARD_SWISH', grid8(0.03, -110), 6.5), tolerance: { float32: 1e-6, int8: 1 } },
  {
    name: 'LEAKY_RELU',
    build: (g) =>
      singleOp([gridTensor(g, 'in', SHAPE, IN8, 6.5), gridTensor(g, 'out', SHAPE, grid8(0.031, -60), 6.5)], {
        kind: 'LEAKY_RELU',
        alpha: 0.2,
      }),
    tolerance: { float32: 0, int8: 1, int16: 1 },
  },
  {
    name: 'SUB',
    build: (g) =>
      singleOp([gridTensor(g, 'in', SHAPE, IN8, 6.5), operand(g), gridTensor(g, 'out', SHAPE, grid8(0.045, 5), 9.5)], {
        kind: 'SUB',
        activation: 'NONE',
        potScaleInt16: g !== 'int16',
      }),
    tolerance: { float32: 0, int8: 1, int16: 1 },
  },
  {
    name: 'MUL',
    build: (g) =>
      singleOp([gridTensor(g, 'in', SHAPE, IN8, 6.5), operand(g), gridTensor(g, 'out', SHAPE, grid8(0.09, 2), 20)], {
        kind: 'MUL',
        activation: 'NONE',
      }),
    tolerance: { float32: 0, int8: 1, int16: 1 },
  },
  {
    name: 'CONCATENATION',
    build: (g) => {
      const c = operand(g);
      const inp = gridTensor(g, 'in', SHAPE, IN8, 6.5);
      if (c.quant) inp.quant = { ...c.quant };
      return singleOp(
        [inp, c, gridTensor(g, 'out', [1, 6, 6, 8], IN8, 6.5)].map((t, i) =>
          i === 2 && c.quant ? { ...t, quant: { ...c.quant } } : t,
        ),
        { kind: 'CONCATENATION', axis: 3, activation: 'NONE' },
      );
    },
    tolerance: { float32: 0, int8: 0, int16: 0 },
  },
  {
    name: 'PAD',
    build: (g) => {
      const out = gridTensor(g, 'out', [1, 9, 8, 4], IN8, 6.5);
      return singleOp(
        [
          gridTensor(g, 'in', SHAPE, IN8, 6.5),
          constant('p', [4, 2], 'int32', Int32Array.from([0, 0, 1, 2, 0, 2, 0, 0])),
          out,
        ],
        { kind: 'PAD' },
      );
    },
    tolerance: { float32: 0, int8: 0, int16: 0 },
  },
  {
    name: 'MEAN (keep_dims false)',
    build: (g) =>
      singleOp(
        [
          gridTensor(g, 'in', SHAPE, IN8, 6.5),
          constant('axes', [2], 'int32', Int32Array.from([1, 2])),
          gridTensor(g, 'out', [1, 4], grid8(0.011, 1), 2),
        ],
        { kind: 'MEAN', keepDims: false },
      ),
    tolerance: { float32: 1e-6, int8: 0, int16: 1 },
  },
  {
    name: 'MEAN (keep_dims true)',
    build: (g) =>
      singleOp(
        [
          gridTensor(g, 'in', SHAPE, IN8, 6.5),
          constant('axes', [2], 'int32', Int32Array.from([1, 2])),
          gridTensor(g, 'out', [1, 1, 1, 4], grid8(0.011, 1), 2),
        ],
        { kind: 'MEAN', keepDims: true },
      ),
    tolerance: { float32: 1e-6, int8: 0, int16: 1 },
  },
];

/** Max |diff| of the reference and LiteRT.js outputs: float values, or quantized steps. */
function maxDiff(graph: Graph, a: Uint8Array, b: Uint8Array): { max: number; differing: number; n: number } {
  const dtype = graph.tensors[graph.outputs[0]].dtype;
  const view = (u: Uint8Array) => {
    const buf = u.slice().buffer;
    return dtype === 'float32' ? new Float32Array(buf) : dtype === 'int16' ? new Int16Array(buf) : new Int8Array(buf);
  };
  const [x, y] = [view(a), view(b)];
  let max = 0;
  let differing = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (d > 0) differing++;
    max = Math.max(max, d);
  }
  return { max, differing, n: x.length };
}

function newOpInputs(graph: Graph): TensorData {
  const t = graph.tensors[0];
  if (t.dtype === 'float32') return floats(RUNS * per, -6, 6);
  if (t.dtype === 'int8') return int8s(RUNS * per, -128, 127);
  return Int16Array.from({ length: RUNS * per }, () => Math.floor(rand() * 65536) - 32768);
}

describe.each(NEW_OP_CASES)('$name in LiteRT.js against the reference', (c) => {
  it.each((['float32', 'int8', 'int16'] as const).filter((g) => c.tolerance[g] !== undefined))('%s', async (g) => {
    const graph = c.build(g);
    const input = newOpInputs(graph);
    const d = maxDiff(graph, runReference(graph, input), await runLiteRt(graph, input));
    console.log(`LITERT-OP ${c.name} ${g} max=${d.max} differing=${d.differing}/${d.n}`);
    expect(d.max).toBeLessThanOrEqual(c.tolerance[g] as number);
  });
});
