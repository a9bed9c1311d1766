import { useTranslation } from 'react-i18next';
import type { Leaf } from '../../core/wizard/decision-tree';

const TRADEOFF_KEYS = ['size', 'speed', 'accuracy', 'hardware'] as const;

/** The recommended mode with its reason and trade-offs. */
export function RecommendationCard({ leaf }: { leaf: Leaf }) {
  const { t } = useTranslation();
  return (
    <div className="wizard-card" data-testid="wizard-recommendation" data-mode={leaf.mode}>
      <h3>
        {t('wizard.recommendation')} <code data-testid="wizard-mode">{leaf.mode}</code> ·{' '}
        <span lang="en">{leaf.title}</span>
      </h3>
      <p lang="en">{leaf.reason}</p>
      <dl className="wizard-tradeoffs">
        {TRADEOFF_KEYS.map((key) => (
          <div key={key}>
            <dt>{t(`wizard.${key}`)}</dt>
            <dd lang="en">{leaf.tradeoffs[key]}</dd>
          </div>
        ))}
      </dl>
      {leaf.prerequisite && (
        <p className="notice" lang="en">
          {leaf.prerequisite}
        </p>
      )}
    </div>
  );
}
