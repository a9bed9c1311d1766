import { CancelledError } from '../../bridge/worker-bridge';
import { tfliteFileName } from '../../core/eval/artifact-names';
import type { TrainedModel } from '../../core/model/trained-model';
import { measureMode, type ConvertedMode, type MeasuredMode } from '../../core/pipeline/measure-mode';
import { scoringOrder } from '../../core/pipeline/scoring-order';
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
 * converts and simulates mode k + 1, so the workers keep both cores busy. Modes are processed in
 * scoringOrder (a slow-kernel mode such as int16x8 second, so its scoring is not left for the end), but
 * results and failures reach `sink` in the jobs' order. A failing mode is reported and the others still
 * run; a cancel stops both stages. Throws when every mode failed.
 */
export async function measureModes(
  trained: TrainedModel,
  jobs: ModeJob[],
  ctx: JobContext<QuantStep>,
  sink: ModeSink,
): Promise<void> {
  let failures = 0;
  // Reports waiting for an earlier job's, by job index; `next` is the first job not reported yet.
  const waiting = new Map<number, () => void>();
  let next = 0;
  const report = (index: number, deliver: () => void) => {
    waiting.set(index, deliver);
    for (let d = waiting.get(next); d; d = waiting.get(next)) {
      waiting.delete(next++);
      d();
    }
  };
  const fail = (index: number, mode: string, e: unknown) => {
    if (e instanceof CancelledError || ctx.signal.aborted) throw e;
    failures++;
    const failure = coreFailure(e);
    report(index, () => sink.error(mode, failure));
  };
  // Before the first conversion: the test set comes from the lab worker (queued ahead of the
  // conversions, not behind them), and both runtime workers start LiteRT.js while mode 1 converts.
  getTestSet().catch(() => undefined);
  for (const bridge of [runtimeBridge, runtimeHelperBridge])
    bridge.run(async () => undefined, ctx.signal).catch(() => undefined);
  // The runtime stage: one LiteRT.js evaluation at a time, in processing order.
  let runtime: Promise<void> = Promise.resolve();
  for (const [position, index] of scoringOrder(jobs.map((j) => j.mode)).entries()) {
    const { mode, convert } = jobs[index]!;
    const step = (what: QuantStepKind, fraction?: number) =>
      ctx.progress({ mode, what, index: position, total: jobs.length, fraction });
    let converted: ConvertedMode;
    try {
      step('convert');
      converted = await convert(ctx);
    } catch (e) {
      fail(index, mode, e);
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
        report(index, () => sink.outcome(mode, measured));
      } catch (e) {
        fail(index, mode, e);
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
