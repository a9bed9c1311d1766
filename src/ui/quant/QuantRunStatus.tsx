import { useTranslation } from 'react-i18next';
import { CoreSentence } from '../i18n/CoreSentence';
import { useMessages } from '../i18n/use-messages';
import { isQuantMode } from '../../core/modes/lab-modes';
import { useProgress } from '../common/progress-store';
import type { QuantRun } from './use-quantization';

/** The quantization run's progress line, its cancel notice and its per-mode errors. */
export function QuantRunStatus({ run }: { run: QuantRun }) {
  const { t } = useTranslation();
  const m = useMessages();
  const step = useProgress(run.progress);
  return (
    <>
      {step && run.status === 'running' && (
        <div className="progress-block" data-testid="quantize-progress">
          <progress max={1} value={(step.index + (step.fraction ?? 0)) / step.total} />
          <span className="muted">
            {isQuantMode(step.mode) ? m.modes[step.mode].title : step.mode} ({step.index + 1}/{step.total}):{' '}
            {t(`quant.step.${step.what}`)}…
          </span>
        </div>
      )}
      {run.status === 'cancelled' && <p className="notice">{t('quant.cancelled')}</p>}
      {Object.entries(run.errors).map(([mode, failure]) => (
        <p key={mode} className="error" role="alert" data-testid={`quantize-error-${mode}`}>
          {isQuantMode(mode) ? m.modes[mode].title : mode}: <CoreSentence failure={failure} />
        </p>
      ))}
    </>
  );
}
