import { describe, expect, it } from 'vitest';
import type { LayerError } from '../../core/debug/layer-errors';
import { DEFAULT_RECIPE } from '../../core/quant/recipe';
import { mixedExport, summarizeAnalysis, toggleKeepFloat, type LayerAnalysis } from './debugger-model';

function row(tensorName: string, flagged: boolean, rmseOverScale: number | null): LayerError {
  return {
    tensorName,
    layer: tensorName,
    op: 'CONV_2D',
    flagged,
    rmseOverScale,
    endToEnd: { rmseOverScale },
  } as LayerError;
}

const rows = [row('conv', false, 0.3), row('dense', true, 0.9), row('softmax', false, null)];

describe('summarizeAnalysis', () => {
  it.each([
    ['int8', true],
    ['int16x8', true],
    ['dynamic', false],
  ] as const)('%s: flags, keep-float support %s, chart rows for ops with a scale', (mode, selective) => {
    const summary = summarizeAnalysis({ mode, samples: 200, rows });
    expect(summary.flagged.map((r) => r.tensorName)).toEqual(['dense']);
    expect(summary.selective).toBe(selective);
    expect(summary.chartPoints.map((p) => p.tensorName)).toEqual(['conv', 'dense']);
  });
});

describe('keep-float choice and mixed export', () => {
  const analysis: LayerAnalysis = { mode: 'int8', samples: 200, rows };

  it('toggles names without changing the set it was given', () => {
    const none = new Set<string>();
    const one = toggleKeepFloat(none, 'dense', true);
    expect([...one]).toEqual(['dense']);
    expect(none.size).toBe(0);
    expect([...toggleKeepFloat(one, 'dense', false)]).toEqual([]);
  });

  it('exports <mode>-mixed with the ticked layers in the table’s op order, nothing when none is ticked', () => {
    const recipe = { ...DEFAULT_RECIPE, mode: 'int8' as const };
    expect(mixedExport(analysis, new Set(), recipe)).toBeUndefined();
    expect(mixedExport(analysis, new Set(['softmax', 'conv']), recipe)).toEqual({
      mode: 'int8-mixed',
      recipe: { ...recipe, keepFloat: ['conv', 'softmax'] },
    });
  });
});
