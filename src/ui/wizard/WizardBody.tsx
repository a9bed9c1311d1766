import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import type { ModeReport } from '../../core/report/report';
import { checkDeployment } from '../../core/deploy/deploy-check';
import { parseTarget } from '../../core/deploy/targets';
import { checkRecommendation } from '../../core/wizard/check-advice';
import { checkDeployAdvice } from '../../core/wizard/deploy-advice';
import { modesToRun, walk, type Answers } from '../../core/wizard/walk-tree';
import { RecommendationCard } from './RecommendationCard';
import { ToleranceInput } from './ToleranceInput';
import { WizardPath } from './WizardPath';
import { WizardQuestion } from './WizardQuestion';
import { WizardResults } from './WizardResults';

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
  /** The comparison's files by mode, for the microcontroller and Edge TPU checks of the recommendation. */
  files?: Record<string, Uint8Array>;
  /** Deployment target id chosen in the deployment panel. */
  deployTarget?: string;
}

/** Deployment findings for the recommended mode's file, when there is one (see deploy-advice.ts). */
function deployFindings(answers: Answers, mode: string, file: Uint8Array | undefined, targetId: string | undefined) {
  if (!file || !targetId) return [];
  try {
    return checkDeployAdvice(answers, mode, checkDeployment(file, parseTarget(targetId)));
  } catch {
    return [];
  }
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
  files,
  deployTarget,
}: WizardBodyProps) {
  const { t } = useTranslation();
  const { path, leaf, next } = walk(answers);
  const modes = leaf ? modesToRun(leaf) : [];
  const hasResults = leaf && measured && floatAccuracy !== undefined && measured.some((r) => r.mode === leaf.mode);
  const file = leaf ? files?.[leaf.mode] : undefined;
  const findings = useMemo(
    () =>
      leaf && measured && floatAccuracy !== undefined
        ? [
            ...checkRecommendation(leaf, measured, { accuracy: floatAccuracy }, { tolerancePoints: tolerance }),
            ...deployFindings(answers, leaf.mode, file, deployTarget),
          ]
        : [],
    [leaf, measured, floatAccuracy, tolerance, answers, file, deployTarget],
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
                : t('wizard.run', { mode: leaf.mode, others: modes.slice(1).join(', ') })}
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
