import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { DeployCheck } from '../../core/deploy/deploy-check';
import type { ModeReport } from '../../core/report/report';
import { answerQuestion, type Answers } from '../../core/wizard/walk-tree';
import { WizardBody } from './WizardBody';

export interface WizardProps {
  /** Reports of the modes run so far (any superset of the wizard's run is fine). */
  measured?: ModeReport[];
  /** The trained TF.js model's test accuracy, as a fraction. */
  floatAccuracy?: number;
  running: boolean;
  canRun: boolean;
  /** Called with the recommended mode first, then the modes to compare it with. */
  onRun: (modes: string[]) => void;
  /**
   * The deployment checks of the comparison's files by mode, for the deployment panel's target (the results'
   * `deploy`), so microcontroller and Edge TPU answers check the recommended file.
   */
  deployChecks?: Record<string, DeployCheck>;
}

/** Default accuracy tolerance, in percentage points. */
export const DEFAULT_TOLERANCE_POINTS = 0.5;

/** "Which mode should I use?": walks TF Lite's decision trees, then measures the answer on the learner's model. */
export function Wizard(props: WizardProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [tolerance, setTolerance] = useState(DEFAULT_TOLERANCE_POINTS);
  const onAnswer = useCallback((q: string, a: string) => setAnswers((prev) => answerQuestion(prev, q, a)), []);
  return (
    <section className="panel wizard" aria-labelledby="wizard-title">
      <h2 id="wizard-title">{t('wizard.title')}</h2>
      <div className="actions">
        <button
          data-testid="wizard-open"
          className={open ? 'secondary' : undefined}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
        >
          {open ? t('wizard.close') : t('wizard.open')}
        </button>
        {open && Object.keys(answers).length > 0 && (
          <button className="secondary" data-testid="wizard-restart" onClick={() => setAnswers({})}>
            {t('wizard.restart')}
          </button>
        )}
      </div>
      {open && (
        <WizardBody {...props} answers={answers} onAnswer={onAnswer} tolerance={tolerance} onTolerance={setTolerance} />
      )}
    </section>
  );
}
