import type { Finding } from '../../core/wizard/check-advice';
import type { FindingMessage } from '../../core/wizard/finding-message';
import type { Language } from '../i18n/languages';
import { FINDINGS_ZH } from '../i18n/messages/findings.zh-TW';
import type { Messages } from '../i18n/messages/en';

/**
 * A finding in the shown language: English is the core's own sentence; zh-TW is written from the same message
 * (the prerequisite from the wizard's leaf table). `english` says when the text is English, so the page can mark
 * it lang="en". The deployment check's reasons inside a zh-TW sentence are written from their data (deploy.zh-TW.ts).
 */
export function findingText(
  f: Finding,
  language: Language,
  tree: Messages['wizardTree'],
): { text: string; english: boolean } {
  if (language === 'en') return { text: f.text, english: true };
  const m: FindingMessage = f.message;
  if (m.key === 'prerequisite') {
    const leaf = (tree.leaves as Record<string, { prerequisite?: string }>)[m.leaf];
    return leaf?.prerequisite ? { text: leaf.prerequisite, english: false } : { text: m.text, english: true };
  }
  const text = (FINDINGS_ZH[m.key] as (m: FindingMessage) => string)(m);
  return { text, english: false };
}
