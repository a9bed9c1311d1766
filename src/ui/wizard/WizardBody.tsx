import { useMemo } from 'react';
import type { ModeReport } from '../../core/report/report';
import { checkRecommendation } from '../../core/wizard/check-advice';
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
}: WizardBodyProps) {
  const { path, leaf, next } = walk(answers);
  const modes = leaf ? modesToRun(leaf) : [];
  const hasResults = leaf && measured && floatAccuracy !== undefined && measured.some((r) => r.mode === leaf.mode);
  const findings = useMemo(
    () =>
      leaf && measured && floatAccuracy !== undefined
        ? checkRecommendation(leaf, measured, { accuracy: floatAccuracy }, { tolerancePoints: tolerance })
        : [],
    [leaf, measured, floatAccuracy, tolerance],
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
              {running ? 'Measuring…' : `Run ${leaf.mode} on my model (with ${modes.slice(1).join(', ')})`}
            </button>
            {!canRun && !running && (
              <span className="hint">Train a model first: the wizard measures your own model.</span>
            )}
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
