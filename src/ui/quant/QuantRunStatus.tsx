import { LAB_MODES, isQuantMode } from '../../core/modes/lab-modes';
import type { QuantRun } from './use-quantization';

/** The quantization run's progress line, its cancel notice and its per-mode errors. */
export function QuantRunStatus({ run }: { run: QuantRun }) {
  return (
    <>
      {run.step && (
        <div className="progress-block" data-testid="quantize-progress">
          <progress max={1} value={(run.step.index + (run.step.fraction ?? 0)) / run.step.total} />
          <span className="muted">
            {run.step.mode} ({run.step.index + 1}/{run.step.total}): {run.step.what}…
          </span>
        </div>
      )}
      {run.status === 'cancelled' && (
        <p className="notice">Cancelled; the files finished before the cancel are kept below.</p>
      )}
      {Object.entries(run.errors).map(([mode, message]) => (
        <p key={mode} className="error" role="alert" data-testid={`quantize-error-${mode}`}>
          {isQuantMode(mode) ? LAB_MODES[mode].title : mode}: {message}
        </p>
      ))}
    </>
  );
}
