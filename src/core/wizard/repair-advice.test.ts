import { describe, expect, it } from 'vitest';
import type { LayerError } from '../debug/layer-errors';
import {
  baseMode,
  proposeRepairs,
  repairRunName,
  type RepairInput,
  type RepairKind,
  type RepairRecipe,
} from './repair-advice';

const RTN: RepairRecipe = {
  perChannel: true,
  weightBits: 8,
  crossLayerEqualization: false,
  biasCorrection: false,
  adaround: false,
};

/** A debugger row with the statistics the rules read; the rest are plausible values. */
function row(layer: string, stats: { flagged?: boolean; meanError?: number; mse?: number }): LayerError {
  const mse = stats.mse ?? 1e-4;
  const stats0 = {
    numElements: 100,
    meanError: stats.meanError ?? 0,
    stddev: Math.sqrt(Math.max(0, mse - (stats.meanError ?? 0) ** 2)),
    maxAbsError: 0.1,
    meanSquaredError: mse,
    rmse: Math.sqrt(mse),
    snrDb: 30,
    scale: 0.02,
    rmseOverScale: stats.flagged ? 1.5 : 0.3,
  };
  return {
    ...stats0,
    tensorName: `${layer}/out`,
    layer,
    op: 'CONV_2D',
    opIndex: 0,
    outputDtype: 'int8',
    weightDtype: 'int8',
    quantized: true,
    flagged: stats.flagged ?? false,
    endToEnd: stats0,
  };
}

const base = { floatAccuracy: 0.9, tolerancePoints: 0.5, hasDepthwise: false };

const CASES: { name: string; input: RepairInput; expected: RepairKind[] }[] = [
  {
    name: 'within tolerance: nothing',
    input: { ...base, measured: [{ mode: 'int8', accuracy: 0.897, recipe: RTN }] },
    expected: [],
  },
  {
    name: 'float modes are never repaired',
    input: { ...base, measured: [{ mode: 'float16', accuracy: 0.5, recipe: RTN }] },
    expected: [],
  },
  {
    name: 'per-tensor drop on a depthwise model: CLE',
    input: {
      ...base,
      hasDepthwise: true,
      measured: [{ mode: 'int8', accuracy: 0.8, recipe: { ...RTN, perChannel: false } }],
    },
    expected: ['cle'],
  },
  {
    name: 'per-tensor on a depthwise model with CLE already on: not CLE again',
    input: {
      ...base,
      hasDepthwise: true,
      measured: [{ mode: 'int8', accuracy: 0.8, recipe: { ...RTN, perChannel: false, crossLayerEqualization: true } }],
    },
    expected: [],
  },
  {
    name: 'a systematic bias in the debugger: bias correction',
    input: {
      ...base,
      measured: [{ mode: 'int8', accuracy: 0.85, recipe: RTN }],
      debugger: { mode: 'int8', rows: [row('conv2d_0', { meanError: 0.008, mse: 1e-4 }), row('dense_1', {})] },
    },
    expected: ['bias-correction'],
  },
  {
    name: 'a bias measured for another mode does not count',
    input: {
      ...base,
      measured: [{ mode: 'int8', accuracy: 0.85, recipe: RTN }],
      debugger: { mode: 'int16x8', rows: [row('conv2d_0', { meanError: 0.008, mse: 1e-4 })] },
    },
    expected: [],
  },
  {
    name: 'low bits, per-tensor: per-channel first',
    input: {
      ...base,
      measured: [{ mode: 'int4', accuracy: 0.7, recipe: { ...RTN, weightBits: 4, perChannel: false } }],
    },
    expected: ['per-channel'],
  },
  {
    name: 'low bits, per-channel: AdaRound',
    input: { ...base, measured: [{ mode: 'int4', accuracy: 0.7, recipe: { ...RTN, weightBits: 4 } }] },
    expected: ['adaround'],
  },
  {
    name: 'low bits with AdaRound already on: nothing left to propose',
    input: { ...base, measured: [{ mode: 'int4', accuracy: 0.7, recipe: { ...RTN, weightBits: 3, adaround: true } }] },
    expected: [],
  },
  {
    name: 'one flagged layer: keep it in float (before the other rules)',
    input: {
      ...base,
      measured: [{ mode: 'int8', accuracy: 0.85, recipe: { ...RTN, weightBits: 4 } }],
      debugger: { mode: 'int8', rows: [row('conv2d_0', {}), row('dense_3', { flagged: true })] },
    },
    expected: ['keep-float', 'adaround'],
  },
  {
    name: 'two flagged layers: no single layer to blame',
    input: {
      ...base,
      measured: [{ mode: 'int8', accuracy: 0.85, recipe: RTN }],
      debugger: { mode: 'int8', rows: [row('conv2d_0', { flagged: true }), row('dense_3', { flagged: true })] },
    },
    expected: [],
  },
];

describe('proposeRepairs', () => {
  it.each(CASES)('$name', ({ input, expected }) => {
    expect(proposeRepairs(input).map((p) => p.kind)).toEqual(expected);
  });

  it('gives each proposal its recipe change, the drop and the layer to keep', () => {
    const [keep, cle] = proposeRepairs({
      ...base,
      hasDepthwise: true,
      measured: [{ mode: 'int8', accuracy: 0.8, recipe: { ...RTN, perChannel: false } }],
      debugger: { mode: 'int8', rows: [row('dense_3', { flagged: true })] },
    });
    expect(keep).toMatchObject({
      kind: 'keep-float',
      mode: 'int8',
      layer: 'dense_3',
      patch: { keepFloat: ['dense_3/out'] },
    });
    expect(keep.dropPoints).toBeCloseTo(10, 6);
    expect(cle.patch).toEqual({ crossLayerEqualization: true });
  });

  it('lists the worst drop first', () => {
    const modes = proposeRepairs({
      ...base,
      measured: [
        { mode: 'int8', accuracy: 0.85, recipe: { ...RTN, weightBits: 4 } },
        { mode: 'int4', accuracy: 0.6, recipe: { ...RTN, weightBits: 4 } },
      ],
    }).map((p) => p.mode);
    expect(modes).toEqual(['int4', 'int8']);
  });
});

describe('baseMode and repairRunName', () => {
  it.each([
    ['int8', 'int8'],
    ['int8-io', 'int8-io'],
    ['int8-cle', 'int8'],
    ['dynamic-int4-adaround', 'dynamic-int4'],
    ['qat', undefined],
    ['model.tflite', undefined],
  ])('%s was made with %s', (name, mode) => expect(baseMode(name)).toBe(mode));

  it.each([
    [{ kind: 'cle' as const, mode: 'int8' }, 'int8-cle'],
    [{ kind: 'adaround' as const, mode: 'int4-per-channel' }, 'int4-per-channel-adaround'],
    [{ kind: 'keep-float' as const, mode: 'int8-cle' }, 'int8-mixed'],
  ])('%j runs as %s', (p, name) => expect(repairRunName(p)).toBe(name));

  it('proposes for a derived run by its base mode', () => {
    const [p] = proposeRepairs({
      ...base,
      measured: [{ mode: 'int4-per-channel', accuracy: 0.7, recipe: { ...RTN, weightBits: 4 } }],
    });
    expect(p).toMatchObject({ kind: 'adaround', mode: 'int4-per-channel' });
  });
});
