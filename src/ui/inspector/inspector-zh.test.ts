import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { tutorialFloatGraph } from '../../core/tflite/testing/graph-fixtures';
import { detectorLikeModel, edgeTpuLikeModel } from '../../core/tflite/testing/converter-fixtures';
import { writeTflite, writeTfliteModel } from '../../core/tflite/write-tflite';
import { planRun } from '../../core/tflite/run-plan';
import { startTestI18n } from '../i18n/test-i18n';
import { inspectFile } from './inspector-model';
import { InspectorView } from './InspectorView';
import { RunStatus } from './RunStatus';
import type { FileEvaluation } from './file-evaluation';

startTestI18n('zh-TW');

/** The visible text outside code, tags and parts marked lang="en" (the core's own English sentences). */
function translatedText(html: string): string {
  let out = html.replace(/<code>[^<]*<\/code>/g, ' ');
  // Innermost lang="en" elements first, until none is left.
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/<(\w+)[^>]*lang="en"[^>]*>[^<]*(?:<(?!\/?\1)[^<]*)*<\/\1>/g, ' ');
  }
  return out.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&quot;|&amp;/g, ' ');
}

/**
 * English words left (three letters or more), except identifiers: schema names (snake_case, ALL CAPS, *Options, option names),
 * the file's name,
 * tensor names of the fixture, and the few names the page keeps as they are.
 */
const KEPT = new Set([
  'KiB',
  'LiteRT',
  'TFLite',
  'TensorFlow',
  'MNIST',
  'Scale',
  'Schema',
  'signature',
  'true',
  'false',
  'padding',
  'beta',
  'p90',
  // dtypes, a layer and a function the run line names, and the Edge TPU's product and library names
  'float32',
  'uint8',
  'Keras',
  'softmax',
  'Edge',
  'Coral',
  'libedgetpu',
  // the file-name suffix edgetpu_compiler adds (_edgetpu)
  'edgetpu',
]);
const isIdentifier = (w: string) => /_|^[A-Z0-9]+$|Options$/.test(w) || KEPT.has(w);
const englishLeft = (text: string, names: readonly string[]) =>
  (text.replace(/(file:)?tutorial\.tflite|edgetpu-custom-op/g, ' ').match(/[A-Za-z][A-Za-z0-9_]{2,}/g) ?? []).filter(
    (w) => !isIdentifier(w) && !names.some((n) => n.includes(w)),
  );

describe('inspector in zh-TW (static render)', () => {
  const bytes = writeTflite(tutorialFloatGraph());
  const r = inspectFile(bytes, 'tutorial.tflite');
  if (!r.ok) throw new Error(r.message);
  const names = r.info.subgraphs.flatMap((sg) => sg.tensors.map((t) => t.name));

  it('the file view: summary, tables, metadata and histogram in Traditional Chinese', () => {
    const html = renderToStaticMarkup(
      createElement(InspectorView, { fileName: 'tutorial.tflite', bytes, info: r.info }),
    );
    for (const zh of ['檔案', '運算', '張量', '中繼資料', '權重直方圖', '型別', '形狀']) expect(html).toContain(zh);
    expect(englishLeft(translatedText(html), names)).toEqual([]);
  });

  /** RunStatus for the tutorial file with `evaluation`, as static markup. */
  const renderRun = (evaluation: FileEvaluation) =>
    renderToStaticMarkup(
      createElement(RunStatus, {
        loaded: { serial: 1, fileName: 'tutorial.tflite', bytes, info: r.info, plan: planRun(bytes, r.info) },
        evaluation,
        onCancel: () => undefined,
        onRange: () => undefined,
      }),
    );

  it('the run line (feed, why, output) and a finished evaluation in Traditional Chinese', () => {
    const html = renderRun({
      status: 'done',
      fileName: 'tutorial.tflite',
      result: {
        accuracy: 0.9812,
        count: 10000,
        engine: 'LiteRT.js (wasm)',
        latency: { medianMs: 0.41, p90Ms: 0.62, samples: 10000 },
        predictions: new Uint8Array(0),
        inputRange: '0-1',
      },
    });
    expect(html).toContain('輸入方式');
    expect(html).toContain('float32 [1, 28, 28, 1]，在 [0, 1] 之間（像素 / 255）');
    expect(html).toContain('10 個 softmax 分數（float32）');
    expect(html).toContain('準確率');
    expect(html).toContain('98');
    expect(englishLeft(translatedText(html), names)).toEqual([]);
  });

  it.each([
    ['edgetpu', edgeTpuLikeModel(), ['Edge TPU 模型', '2,048 位元組', 'Coral Edge TPU']],
    ['multi-io', detectorLikeModel(), ['類似物件偵測器的模型：4 個輸出', '4 個輸入']],
  ] as const)('a %s file that is not run is explained in Traditional Chinese', (kind, spec, zh) => {
    const file = writeTfliteModel(spec);
    const read = inspectFile(file, 'other.tflite');
    if (!read.ok) throw new Error(read.message);
    const html = renderToStaticMarkup(
      createElement(RunStatus, {
        loaded: { serial: 1, fileName: 'other.tflite', bytes: file, info: read.info, plan: planRun(file, read.info) },
        evaluation: { status: 'idle' },
        onCancel: () => undefined,
        onRange: () => undefined,
      }),
    );
    expect(html).toContain(`data-kind="${kind}"`);
    for (const text of zh) expect(html).toContain(text);
    expect(html).not.toContain('lang="en"');
    const opNames = read.info.subgraphs.flatMap((sg) => sg.tensors.map((t) => t.name));
    expect(englishLeft(translatedText(html), opNames)).toEqual([]);
  });

  it('a runtime failure with a coded problem is written in zh-TW; the frame names the file', () => {
    const html = renderRun({
      status: 'failed',
      fileName: 'tutorial.tflite',
      message: 'LiteRT.js rejected the model (run the model): no kernel for GELU version 2.',
      problem: { code: 'litert-no-kernel', stage: 'run the model', op: 'GELU', version: '2' },
    });
    expect(html).toContain('TFLite 執行環境無法執行 tutorial.tflite');
    expect(html).toContain('沒有 GELU 第 2 版的核心');
    expect(html).not.toContain('rejected the model');
  });
});
