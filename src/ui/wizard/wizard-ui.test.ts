import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ModeReport } from '../../core/report/report';
import { Wizard } from './Wizard';
import { WizardBody, type WizardBodyProps } from './WizardBody';
import { startTestI18n } from '../i18n/test-i18n';

startTestI18n();

const noop = () => {};
const CPU_INT8 = { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'yes', priority: 'speed' };
const r = (mode: string, accuracy: number, bytes: number, median_ms: number): ModeReport => ({
  mode,
  file: `${mode}.tflite`,
  bytes,
  accuracy,
  accuracy_engine: 'test',
  latency: { median_ms, p90_ms: median_ms, samples: 10 },
});

function body(p: Partial<WizardBodyProps>): string {
  return renderToStaticMarkup(
    createElement(WizardBody, {
      answers: {},
      onAnswer: noop,
      tolerance: 0.5,
      onTolerance: noop,
      running: false,
      canRun: true,
      onRun: noop,
      ...p,
    }),
  );
}

describe('Wizard UI (static render)', () => {
  it('starts closed with an open button', () => {
    const html = renderToStaticMarkup(createElement(Wizard, { running: false, canRun: true, onRun: noop }));
    expect(html).toContain('data-testid="wizard-open"');
    expect(html).not.toContain('wizard-body');
  });

  it('asks the first question as a radio group', () => {
    const html = body({});
    expect(html).toContain('data-testid="wizard-q-optimize"');
    expect(html).toContain('data-testid="wizard-a-optimize-yes"');
    expect(html).toContain('data-testid="wizard-tolerance"');
    expect(html).not.toContain('wizard-recommendation');
  });

  it('shows the path, the recommendation and the run button once answered', () => {
    const html = body({ answers: CPU_INT8 });
    expect(html).toContain('data-testid="wizard-path"');
    expect(html).toMatch(/Hardware: <strong>CPU<\/strong>/);
    expect(html).toMatch(/data-testid="wizard-recommendation" data-mode="int8"/);
    expect(html).toMatch(/data-testid="wizard-run"[^>]*>Run int8 on my model \(with float32, dynamic, and int16x8\)/);
    expect(html).not.toContain('wizard-results');
  });

  it('disables the run button until a model exists', () => {
    expect(body({ answers: CPU_INT8, canRun: false })).toMatch(/<button data-testid="wizard-run" disabled=""/);
  });

  it('shows measured results with the recommended row highlighted and the findings', () => {
    const html = body({
      answers: CPU_INT8,
      floatAccuracy: 0.98,
      measured: [r('float32', 0.98, 84_688, 0.4), r('int8', 0.96, 24_640, 0.6), r('dynamic', 0.979, 24_096, 0.3)],
    });
    expect(html).toContain('data-testid="wizard-results"');
    expect(html).toMatch(/data-testid="wizard-row-int8" class="wizard-recommended"/);
    expect(html).toMatch(/data-testid="wizard-row-int16x8"[^]*not measured/);
    expect(html).toMatch(/data-severity="warn" data-code="accuracy-drop"/);
    expect(html).toMatch(/data-severity="warn" data-code="speed-slower"/);
  });
});
