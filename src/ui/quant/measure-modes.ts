import { CancelledError } from '../../bridge/worker-bridge';
import { tfliteFileName } from '../../core/eval/artifact-names';
import { slowInRuntimeFirst } from '../../core/modes/lab-modes';
import type { TrainedModel } from '../../core/model/trained-model';
import { measuredMode, type ConvertedMode, type MeasuredMode } from '../../core/pipeline/measure-mode';
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

/**
 * Produces one converted file in the lab worker (PTQ convert, QAT then convert, or a mixed-precision export).
 * A job may hand the .tflite to `onFile` as soon as it is written, before its simulation: the runtime stage
 * then scores it while the lab worker simulates.
 */
export type ConvertJob = (ctx: JobContext<QuantStep>, onFile: (bytes: Uint8Array) => void) => Promise<ConvertedMode>;

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
 * Converts and measures each mode inside one worker job, as a two-stage pipeline: the runtime workers
 * score mode k's file in LiteRT.js (two workers, half of the test images each) as soon as the lab worker
 * wrote it, while the lab worker simulates mode k and converts mode k + 1, so the workers keep both cores
 * busy. The modes are worked on in the order of `slowInRuntimeFirst` (the slowest scoring starts first);
 * their results and failures still reach `sink` in the jobs' order. A failing mode is reported and the
 * others still run; a cancel stops both stages. Throws when every mode failed.
 */
export async function measureModes(
  trained: TrainedModel,
  jobs: ModeJob[],
  ctx: JobContext<QuantStep>,
  sink: ModeSink,
): Promise<void> {
  let failures = 0;
  // Reports wait here until every earlier job (in the jobs' order) has reported.
  const ready = new Map<number, () => void>();
  let nextReport = 0;
  const report = (job: number, deliver: () => void) => {
    ready.set(job, deliver);
    for (let r = ready.get(nextReport); r; r = ready.get(nextReport)) {
      ready.delete(nextReport++);
      r();
    }
  };
  const fail = (job: number, mode: string, e: unknown) => {
    if (e instanceof CancelledError || ctx.signal.aborted) throw e;
    failures++;
    report(job, () => sink.error(mode, coreFailure(e)));
  };
  // Before the first conversion: the test set comes from the lab worker (queued ahead of the
  // conversions, not behind them), and both runtime workers start LiteRT.js while mode 1 converts.
  getTestSet().catch(() => undefined);
  for (const bridge of [runtimeBridge, runtimeHelperBridge])
    bridge.run(async () => undefined, ctx.signal).catch(() => undefined);
  // The runtime stage: one LiteRT.js evaluation at a time, in the order the modes are converted.
  let runtime: Promise<void> = Promise.resolve();
  const order = slowInRuntimeFirst(
    jobs.map((j, job) => ({ ...j, job })),
    (j) => j.mode,
  );
  for (const [index, { mode, convert, job }] of order.entries()) {
    const step = (what: QuantStepKind, fraction?: number) =>
      ctx.progress({ mode, what, index, total: jobs.length, fraction });
    step('convert');
    let fileOut!: (bytes: Uint8Array) => void;
    const early = new Promise<Uint8Array>((resolve) => (fileOut = resolve));
    const conversion = convert(ctx, fileOut);
    // The file as soon as the lab worker wrote it (or with the result, for a job that does not say earlier).
    const file = Promise.race([early, conversion.then((c) => c.bytes)]);
    file.catch(() => undefined);
    runtime = runtime.then(async () => {
      // A failed conversion is reported by the converting stage below.
      const bytes = await file.catch(() => undefined);
      if (!bytes) return;
      try {
        step('runtime', 0);
        const started = Date.now();
        const run = await evaluateInRuntime(bytes, ctx, LATENCY_SAMPLES, (f) => step('runtime', f), undefined, {
          split: true,
        });
        const runtimeSeconds = (Date.now() - started) / 1000;
        const converted = await conversion.catch(() => undefined);
        if (!converted) return;
        const measured = measuredMode(converted, run, runtimeSeconds, {
          mode,
          file: tfliteFileName(trained.preset, mode),
          tfjsPredictions: trained.testPredictions,
        });
        report(job, () => sink.outcome(mode, measured));
      } catch (e) {
        fail(job, mode, e);
      }
    });
    // Marked as handled here; the rejection (a cancel) is rethrown by the await below.
    runtime.catch(() => undefined);
    // The lab worker converts one mode at a time; the runtime stage may start on this one's file meanwhile.
    try {
      await conversion;
    } catch (e) {
      fail(job, mode, e);
      continue;
    }
    // Stop converting once the runtime stage was cancelled.
    if (ctx.signal.aborted) break;
  }
  await runtime;
  if (failures > 0 && failures === jobs.length) throw new Error(`all ${failures} mode(s) failed`);
}
