import {
  WIZARD_LEAVES,
  WIZARD_QUESTIONS,
  type WizardAnswerIds,
  type WizardLeafId,
  type WizardQuestionId,
} from '../../../core/wizard/decision-tree';

/** A wizard question's UI text: breadcrumb label, the question itself, its help line. */
export interface QuestionText {
  label: string;
  prompt: string;
  help: string;
}

/** A wizard answer's UI text: the radio label and the breadcrumb's short form. */
export interface AnswerText {
  label: string;
  short: string;
}

/** A wizard leaf's UI text: the recommendation, its reason, trade-offs and (only where the core has one) prerequisite. */
export interface LeafText {
  title: string;
  reason: string;
  size: string;
  speed: string;
  accuracy: string;
  hardware: string;
  prerequisite?: string;
}

/**
 * The wizard tree's texts keyed by the core's literal ids (decision-tree.ts), so a question, answer or leaf
 * without text in a language fails the typecheck.
 */
export interface WizardTreeTexts {
  questions: Record<WizardQuestionId, QuestionText>;
  answers: { [Q in WizardQuestionId]: Record<WizardAnswerIds[Q], AnswerText> };
  leaves: Record<WizardLeafId, LeafText>;
}

/** The English texts, read from the core's declarations (the core keeps its English for the CLI and tests). */
export function englishWizardTree(): WizardTreeTexts {
  const questions = {} as Record<string, QuestionText>;
  const answers = {} as Record<string, Record<string, AnswerText>>;
  for (const q of WIZARD_QUESTIONS) {
    questions[q.id] = { label: q.label, prompt: q.text, help: q.help };
    answers[q.id] = Object.fromEntries(q.answers.map((a) => [a.id, { label: a.label, short: a.short }]));
  }
  const leaves = {} as Record<string, LeafText>;
  for (const l of WIZARD_LEAVES) {
    leaves[l.id] = {
      title: l.title,
      reason: l.reason,
      ...l.tradeoffs,
      ...(l.prerequisite ? { prerequisite: l.prerequisite } : {}),
    };
  }
  return { questions, answers, leaves } as WizardTreeTexts;
}
