import { CancelledError } from '../../bridge/worker-bridge';
import { tfliteFileName } from '../../core/eval/artifact-names';
import type { TrainedModel } from '../../core/model/trained-model';
import { measureMode, type ConvertedMode, type MeasuredMode } from '../../core/pipeline/measure-mode';
import { evaluateInRuntime } from '../common/evaluate-in-runtime';
import { errorMessage, type JobContext } from '../common/worker-job';

/** What is happening now, for the progress line. */
export interface QuantStep {
  mode: string;
  what: string;
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
  error: (mode: string, message: string) => void;
}

/** Timed single-image runs per file for the latency statistics. */
const LATENCY_SAMPLES = 500;
const RUNTIME_STEP = 'running in the TFLite runtime';

/**
 * Converts and measures each mode in turn inside one worker job. A failing mode is reported and the
 * others still run; a cancel stops the loop. Throws when every mode failed.
 */
export async function measureModes(
  trained: TrainedModel,
  jobs: ModeJob[],
  ctx: JobContext<QuantStep>,
  sink: ModeSink,
): Promise<void> {
  let failures = 0;
  for (const [index, { mode, convert }] of jobs.entries()) {
    const step = (what: string, fraction?: number) => ctx.progress({ mode, what, index, total: jobs.length, fraction });
    try {
      step('converting and simulating');
      const converted = await convert(ctx);
      step(RUNTIME_STEP, 0);
      const measured = await measureMode(
        converted,
        (bytes) => evaluateInRuntime(bytes, ctx, LATENCY_SAMPLES, (f) => step(RUNTIME_STEP, f)),
        { mode, file: tfliteFileName(trained.preset, mode), tfjsPredictions: trained.testPredictions },
      );
      sink.outcome(mode, measured);
    } catch (e) {
      if (e instanceof CancelledError || ctx.signal.aborted) throw e;
      failures++;
      sink.error(mode, errorMessage(e));
    }
  }
  if (failures > 0 && failures === jobs.length) throw new Error(`all ${failures} mode(s) failed`);
}
