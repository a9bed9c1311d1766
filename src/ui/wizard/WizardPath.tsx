import { useTranslation } from 'react-i18next';
import type { Step } from '../../core/wizard/walk-tree';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';
import { answerText, questionText } from './tree-text';

/** The answers so far as a breadcrumb trail, e.g. "Hardware: CPU › Size: ~4x". */
export function WizardPath({ path, end }: { path: Step[]; end?: string }) {
  const { t } = useTranslation();
  const tree = useMessages().wizardTree;
  if (path.length === 0) return null;
  return (
    <ol className="wizard-path" data-testid="wizard-path" aria-label={t('wizard.pathAria')}>
      {path.map((s) => (
        <li key={s.question.id}>
          <Rich
            k="wizard.pathStep"
            values={{
              label: questionText(tree, s.question).label,
              short: answerText(tree, s.question, s.answer).short,
            }}
          />
        </li>
      ))}
      {end && (
        <li>
          <strong>{end}</strong>
        </li>
      )}
    </ol>
  );
}
