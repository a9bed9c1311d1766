import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take most of the run (each tens of seconds to minutes: they train, quantize every mode, or
 * run LiteRT.js and the reference interpreter over real MNIST). They start first, so that with two workers
 * the short files fill in behind them instead of one long file starting last and running alone.
 */
const LONG_FIRST = [
  'src/accel/simulate-tfjs.test.ts',
  'src/core/pipeline/litert-agreement.test.ts',
  'src/import/import-ops.test.ts',
  'src/import/import-model.test.ts',
  'src/core/train/train.test.ts',
  'src/import/import-functional.test.ts',
  'src/core/qat/qat.test.ts',
  'src/core/quant/quantize-graph.test.ts',
];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? LONG_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's own order (cached durations, then size).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'workers/**/*.test.ts',
      'cli/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is availableParallelism() - 1 workers: one on a 2-core machine, leaving a core idle
    // while its single-threaded tests (tfjs WASM, LiteRT.js, the reference interpreter) run one file at a time.
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
  },
});
