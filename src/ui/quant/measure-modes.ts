import { CancelledError } from '../../bridge/worker-bridge';
import { tfliteFileName } from '../../core/eval/artifact-names';
import type { TrainedModel } from '../../core/model/trained-model';
import { measureMode, type ConvertedMode, type MeasuredMode } from '../../core/pipeline/measure-mode';
import { evaluateInRuntime } from '../common/evaluate-in-runtime';
import { getTestSet } from '../common/test-set';
import { runtimeBridge, runtimeHelperBridge } from '../lab-client';
import type { JobContext } from '../common/worker-job';
import { coreFailure, type CoreFailure } from '../i18n/core-text';

/** Converting the file (and simulating it in tfjs), or running it in the TFLite runtime. */
export type QuantStepKind = 'convert' | 'runtime';

/** What is happening now, for the progress line. */
export interface QuantStep {
  mode: string;
  /** The step, as a code the progress line writes in the page's language (messages `quant.step`). */
  what: QuantStepKind;
  index: number;
  total: number;
  /** Share of this step done (0..1), when the step reports it. */
  fraction?: number;
}

/** Produces one converted file in the lab worker (PTQ convert, QAT then convert, or a mixed-precision export). */
export type ConvertJob = (ctx: JobContext<QuantStep>) => Promise<ConvertedMode>;

/** One row of the results table to produce: its name and how to convert it. */
export interface ModeJob {
  mode: string;
  convert: ConvertJob;
}

/** Where each mode's result or failure goes. */
export interface ModeSink {
  outcome: (mode: string, outcome: MeasuredMode) => void;
  /** The failure keeps its coded problem (a diverging QAT run, a LiteRT.js error) for the page's language. */
  error: (mode: string, failure: CoreFailure) => void;
}

/** Timed single-image runs per file for the latency statistics. */
const LATENCY_SAMPLES = 500;

/**
 * Converts and measures each mode inside one worker job, as a two-stage pipeline: while the runtime
 * workers score mode k in LiteRT.js (two workers, half of the test images each), the lab worker already
 * converts and simulates mode k + 1, so the workers keep both cores busy. Results still arrive in the jobs' order. A failing mode is
 * reported and the others still run; a cancel stops both stages. Throws when every mode failed.
 */
export async function measureModes(
  trained: TrainedModel,
  jobs: ModeJob[],
  ctx: JobContext<QuantStep>,
  sink: ModeSink,
): Promise<void> {
  let failures = 0;
  const fail = (mode: string, e: unknown) => {
    if (e instanceof CancelledError || ctx.signal.aborted) throw e;
    failures++;
    sink.error(mode, coreFailure(e));
  };
  // Before the first conversion: the test set comes from the lab worker (queued ahead of the
  // conversions, not behind them), and both runtime workers start LiteRT.js while mode 1 converts.
  getTestSet().catch(() => undefined);
  for (const bridge of [runtimeBridge, runtimeHelperBridge])
    bridge.run(async () => undefined, ctx.signal).catch(() => undefined);
  // The runtime stage: one LiteRT.js evaluation at a time, in the jobs' order.
  let runtime: Promise<void> = Promise.resolve();
  for (const [index, { mode, convert }] of jobs.entries()) {
    const step = (what: QuantStepKind, fraction?: number) =>
      ctx.progress({ mode, what, index, total: jobs.length, fraction });
    let converted: ConvertedMode;
    try {
      step('convert');
      converted = await convert(ctx);
    } catch (e) {
      fail(mode, e);
      continue;
    }
    runtime = runtime.then(async () => {
      try {
        step('runtime', 0);
        const measured = await measureMode(
          converted,
          (bytes) =>
            evaluateInRuntime(bytes, ctx, LATENCY_SAMPLES, (f) => step('runtime', f), undefined, { split: true }),
          { mode, file: tfliteFileName(trained.preset, mode), tfjsPredictions: trained.testPredictions },
        );
        sink.outcome(mode, measured);
      } catch (e) {
        fail(mode, e);
      }
    });
    // Marked as handled here; the rejection (a cancel) is rethrown by the await below.
    runtime.catch(() => undefined);
    // Stop converting once the runtime stage was cancelled.
    if (ctx.signal.aborted) break;
  }
  await runtime;
  if (failures > 0 && failures === jobs.length) throw new Error(`all ${failures} mode(s) failed`);
}
