import { describe, expect, it } from 'vitest';
import type { ModeReport } from '../report/report';
import { sweepPointFromEntry, sweepPointsFromRows } from './sweep-series';

const entry = (extra: Partial<ModeReport>): ModeReport => ({
  mode: 'int8',
  file: 'int8.tflite',
  bytes: 23248,
  accuracy: 0.97,
  accuracy_engine: 'LiteRT.js',
  ...extra,
});

describe('sweep series', () => {
  it('turns sweep rows into points named by sparsity and clusters', () => {
    const [p] = sweepPointsFromRows([
      {
        sparsity: 0.8,
        measured_sparsity: 0.8,
        clusters: 16,
        mode: 'dynamic',
        bytes: 22448,
        gzip_bytes: 5120,
        accuracy: 0.975,
        float_accuracy: 0.976,
      },
    ]);
    expect(p).toEqual({
      series: '80% zeros, 16 clusters',
      sparsity: 0.8,
      clusters: 16,
      mode: 'dynamic',
      gzipKib: 5,
      accuracy: 0.975,
    });
  });

  it('reads a measured entry: its compression recipe, or 0% zeros; nothing without a gzip size', () => {
    expect(sweepPointFromEntry(entry({}))).toBeUndefined();
    expect(sweepPointFromEntry(entry({ gzip_bytes: 2048 }))).toMatchObject({ series: '0% zeros', gzipKib: 2 });
    const pruned = entry({ gzip_bytes: 1024, recipe: { compression: { pruning: { sparsity: 0.9 } } } });
    expect(sweepPointFromEntry(pruned)).toMatchObject({ series: '90% zeros', sparsity: 0.9, gzipKib: 1 });
  });
});
