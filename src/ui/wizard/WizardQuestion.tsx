import type { Question } from '../../core/wizard/decision-tree';

interface Props {
  question: Question;
  value?: string;
  onAnswer: (questionId: string, answerId: string) => void;
}

/** One question of the wizard as a radio group. */
export function WizardQuestion({ question, value, onAnswer }: Props) {
  return (
    <fieldset className="wizard-question" data-testid={`wizard-q-${question.id}`} lang="en">
      <legend>{question.text}</legend>
      <p className="hint">{question.help}</p>
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
          {a.label}
        </label>
      ))}
    </fieldset>
  );
}
