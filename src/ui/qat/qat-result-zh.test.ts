import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { englishQatLine, type QatSummaryLine } from '../../core/qat/explain-qat';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { startTestI18n } from '../i18n/test-i18n';
import { QatResult } from './QatPanel';

startTestI18n('zh-TW');

const lines: QatSummaryLine[] = [
  { code: 'qat-trained', epochs: 2, images: 120000 },
  { code: 'qat-kernel', name: 'conv2d_0/kernel', moved: '3.4 %', codesChanged: '12.5 %' },
  { code: 'qat-accuracy', before: '98.12 %', after: '98.40 %', simulated: '98.35 %' },
];

/** The result of a QAT run as a kept run holds it: `summary` always, `summary_lines` only from newer versions. */
function render(summary: string[], summaryLines?: QatSummaryLine[]): string {
  const entry = {
    mode: 'qat',
    accuracy: 0.984,
    qat: { summary, ...(summaryLines && { summary_lines: summaryLines }) },
  } as unknown as MeasuredMode['entry'];
  return renderToStaticMarkup(createElement(QatResult, { outcome: { entry } as MeasuredMode }));
}

describe('the QAT summary in zh-TW', () => {
  const english = lines.map(englishQatLine);
  it('is written from summary_lines', () => {
    const html = render(english, lines);
    expect(html).toContain('量化感知訓練把浮點權重微調了 2 個 epoch');
    expect(html).not.toContain('lang="en"');
  });

  it('an older run without summary_lines is read back from its English sentences', () => {
    const html = render(english);
    expect(html).toContain('量化感知訓練把浮點權重微調了 2 個 epoch');
    expect(html).toContain('conv2d_0/kernel：權重移動了 3.4 %');
    expect(html).not.toContain('lang="en"');
  });

  it('sentences the core does not write stay English, under a note that says so', () => {
    const html = render([...english, 'QAT used an older rounding.']);
    expect(html).toContain('這次執行是由較舊版本的實驗室保存的，它的摘要只有英文');
    expect(html).toMatch(/<ul class="qat-summary" lang="en">.*QAT used an older rounding\./);
  });
});
