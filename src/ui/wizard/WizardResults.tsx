import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import type { ModeReport } from '../../core/report/report';
import type { Finding } from '../../core/wizard/check-advice';
import type { LabMode } from '../../core/modes/lab-modes';
import { formatPercent } from '../common/format';
import { isLanguage, DEFAULT_LANGUAGE } from '../i18n/languages';
import { useMessages } from '../i18n/use-messages';
import { findingText } from './finding-text';

interface Props {
  /** Rows in this order; the first is the recommendation. */
  modes: LabMode[];
  recommended: LabMode;
  measured: ModeReport[];
  floatAccuracy: number;
  findings: Finding[];
}

/** Measured accuracy, size and latency of the recommendation beside its alternatives, then the findings. */
export function WizardResults({ modes, recommended, measured, floatAccuracy, findings }: Props) {
  const { t } = useTranslation();
  const byMode = new Map(measured.map((r) => [r.mode, r]));
  const floatBytes = byMode.get('float32')?.bytes;
  return (
    <div className="wizard-results" data-testid="wizard-results">
      <h3>{t('wizard.measured')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('wizard.colMode')}</th>
            <th>{t('wizard.colAccuracy')}</th>
            <th>{t('wizard.colDrop')}</th>
            <th>{t('wizard.colSize')}</th>
            <th>{t('wizard.colLatency')}</th>
          </tr>
        </thead>
        <tbody>
          {modes.map((mode) => (
            <WizardRow
              key={mode}
              mode={mode}
              recommended={mode === recommended}
              report={byMode.get(mode)}
              floatAccuracy={floatAccuracy}
              floatBytes={floatBytes}
            />
          ))}
        </tbody>
      </table>
      <p className="hint">{t('wizard.floatLine', { accuracy: formatPercent(floatAccuracy) })}</p>
      <ul className="wizard-findings">
        {findings.map((f, i) => (
          <li
            key={i}
            className={`wizard-finding wizard-${f.severity}`}
            data-testid="wizard-finding"
            data-severity={f.severity}
            data-code={f.code}
          >
            <strong>{t(`wizard.${f.severity}`)}:</strong> <FindingSentence finding={f} />
          </li>
        ))}
      </ul>
    </div>
  );
}

interface RowProps {
  mode: LabMode;
  recommended: boolean;
  report?: ModeReport;
  floatAccuracy: number;
  floatBytes?: number;
}

/** One mode's measurements, or "not measured". */
function WizardRow({ mode, recommended, report: r, floatAccuracy, floatBytes }: RowProps) {
  const { t } = useTranslation();
  return (
    <tr data-testid={`wizard-row-${mode}`} className={recommended ? 'wizard-recommended' : undefined}>
      <td>
        {mode}
        {recommended ? t('wizard.recommended') : ''}
      </td>
      {r ? (
        <>
          <td>{formatPercent(r.accuracy)}</td>
          <td>{formatNumberFixed((floatAccuracy - r.accuracy) * 100, 2)}</td>
          <td>
            {formatNumberFixed(r.bytes / 1024, 1)} KiB
            {floatBytes && mode !== 'float32'
              ? t('wizard.smaller', { x: formatNumberFixed(floatBytes / r.bytes, 1) })
              : ''}
          </td>
          <td>{r.latency ? `${formatNumberFixed(r.latency.median_ms, 3)} ms` : '–'}</td>
        </>
      ) : (
        <td colSpan={4} className="muted">
          {t('wizard.notMeasured')}
        </td>
      )}
    </tr>
  );
}

/** One finding in the shown language (English ones marked lang="en" for screen readers inside a zh-TW page). */
function FindingSentence({ finding }: { finding: Finding }) {
  const { i18n } = useTranslation();
  const tree = useMessages().wizardTree;
  const { text, english } = findingText(finding, isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE, tree);
  return <span lang={english ? 'en' : undefined}>{text}</span>;
}
