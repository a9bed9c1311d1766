import { useTranslation } from 'react-i18next';
import { Rich } from '../i18n/Rich';
import { FLAG_RMSE_OVER_SCALE } from '../../core/debug/error-stats';

/** The 1/sqrt(12) rule in plain words. */
export function RuleExplanation() {
  const { t } = useTranslation();
  return (
    <details className="debugger-rule" open>
      <summary>{t('debugger.ruleSummary')}</summary>
      <p>
        <Rich k="debugger.rule" values={{ flag: FLAG_RMSE_OVER_SCALE }} />
      </p>
    </details>
  );
}
