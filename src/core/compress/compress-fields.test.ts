import { describe, expect, it } from 'vitest';
import {
  compressPlanFor,
  compressTuningProblems,
  DEFAULT_COMPRESS_TUNING,
  validateCompressTuning,
} from './compress-fields';

const train = { batchSize: 32, seed: 3 };

describe('compressPlanFor', () => {
  it('plans nothing by default, pruning for a sparsity and clustering for a cluster count', () => {
    expect(compressPlanFor(DEFAULT_COMPRESS_TUNING, train)).toEqual({});
    const plan = compressPlanFor({ ...DEFAULT_COMPRESS_TUNING, pruneSparsity: 0.3, clusters: 16 }, train);
    // The polynomial schedule starts at the smaller of its initial sparsity and the target.
    expect(plan.prune).toMatchObject({ sparsity: 0.3, initialSparsity: 0.3, seed: 3, batchSize: 32, epochs: 2 });
    expect(plan.cluster).toMatchObject({ clusters: 16, init: 'density', preserveSparsity: true, seed: 3 });
  });
});

describe('validateCompressTuning', () => {
  it.each([
    [{ pruneSparsity: 0.8, clusters: 16 }, []],
    [{ pruneSparsity: 1 }, ['target sparsity must be a number in [0, 0.99] (got 1)']],
    [{ clusters: 1 }, ['clusters must be an integer from 2 to 256 (got 1)']],
  ])('%j -> %j', (patch, problems) => {
    expect(validateCompressTuning({ ...DEFAULT_COMPRESS_TUNING, ...patch }, train)).toEqual(problems);
  });
});

describe('compressTuningProblems', () => {
  it('says what is wrong as data: a field out of bounds, or a stage check', () => {
    const field = compressTuningProblems({ ...DEFAULT_COMPRESS_TUNING, pruneSparsity: 1 }, train);
    expect(field).toMatchObject([{ code: 'setting-invalid', key: 'pruneSparsity', got: '1' }]);
    const stage = compressTuningProblems({ ...DEFAULT_COMPRESS_TUNING, clusters: 1 }, train);
    expect(stage).toEqual([{ code: 'compress-integer', setting: 'clusters', min: 2, max: 256, got: 1 }]);
    // Pruning and clustering both check the fine-tuning: a bad batch size is said once.
    const both = compressTuningProblems(
      { ...DEFAULT_COMPRESS_TUNING, pruneSparsity: 0.5, clusters: 8 },
      {
        ...train,
        batchSize: 0,
      },
    );
    expect(both).toEqual([{ code: 'compress-integer', setting: 'batchSize', min: 1, max: 4096, got: 0 }]);
  });
});
