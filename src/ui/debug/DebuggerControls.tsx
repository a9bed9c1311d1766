import { useTranslation } from 'react-i18next';
import { useMessages } from '../i18n/use-messages';
import { LAYER_DEBUG_MODES, type QuantMode } from '../../core/modes/lab-modes';
import { SAMPLE_CHOICES } from './debugger-model';

interface Props {
  mode: QuantMode;
  onMode: (m: QuantMode) => void;
  samples: number;
  onSamples: (n: number) => void;
  running: boolean;
  /** A model exists and no other job runs. */
  canRun: boolean;
  hasModel: boolean;
  onRun: () => void;
  onCancel: () => void;
}

/** The debugger's mode and sample choices, and its run and cancel buttons. */
export function DebuggerControls({
  mode,
  onMode,
  samples,
  onSamples,
  running,
  canRun,
  hasModel,
  onRun,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const m = useMessages();
  return (
    <div className="actions">
      <label className="inline">
        {t('common.mode')}{' '}
        <select
          value={mode}
          onChange={(e) => onMode(e.target.value as QuantMode)}
          disabled={running}
          data-testid="layer-errors-mode"
        >
          {LAYER_DEBUG_MODES.map((mode_) => (
            <option key={mode_} value={mode_}>
              {m.modes[mode_].title}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t('debugger.testImages')}{' '}
        <select
          value={samples}
          onChange={(e) => onSamples(Number(e.target.value))}
          disabled={running}
          data-testid="layer-errors-samples"
        >
          {SAMPLE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button data-testid="layer-errors-run" onClick={onRun} disabled={!canRun || running}>
        {t('debugger.analyse')}
      </button>
      {running && (
        <button className="secondary" onClick={onCancel} data-testid="layer-errors-cancel">
          {t('common.cancel')}
        </button>
      )}
      {!hasModel && <span className="muted">{t('common.trainFirst')}</span>}
    </div>
  );
}
