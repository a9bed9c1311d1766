/** The side-by-side comparison of two runs: one row per metric, then per mode either run measured. Pure. */
import type { ModeReport } from '../../core/report/report';
import type { RunRecord } from './run-record';

/** One mode's numbers in one run (undefined: the run did not measure it). */
export interface CompareCell {
  bytes: number;
  /** NaN for a run without labels (then `top1Agreement` says how it was scored). */
  accuracy: number;
  /** Fraction of images whose top-1 class is the float model's (runs of models scored without labels). */
  top1Agreement?: number;
  latencyMs?: number;
}

export interface CompareRow {
  mode: string;
  a?: CompareCell;
  b?: CompareCell;
}

export interface RunComparison {
  floatAccuracy: { a: number; b: number };
  /** Modes in run A's order, then the ones only B has. */
  rows: CompareRow[];
}

function cell(m: ModeReport | undefined): CompareCell | undefined {
  return (
    m && {
      bytes: m.bytes,
      accuracy: m.accuracy,
      ...(m.float_model_agreement && { top1Agreement: m.float_model_agreement.top1_agreement }),
      ...(m.latency && { latencyMs: m.latency.median_ms }),
    }
  );
}

export function compareRuns(a: Pick<RunRecord, 'report'>, b: Pick<RunRecord, 'report'>): RunComparison {
  const modes = [...new Set([...a.report.modes, ...b.report.modes].map((m) => m.mode))];
  return {
    floatAccuracy: { a: a.report.float.test_accuracy, b: b.report.float.test_accuracy },
    rows: modes.map((mode) => ({
      mode,
      a: cell(a.report.modes.find((m) => m.mode === mode)),
      b: cell(b.report.modes.find((m) => m.mode === mode)),
    })),
  };
}
