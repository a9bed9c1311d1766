import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import type { ModeReport } from '../../core/report/report';
import type { DeployCheck } from '../../core/deploy/deploy-check';
import { checkRecommendation } from '../../core/wizard/check-advice';
import { checkDeployAdvice } from '../../core/wizard/deploy-advice';
import { modesToRun, walk, type Answers } from '../../core/wizard/walk-tree';
import { RecommendationCard } from './RecommendationCard';
import { ToleranceInput } from './ToleranceInput';
import { WizardPath } from './WizardPath';
import { WizardQuestion } from './WizardQuestion';
import { WizardResults } from './WizardResults';
import { formatList } from '../i18n/locale';

export interface WizardBodyProps {
  answers: Answers;
  onAnswer: (questionId: string, answerId: string) => void;
  /** Percentage points. */
  tolerance: number;
  onTolerance: (points: number) => void;
  measured?: ModeReport[];
  floatAccuracy?: number;
  running: boolean;
  canRun: boolean;
  onRun: (modes: string[]) => void;
  /** The deployment checks of the comparison's files by mode, for the microcontroller and Edge TPU findings. */
  deployChecks?: Record<string, DeployCheck>;
}

/** The open wizard: questions on the current path, the recommendation, the run button and the results. */
export function WizardBody({
  answers,
  onAnswer,
  tolerance,
  onTolerance,
  measured,
  floatAccuracy,
  running,
  canRun,
  onRun,
  deployChecks,
}: WizardBodyProps) {
  const { t } = useTranslation();
  const { path, leaf, next } = walk(answers);
  const modes = leaf ? modesToRun(leaf) : [];
  const hasResults = leaf && measured && floatAccuracy !== undefined && measured.some((r) => r.mode === leaf.mode);
  const check = leaf ? deployChecks?.[leaf.mode] : undefined;
  const findings = useMemo(
    () =>
      leaf && measured && floatAccuracy !== undefined
        ? [
            ...checkRecommendation(leaf, measured, { accuracy: floatAccuracy }, { tolerancePoints: tolerance }),
            ...(check ? checkDeployAdvice(answers, leaf.mode, check) : []),
          ]
        : [],
    [leaf, measured, floatAccuracy, tolerance, answers, check],
  );
  return (
    <div className="wizard-body" data-testid="wizard-body">
      <WizardPath path={path} end={leaf?.mode} />
      {path.map((s) => (
        <WizardQuestion key={s.question.id} question={s.question} value={s.answer.id} onAnswer={onAnswer} />
      ))}
      {next && <WizardQuestion question={next} onAnswer={onAnswer} />}
      <ToleranceInput value={tolerance} onChange={onTolerance} />
      {leaf && (
        <>
          <RecommendationCard leaf={leaf} />
          <div className="actions">
            <button data-testid="wizard-run" onClick={() => onRun(modes)} disabled={!canRun || running}>
              {running
                ? t('wizard.measuring')
                : t('wizard.run', { mode: leaf.mode, others: formatList(modes.slice(1)) })}
            </button>
            {!canRun && !running && <span className="hint">{t('wizard.trainFirst')}</span>}
          </div>
        </>
      )}
      {leaf && hasResults && (
        <WizardResults
          modes={modes}
          recommended={leaf.mode}
          measured={measured}
          floatAccuracy={floatAccuracy}
          findings={findings}
        />
      )}
    </div>
  );
}
