import type { FieldProblem } from '../../core/settings/fields';
import type { FieldText } from '../common/SettingsFields';
import { useLanguage } from './CoreSentence';
import { fieldProblemsText } from './core-text';

/** The settings a form does not accept, in the shown language (the field names as the form shows them). */
export function FieldProblems({
  problems,
  texts,
  testId,
}: {
  problems: readonly FieldProblem[];
  texts: Partial<Record<string, FieldText>>;
  testId?: string;
}) {
  const language = useLanguage();
  if (problems.length === 0) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {fieldProblemsText(problems, language, texts)}
    </p>
  );
}
