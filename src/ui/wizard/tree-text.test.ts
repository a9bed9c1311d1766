import { describe, expect, it } from 'vitest';
import { allLeaves, allQuestions } from '../../core/wizard/walk-tree';
import { MESSAGES } from '../i18n/i18n';
import { answerText, leafText, questionText } from './tree-text';

/** zh-TW texts that may stay as written in English: identifiers. */
const IDENTIFIERS = new Set(['CPU', 'GPU', 'Edge TPU']);
const CJK = /[\u3400-\u9fff]/;

/** Every text of the tree in one language, labelled by where it comes from. */
function treeTexts(lang: keyof typeof MESSAGES): [string, string | undefined][] {
  const tree = MESSAGES[lang].wizardTree;
  const out: [string, string | undefined][] = [];
  for (const q of allQuestions()) {
    const qt = questionText(tree, q);
    out.push([`${q.id}.label`, qt.label], [`${q.id}.prompt`, qt.prompt], [`${q.id}.help`, qt.help]);
    for (const a of q.answers) {
      const at = answerText(tree, q, a);
      out.push([`${q.id}.${a.id}.label`, at.label], [`${q.id}.${a.id}.short`, at.short]);
    }
  }
  for (const l of allLeaves()) {
    const lt = leafText(tree, l);
    for (const k of ['title', 'reason', 'size', 'speed', 'accuracy', 'hardware'] as const)
      out.push([`${l.id}.${k}`, lt[k]]);
    if (l.prerequisite) out.push([`${l.id}.prerequisite`, lt.prerequisite]);
  }
  return out;
}

describe('wizard tree texts', () => {
  it('the tables hold every question, answer and leaf of the tree by id (no core fallback)', () => {
    for (const lang of ['en', 'zh-TW'] as const) {
      const tree = MESSAGES[lang].wizardTree;
      for (const q of allQuestions()) {
        expect(tree.questions, `${lang} ${q.id}`).toHaveProperty([q.id]);
        for (const a of q.answers) expect(tree.answers, `${lang} ${q.id}.${a.id}`).toHaveProperty([q.id, a.id]);
      }
      for (const l of allLeaves()) expect(tree.leaves, `${lang} ${l.id}`).toHaveProperty([l.id]);
    }
  });

  it('English is the core tree’s own text', () => {
    const q = allQuestions().find((x) => x.id === 'hardware')!;
    expect(questionText(MESSAGES.en.wizardTree, q).prompt).toBe(q.text);
    const l = allLeaves().find((x) => x.id === 'leaf-integer-needs-data')!;
    expect(leafText(MESSAGES.en.wizardTree, l).prerequisite).toBe(l.prerequisite);
  });

  it.each(['en', 'zh-TW'] as const)('%s has a non-empty text for every question, answer and leaf', (lang) => {
    for (const [where, text] of treeTexts(lang)) expect(text?.trim(), `${lang} ${where}`).toBeTruthy();
  });

  it('zh-TW texts are Chinese, not English copies, except identifiers', () => {
    const en = new Map(treeTexts('en'));
    for (const [where, text] of treeTexts('zh-TW')) {
      if (IDENTIFIERS.has(text ?? '')) continue;
      expect(text, `zh-TW ${where} has no CJK character`).toMatch(CJK);
      expect(text, `zh-TW ${where} copies English`).not.toBe(en.get(where));
    }
  });
});
