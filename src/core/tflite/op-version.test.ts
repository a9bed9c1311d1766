import { describe, expect, it } from 'vitest';
import type { DType, Graph, GraphOp, GraphTensor } from '../graph/graph';
import { compareVersions, minRuntimeVersion, opVersion, runtimeVersionFor } from './op-version';
import { BuiltinOperator } from './schema';

interface Case {
  kind: GraphOp['kind'];
  types: [DType, DType | null, DType]; // input, weights (null: none), output
  perChannel?: boolean;
  extra?: Partial<Record<string, unknown>>;
  noBias?: boolean;
  inChannels?: number;
  want: number;
}

/** A one-op graph: input [1,4,4,C], weights [2,3,3,2] (per channel on dim 0 when asked), output. */
function oneOp(c: Case): { op: GraphOp; graph: Graph } {
  const [inT, wT, outT] = c.types;
  const tensors: GraphTensor[] = [{ name: 'x', shape: [1, 4, 4, c.inChannels ?? 2], dtype: inT }];
  const inputs = [0];
  if (wT) {
    const w: GraphTensor = { name: 'w', shape: [2, 3, 3, 2], dtype: wT };
    if (c.perChannel) w.quant = { scale: [0.1, 0.2], zeroPoint: [0, 0], quantizedDimension: 0 };
    else if (wT !== 'float32') w.quant = { scale: [0.1], zeroPoint: [0], quantizedDimension: 0 };
    inputs.push(tensors.push(w) - 1);
    if (!c.noBias) inputs.push(tensors.push({ name: 'b', shape: [2], dtype: 'float32' }) - 1);
  }
  const out: GraphTensor = { name: 'y', shape: [1, 2, 2, 2], dtype: outT };
  if (c.kind === 'QUANTIZE' && c.perChannel) {
    out.quant = { scale: [0.1, 0.2], zeroPoint: [0, 0], quantizedDimension: 3 };
  }
  if (c.kind === 'DEQUANTIZE' && c.perChannel) {
    tensors[0]!.quant = { scale: [0.1, 0.2], zeroPoint: [0, 0], quantizedDimension: 3 };
  }
  const outputs = [tensors.push(out) - 1];
  const base = {
    padding: 'VALID',
    strideH: 1,
    strideW: 1,
    dilationH: 1,
    dilationW: 1,
    depthMultiplier: 1,
    filterH: 2,
    filterW: 2,
    activation: 'NONE',
    keepNumDims: false,
    asymmetricQuantizeInputs: false,
    newShape: [1, 8],
    beta: 1,
  };
  const op = { kind: c.kind, inputs, outputs, ...base, ...c.extra } as GraphOp;
  return { op, graph: { tensors, ops: [op], inputs: [0], outputs, description: '', metadata: [] } };
}

const f32 = 'float32' as const;
const CASES: Case[] = [
  { kind: 'CONV_2D', types: [f32, f32, f32], want: 1 },
  { kind: 'CONV_2D', types: [f32, 'int8', f32], want: 2 },
  { kind: 'CONV_2D', types: ['int8', 'int8', 'int8'], perChannel: true, want: 3 },
  { kind: 'CONV_2D', types: ['int16', 'int8', 'int16'], perChannel: true, want: 4 },
  { kind: 'CONV_2D', types: [f32, 'int8', f32], perChannel: true, want: 5 },
  { kind: 'CONV_2D', types: [f32, f32, f32], inChannels: 4, want: 6 },
  { kind: 'DEPTHWISE_CONV_2D', types: [f32, f32, f32], want: 1 },
  { kind: 'DEPTHWISE_CONV_2D', types: [f32, f32, f32], extra: { dilationH: 2 }, want: 2 },
  { kind: 'DEPTHWISE_CONV_2D', types: ['int8', 'int8', 'int8'], want: 3 },
  { kind: 'DEPTHWISE_CONV_2D', types: [f32, 'int8', f32], want: 4 },
  { kind: 'DEPTHWISE_CONV_2D', types: ['int16', 'int8', 'int16'], want: 5 },
  { kind: 'DEPTHWISE_CONV_2D', types: [f32, 'int8', f32], perChannel: true, want: 6 },
  { kind: 'FULLY_CONNECTED', types: [f32, f32, f32], want: 1 },
  { kind: 'FULLY_CONNECTED', types: [f32, 'int8', f32], want: 3 },
  { kind: 'FULLY_CONNECTED', types: ['int8', 'int8', 'int8'], want: 4 },
  { kind: 'FULLY_CONNECTED', types: [f32, f32, f32], extra: { keepNumDims: true }, want: 5 },
  { kind: 'FULLY_CONNECTED', types: [f32, f32, f32], noBias: true, want: 6 },
  { kind: 'FULLY_CONNECTED', types: ['int16', 'int8', 'int16'], want: 7 },
  { kind: 'FULLY_CONNECTED', types: [f32, 'int8', f32], extra: { asymmetricQuantizeInputs: true }, want: 9 },
  { kind: 'FULLY_CONNECTED', types: [f32, 'int8', f32], perChannel: true, want: 12 },
  { kind: 'MAX_POOL_2D', types: [f32, null, f32], want: 1 },
  { kind: 'MAX_POOL_2D', types: ['int8', null, 'int8'], want: 2 },
  { kind: 'MAX_POOL_2D', types: ['int16', null, 'int16'], want: 3 },
  { kind: 'AVERAGE_POOL_2D', types: [f32, null, f32], want: 1 },
  { kind: 'AVERAGE_POOL_2D', types: ['int8', null, 'int8'], want: 2 },
  { kind: 'AVERAGE_POOL_2D', types: ['int16', null, 'int16'], want: 3 },
  { kind: 'SOFTMAX', types: [f32, null, f32], want: 1 },
  { kind: 'SOFTMAX', types: ['int8', null, 'int8'], want: 2 },
  { kind: 'SOFTMAX', types: ['int16', null, 'int16'], want: 3 },
  { kind: 'RESHAPE', types: ['int16', null, 'int16'], want: 1 },
  { kind: 'QUANTIZE', types: [f32, null, 'int8'], want: 1 },
  { kind: 'QUANTIZE', types: ['uint8', null, 'int8'], want: 1 },
  { kind: 'QUANTIZE', types: [f32, null, 'int16'], want: 2 },
  { kind: 'QUANTIZE', types: [f32, null, 'int8'], perChannel: true, want: 3 },
  { kind: 'DEQUANTIZE', types: ['uint8', null, f32], want: 1 },
  { kind: 'DEQUANTIZE', types: ['int8', null, f32], want: 2 },
  { kind: 'DEQUANTIZE', types: ['float16', null, f32], want: 3 },
  { kind: 'DEQUANTIZE', types: ['int16', null, f32], want: 3 },
  { kind: 'DEQUANTIZE', types: ['int8', null, f32], perChannel: true, want: 5 },
];

describe('opVersion', () => {
  it.each(
    CASES.map((c) => [c.kind, c.types.join('/'), c.perChannel ? 'per-channel' : '', JSON.stringify(c.extra ?? {}), c]),
  )('%s %s %s %s', (_k, _t, _p, _e, c) => {
    const { op, graph } = oneOp(c as Case);
    expect(opVersion(op, graph)).toBe((c as Case).want);
  });
});

describe('runtime versions', () => {
  it('maps (op, version) to the runtime_version.cc table', () => {
    expect(runtimeVersionFor(BuiltinOperator.CONV_2D, 1)).toBe('1.5.0');
    expect(runtimeVersionFor(BuiltinOperator.CONV_2D, 5)).toBe('2.4.0');
    expect(runtimeVersionFor(BuiltinOperator.FULLY_CONNECTED, 9)).toBe('2.3.0');
    expect(runtimeVersionFor(BuiltinOperator.QUANTIZE, 1)).toBe('1.14.0');
    expect(runtimeVersionFor(BuiltinOperator.DEQUANTIZE, 3)).toBe('1.15.0');
    expect(runtimeVersionFor(BuiltinOperator.SOFTMAX, 9)).toBeUndefined();
  });

  // The ops the importer added: a file using them tells older runtimes it needs them (min_runtime_version).
  it.each([
    ['HARD_SWISH', [f32, null, f32], '1.15.0'],
    ['LOGISTIC', ['int8', null, 'int8'], '1.14.0'],
    ['TANH', ['int16', null, 'int16'], '2.3.0'],
    ['LEAKY_RELU', [f32, null, f32], '1.13.1'],
    ['MEAN', ['int16', null, 'int16'], '2.4.0'],
    ['PAD', ['int8', null, 'int8'], '1.14.0'],
    ['CONCATENATION', ['int8', null, 'int8'], '1.14.0'],
    ['SUB', [f32, null, f32], '1.6.0'],
    ['MUL', ['int16', null, 'int16'], '2.3.0'],
  ] as const)('a one-op %s graph (%j) needs runtime %s', (kind, types, want) => {
    const { graph } = oneOp({ kind, types: [...types], want: 0 });
    expect(minRuntimeVersion(graph)).toBe(want);
  });

  it('compares dotted versions numerically', () => {
    expect(compareVersions('1.14.0', '1.5.0')).toBeGreaterThan(0);
    expect(compareVersions('2.3.0', '2.3.0')).toBe(0);
    expect(compareVersions('1.13.1', '1.14.0')).toBeLessThan(0);
  });

  it('takes the newest runtime any op needs', () => {
    const { graph } = oneOp({ kind: 'FULLY_CONNECTED', types: [f32, 'int8', f32], perChannel: true, want: 12 });
    expect(minRuntimeVersion(graph)).toBe('2.17.0');
    expect(minRuntimeVersion({ ...graph, ops: [] })).toBe('');
  });
});
