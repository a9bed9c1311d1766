import { describe, expect, it } from 'vitest';
import { compareRuns } from './run-compare';
import { fakeOutcome, fakeReport } from './testing/run-fixtures';

describe('compareRuns', () => {
  it('one row per mode either run has, A’s order first; a mode one run lacks has no cell there', () => {
    const a = {
      report: fakeReport({ int8: fakeOutcome('int8', 120, 0.97), float16: fakeOutcome('float16', 200, 0.98) }),
    };
    const b = {
      report: fakeReport({ qat: fakeOutcome('qat', 121, 0.979), int8: fakeOutcome('int8', 119, 0.96) }, 0.9),
    };
    expect(compareRuns(a, b)).toEqual({
      floatAccuracy: { a: 0.98, b: 0.9 },
      rows: [
        {
          mode: 'int8',
          a: { bytes: 120, accuracy: 0.97, latencyMs: 0.25 },
          b: { bytes: 119, accuracy: 0.96, latencyMs: 0.25 },
        },
        { mode: 'float16', a: { bytes: 200, accuracy: 0.98, latencyMs: 0.25 }, b: undefined },
        { mode: 'qat', a: undefined, b: { bytes: 121, accuracy: 0.979, latencyMs: 0.25 } },
      ],
    });
  });
});
