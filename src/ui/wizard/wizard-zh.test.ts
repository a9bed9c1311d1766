import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WizardBody } from './WizardBody';
import { startTestI18n } from '../i18n/test-i18n';

startTestI18n('zh-TW');

const noop = () => {};

describe('Wizard in zh-TW (static render)', () => {
  it('asks the questions, shows the path and the recommendation in Traditional Chinese', () => {
    const html = renderToStaticMarkup(
      createElement(WizardBody, {
        answers: { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'yes', priority: 'speed' },
        onAnswer: noop,
        tolerance: 0.5,
        onTolerance: noop,
        running: false,
        canRun: true,
        onRun: noop,
      }),
    );
    expect(html).toContain('模型會在哪裡執行？');
    expect(html).toMatch(/硬體：<strong>CPU<\/strong>/);
    expect(html).toContain('全整數量化（int8，浮點輸入與輸出）');
    expect(html).not.toContain('Where will the model run?');
    expect(html).not.toContain('lang="en"');
  });
});
