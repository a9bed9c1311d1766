import { describe, expect, it } from 'vitest';
import type { LayerError } from '../../core/debug/layer-errors';
import { errorStats } from '../../core/debug/error-stats';
import { formatDb, formatSig, rmseOverScalePoints } from './layer-format';

describe('formatSig', () => {
  it.each([
    [0, '0'],
    [0.28867, '0.289'],
    [12.3456, '12.3'],
    [-0.5, '-0.5'],
    [0.000123, '1.23e-4'],
    [123456, '1.23e5'],
    [Infinity, '∞'],
    [null, '–'],
  ] as const)('%s -> %s', (v, s) => expect(formatSig(v)).toBe(s));
});

describe('formatDb', () => {
  it.each([
    [Infinity, '∞'],
    [31.25, '31.3 dB'],
    [-2, '-2.0 dB'],
  ])('%s -> %s', (v, s) => expect(formatDb(v)).toBe(s));
});

describe('rmseOverScalePoints', () => {
  const row = (tensorName: string, scale: number | null): LayerError => {
    const s = errorStats([0, 1], [0.01, 1.01], scale);
    return {
      ...s,
      tensorName,
      layer: tensorName.split('/')[0],
      op: 'CONV_2D',
      opIndex: 0,
      outputDtype: scale ? 'int8' : 'float32',
      quantized: !!scale,
      flagged: false,
      endToEnd: s,
    };
  };
  it('keeps only rows with a scale', () => {
    const points = rmseOverScalePoints([row('conv2d_0/out', 0.01), row('dense_3/logits', null)]);
    expect(points.map((p) => p.tensorName)).toEqual(['conv2d_0/out']);
    expect(points[0].label).toBe('conv2d_0 (CONV_2D)');
    expect(points[0].perLayer).toBeCloseTo(1, 6);
  });
});
