import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { LiveTensorChart } from './LiveTensorChart';
import { DeployTable } from './DeployTable';
import { TargetSelect } from './TargetSelect';
import type { DeployOutcome } from '../results/deploy-checks';
import { problemsText } from '../i18n/core-text';
import { useLanguage } from '../i18n/CoreSentence';

interface Props {
  /** Every file in the comparison (the lab's and inspected ones), by mode name. */
  files: Record<string, Uint8Array>;
  /** Their deployment checks for `targetId` (the results' `deploy`, computed once). */
  outcomes: DeployOutcome[];
  targetId: string;
  onTargetChange: (id: string) => void;
  /** Defaults to the lab's numbered section title. */
  heading?: string;
}

/** Ship it to a device: TFLite Micro and Edge TPU checks, arena and flash per file against a chosen board. */
export function DeployPanel({ files, outcomes, targetId, onTargetChange, heading }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [chartMode, setChartMode] = useState<string>();
  const checked = outcomes.flatMap((o) => ('check' in o ? [o] : []));
  const shown = checked.find((o) => o.mode === chartMode) ?? checked.find((o) => o.check.tflm.compatible) ?? checked[0];
  const reasons = checked.filter((o) => o.check.reasons.length > 0);
  return (
    <section className="panel" aria-labelledby="deploy-title" data-testid="deploy-panel">
      <h2 id="deploy-title">{heading ?? t('deploy.title')}</h2>
      <p className="hint">{t('deploy.hint')}</p>
      <TargetSelect value={targetId} onChange={onTargetChange} />
      {outcomes.length === 0 ? (
        <p className="muted">{t('deploy.quantizeFirst')}</p>
      ) : (
        <DeployTable outcomes={outcomes} files={files} />
      )}
      {reasons.length > 0 && (
        <ul className="deploy-reasons" data-testid="deploy-reasons">
          {reasons.map((o) => (
            <li key={o.mode}>
              <strong>{o.mode}:</strong> {problemsText(o.check.problems, language)}
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <div className="deploy-chart">
          <label className="inline">
            {t('deploy.liveTensorsOf')}{' '}
            <select data-testid="deploy-chart-mode" value={shown.mode} onChange={(e) => setChartMode(e.target.value)}>
              {checked.map((o) => (
                <option key={o.mode}>{o.mode}</option>
              ))}
            </select>
          </label>
          <LiveTensorChart mode={shown.mode} plan={shown.check.arena} />
        </div>
      )}
    </section>
  );
}
