import { useTranslation } from 'react-i18next';
import type { Leaf } from '../../core/wizard/decision-tree';
import { useMessages } from '../i18n/use-messages';
import { leafText } from './tree-text';

const TRADEOFF_KEYS = ['size', 'speed', 'accuracy', 'hardware'] as const;

/** The recommended mode with its reason and trade-offs. */
export function RecommendationCard({ leaf }: { leaf: Leaf }) {
  const { t } = useTranslation();
  const text = leafText(useMessages().wizardTree, leaf);
  return (
    <div className="wizard-card" data-testid="wizard-recommendation" data-mode={leaf.mode}>
      <h3>
        {t('wizard.recommendation')} <code data-testid="wizard-mode">{leaf.mode}</code> · <span>{text.title}</span>
      </h3>
      <p>{text.reason}</p>
      <dl className="wizard-tradeoffs">
        {TRADEOFF_KEYS.map((key) => (
          <div key={key}>
            <dt>{t(`wizard.${key}`)}</dt>
            <dd>{text[key]}</dd>
          </div>
        ))}
      </dl>
      {text.prerequisite && <p className="notice">{text.prerequisite}</p>}
    </div>
  );
}
