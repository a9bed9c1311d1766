import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatList } from './locale';
import { startTestI18n } from './test-i18n';

describe('formatList', () => {
  it('joins names as the shown language writes a list', async () => {
    startTestI18n('en');
    expect(formatList(['notes.txt', 'scan.pdf', 'a.gif'])).toBe('notes.txt, scan.pdf, and a.gif');
    await i18next.changeLanguage('zh-TW');
    expect(formatList(['notes.txt', 'scan.pdf', 'a.gif'])).toBe('notes.txt、scan.pdf和a.gif');
    expect(formatList(['notes.txt'])).toBe('notes.txt');
  });
});
