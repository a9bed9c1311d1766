/**
 * Server-side render of the results components (no DOM needed): checks the data-testid contract the
 * e2e tests rely on and the numbers learners read. Charts are only checked to render without throwing.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LabReport } from '../../core/report/report';
import { DownloadAll } from './DownloadAll';
import { ResultsCharts } from './ResultsCharts';
import { ResultsTable } from './ResultsTable';
import { WeightHistogram } from './WeightHistogram';
import { startTestI18n } from '../i18n/test-i18n';

startTestI18n();

const ENGINE = 'LiteRT.js 2.5.3 (wasm, XNNPACK)';
const REPORT: LabReport = {
  tool: 'quantization-lab',
  version: 1,
  created: '2025-01-02T03:04:05.000Z',
  preset: 'tutorial',
  seed: 1,
  settings: {},
  float: { test_accuracy: 0.9812, params: 20410, train_seconds: 20, epochs: 1, train_images: 60000, backend: 'webgl' },
  modes: [
    {
      mode: 'float32',
      file: 'mnist-tutorial-float32.tflite',
      bytes: 84688,
      accuracy: 0.9812,
      accuracy_engine: ENGINE,
      latency: { median_ms: 0.21, p90_ms: 0.3, samples: 100 },
    },
    {
      mode: 'int8',
      file: 'mnist-tutorial-int8.tflite',
      bytes: 24192,
      accuracy: 0.9787,
      accuracy_engine: ENGINE,
      simulated_accuracy: 0.9788,
      simulation_agreement: 0.9991,
    },
    { mode: 'int16x8', file: '', bytes: 26000, accuracy: 0.9815, accuracy_engine: 'lab reference interpreter' },
  ],
};
const FILES = { float32: new Uint8Array(8), int8: new Uint8Array(4) };

const row = (html: string, mode: string) => {
  const m = html.match(new RegExp(`<tr data-testid="result-row-${mode}">(.*?)</tr>`));
  expect(m, `row ${mode}`).not.toBeNull();
  return m![1];
};

describe('ResultsTable', () => {
  const html = renderToStaticMarkup(createElement(ResultsTable, { report: REPORT, files: FILES }));

  it('has the table and one row per mode', () => {
    expect(html).toContain('data-testid="results-table"');
    expect(html.match(/data-testid="result-row-/g)).toHaveLength(3);
  });

  it.each<[string, string[]]>([
    ['float32', ['84,688 B', '82.7 KiB', '1.00×', '98.12%', '±0.00 pp', '0.210 ms / 0.300 ms', ENGINE]],
    ['int8', ['24,192 B', '0.29×', '97.87%', '−0.25 pp', '97.88%', '99.91% agree', ENGINE]],
    ['int16x8', ['+0.03 pp', 'lab reference interpreter']],
  ])('row %s shows its numbers and engine', (mode, texts) => {
    const r = row(html, mode);
    for (const t of texts) expect(r).toContain(t);
  });

  it('enables download only where bytes exist', () => {
    expect(row(html, 'int8')).toMatch(/<button[^>]*data-testid="download-int8"(?![^>]*disabled)[^>]*>/);
    expect(row(html, 'int16x8')).toMatch(/<button[^>]*data-testid="download-int16x8"[^>]*disabled/);
  });

  it('names the float reference engine', () => expect(html).toMatch(/98\.12%.*measured in TF\.js \(webgl\)/s));
});

describe('other results components render', () => {
  it('DownloadAll counts available files and names the missing ones', () => {
    const html = renderToStaticMarkup(createElement(DownloadAll, { report: REPORT, files: FILES }));
    expect(html).toContain('data-testid="download-all"');
    expect(html).toContain('Download all (2 .tflite + report.json)');
    expect(html).toContain('int16x8');
  });

  it('ResultsCharts and WeightHistogram do not throw', () => {
    expect(() => renderToStaticMarkup(createElement(ResultsCharts, { report: REPORT }))).not.toThrow();
    const w = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i) / 4);
    const html = renderToStaticMarkup(
      createElement(WeightHistogram, {
        layers: [{ name: 'conv2d/kernel', float: w, quantized: w.map((v) => Math.round(v * 64) / 64) }],
      }),
    );
    expect(html).toContain('data-testid="weight-histogram"');
    expect(html).toContain('conv2d/kernel (100 weights)');
  });
});
