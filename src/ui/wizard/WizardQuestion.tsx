import type { Question } from '../../core/wizard/decision-tree';
import { useMessages } from '../i18n/use-messages';
import { answerText, questionText } from './tree-text';

interface Props {
  question: Question;
  value?: string;
  onAnswer: (questionId: string, answerId: string) => void;
}

/** One question of the wizard as a radio group. */
export function WizardQuestion({ question, value, onAnswer }: Props) {
  const tree = useMessages().wizardTree;
  const text = questionText(tree, question);
  return (
    <fieldset className="wizard-question" data-testid={`wizard-q-${question.id}`}>
      <legend>{text.prompt}</legend>
      <p className="hint">{text.help}</p>
      {question.answers.map((a) => (
        <label key={a.id} className="wizard-answer">
          <input
            type="radio"
            name={`wizard-${question.id}`}
            value={a.id}
            data-testid={`wizard-a-${question.id}-${a.id}`}
            checked={value === a.id}
            onChange={() => onAnswer(question.id, a.id)}
          />
          {answerText(tree, question, a).label}
        </label>
      ))}
    </fieldset>
  );
}
