import { useTranslation } from 'react-i18next';
import { useMessages } from '../i18n/use-messages';
import { isQuantMode } from '../../core/modes/lab-modes';
import type { QuantRun } from './use-quantization';

/** The quantization run's progress line, its cancel notice and its per-mode errors. */
export function QuantRunStatus({ run }: { run: QuantRun }) {
  const { t } = useTranslation();
  const m = useMessages();
  return (
    <>
      {run.step && (
        <div className="progress-block" data-testid="quantize-progress">
          <progress max={1} value={(run.step.index + (run.step.fraction ?? 0)) / run.step.total} />
          <span className="muted">
            {run.step.mode} ({run.step.index + 1}/{run.step.total}): <span lang="en">{run.step.what}</span>…
          </span>
        </div>
      )}
      {run.status === 'cancelled' && <p className="notice">{t('quant.cancelled')}</p>}
      {Object.entries(run.errors).map(([mode, message]) => (
        <p key={mode} className="error" role="alert" data-testid={`quantize-error-${mode}`}>
          {isQuantMode(mode) ? m.modes[mode].title : mode}: <span lang="en">{message}</span>
        </p>
      ))}
    </>
  );
}
