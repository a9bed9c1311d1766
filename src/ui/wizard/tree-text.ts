import type { Answer, Leaf, Question } from '../../core/wizard/decision-tree';
import type { Messages } from '../i18n/messages/en';
import type { AnswerText, LeafText, QuestionText } from '../i18n/messages/wizard-tree';

type Tree = Messages['wizardTree'];

/** A question's text in the shown language's table, by the core's id (the core's English if the id is unknown). */
export function questionText(tree: Tree, q: Question): QuestionText {
  return (tree.questions as Record<string, QuestionText>)[q.id] ?? { label: q.label, prompt: q.text, help: q.help };
}

export function answerText(tree: Tree, q: Question, a: Answer): AnswerText {
  return (
    (tree.answers as Record<string, Record<string, AnswerText>>)[q.id]?.[a.id] ?? { label: a.label, short: a.short }
  );
}

export function leafText(tree: Tree, l: Leaf): LeafText {
  return (
    (tree.leaves as Record<string, LeafText>)[l.id] ?? {
      title: l.title,
      reason: l.reason,
      ...l.tradeoffs,
      prerequisite: l.prerequisite,
    }
  );
}
