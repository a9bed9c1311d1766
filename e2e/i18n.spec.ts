import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { tutorialConverterFile } from '../src/core/import/testing/converter-cnn';
import { randomWeights } from '../src/core/graph/random-weights';
import { detectorLikeModel } from '../src/core/tflite/testing/converter-fixtures';
import { writeTfliteModel } from '../src/core/tflite/write-tflite';
import { expect, openLab, test } from './fixtures';

/**
 * ASCII words that may stay in the zh-TW page: identifiers and units, never English prose. Each entry is
 * a mode or dtype, a file format or file name part, a product or engine name, an op or layer name, or a unit.
 */
const ALLOWED = new Set([
  // modes, dtypes and their parts (int8-io, int16x8, 16x8)
  ...[
    'int8',
    'int16',
    'int4',
    'float16',
    'float32',
    'io',
    'x8',
    'int16x8',
    'dynamic',
    'qat',
    'mixed',
    'Float32',
    'Float16',
  ],
  // files and formats
  ...[
    'tflite',
    'json',
    'report',
    'zip',
    'gzip',
    'DEFLATE',
    'Keras',
    'h5',
    'keras',
    'model',
    'bin',
    'mnist',
    'tutorial',
  ],
  // products, engines, libraries and papers
  ...['MNIST', 'Fashion', 'CNN', 'TFLite', 'TensorFlow', 'Lite', 'LiteRT', 'js', 'TF', 'WebGPU', 'WebAssembly'],
  ...['SIMD', 'JavaScript', 'CPU', 'GPU', 'WASM', 'XNNPACK', 'Micro', 'Edge', 'TPU', 'MobileNet', 'TFMOT'],
  ...['Model', 'Optimization', 'QuantizationDebugger', 'AdaRound', 'Nagel', 'Adam', 'adam', 'sgd', 'App'],
  ...['tfjs', 'wasm', 'webgl', 'cpu', 'webgpu'],
  // ops, layers and their building blocks
  ...[
    'QUANTIZE',
    'DEQUANTIZE',
    'CONV_2D',
    'DEPTHWISE_CONV_2D',
    'FULLY_CONNECTED',
    'MAX_POOL_2D',
    'RESHAPE',
    'SOFTMAX',
    'ReLU',
    'ReLU6',
    'conv',
    'pool',
  ],
  ...['conv2d', 'dense', 'kernel', 'sparsity', 'INT4', 'QAT', 'I', 'O', 'CLE', 'MSE', 'CDF', 'RMSE', 'SNR', 'Scale'],
  ...['scale', 'Op', 'op', 'epoch', 'p90', 'PolynomialDecay', 'ConstantSparsity', 'x', 'e', 'N', 'Arena', 'arena'],
  // the engine description LiteRT.js reports, e.g. "LiteRT.js 2.5.3 (wasm relaxed-SIMD, XNNPACK, 1 thread)"
  ...['relaxed', 'thread'],
  // the C language (TFLite Micro's C source download)
  'C',
  // the technical terms per-channel and per-tensor, which zh-TW writing keeps beside their translation
  ...['per', 'channel', 'tensor'],
  // key names on the keyboard
  ...['Enter', 'Tab', 'Shift', 'Esc', 'Escape', 'Space'],
  // tensor types as the .tflite schema spells them
  ...['FLOAT16', 'FLOAT32', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8'],
  // units
  ...['KiB', 'MiB', 'GiB', 'KB', 'MB', 'B', 'ms', 'dB', 'RAM', 'flash', 'Flash', 'log10'],
]);

/**
 * The visible text of the page outside elements marked lang="en" (core sentences shown in English on purpose)
 * and translate="no" (identifiers only, such as the graph view's op and layer names).
 */
async function visibleTranslatedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[lang="en"], [translate="no"], script, style, code, option')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      parts.push(n.textContent ?? '');
    }
    return parts.join('\n');
  });
}

/** ASCII words of `text` that are not allowed identifiers (file names and numbers are skipped). */
function englishLeft(text: string): string[] {
  // File names, and kernel sizes such as 3x3, are identifiers as a whole.
  const withoutFiles = text
    .replace(/[\w.-]+\.(tflite|json|zip|h5|keras|bin|qlm|cc|h)\b/g, ' ')
    .replace(/\b\d+x\d+\b/g, ' ');
  const words = withoutFiles.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w)))];
}

/** The text of `element` outside lang="en", translate="no" and code parts (as visibleTranslatedText). */
async function translatedTextOf(element: Locator): Promise<string> {
  return element.evaluate((root) => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[lang="en"], [translate="no"], code')) continue;
      parts.push(n.textContent ?? '');
    }
    return parts.join('\n');
  });
}

/** `element` shows text in zh-TW (CJK characters) with no English word left (identifiers excepted). */
async function expectChinese(element: Locator): Promise<void> {
  await expect(element).toBeVisible();
  expect(await element.locator('[lang="en"]').count(), 'parts marked English').toBe(0);
  const text = await translatedTextOf(element);
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(englishLeft(text), `English words left in: ${text}`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // The results table with its float reference line: small enough for the README (under 300 KB).
  await page
    .locator('.results-table-wrap')
    .first()
    .screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * An accessibility scan (axe-core, WCAG 2.1 A and AA rules) of the page as it is: run once the model is
 * trained and quantized, in each language (it was its own a11y.spec.ts journey per language).
 */
async function expectNoAxeViolations(page: Page, lang: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')}`,
  );
  expect(violations, `axe violations (${lang})`).toEqual([]);
}

/** Train one epoch on a subset and quantize the default modes, through data-testids only. */
async function trainAndQuantize(page: Page): Promise<void> {
  await page.getByTestId('setting-trainLimit').fill('2000');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('quantize-run').click();
  await expect(page.getByTestId('result-row-int16x8')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('quantize-progress')).toHaveCount(0, { timeout: 60_000 });
}

test.describe('two languages', () => {
  test.setTimeout(480_000);

  test('the zh-TW journey trains, quantizes and downloads with no English UI text left', async ({ page }) => {
    await openLab(page, '?lang=zh-TW');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('量化實驗室');
    await trainAndQuantize(page);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-int8').click()]);
    expect(file.suggestedFilename()).toBe('mnist-tutorial-int8.tflite');
    const left = englishLeft(await visibleTranslatedText(page));
    expect(left, 'English words left in the zh-TW page').toEqual([]);
    await screenshot(page, 'quantize-zh-TW');
  });

  test('core sentences in zh-TW: an invalid setting, a bad model import, a corrupt .tflite in the inspector, a deployment reason', async ({
    page,
  }) => {
    await openLab(page, '?lang=zh-TW&modes=float16');
    // An invalid setting: the form's field name and what it accepts, in zh-TW.
    const epochs = page.getByTestId('setting-epochs');
    await epochs.fill('0');
    const settingsProblems = page.getByTestId('settings-problems');
    await expect(settingsProblems).toContainText('1 到 100');
    await expectChinese(settingsProblems);
    await epochs.fill('1');
    await expect(settingsProblems).toHaveCount(0);

    const importError = page.getByTestId('import-error');
    const choose = (name: string, bytes: Uint8Array) =>
      page
        .getByTestId('import-model')
        .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

    // Not a model file at all.
    await choose('junk.h5', new TextEncoder().encode('this is not a model, only some text'));
    await expect(importError).toContainText('junk.h5');
    await expectChinese(importError);

    // A TF.js weight stored quantized: named, in zh-TW.
    const tfjs = {
      modelTopology: { class_name: 'Sequential', config: { layers: [] } },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [2], dtype: 'float16' }] }],
    };
    await page.getByTestId('import-model').setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tfjs)) },
      { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(8) },
    ]);
    await expect(importError).toContainText('dense/kernel');
    await expectChinese(importError);

    // A damaged .keras zip: the sentence in zh-TW, the unzipper's own message after it the only part marked English.
    await choose('broken.keras', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(60).fill(9)]));
    await expect(importError).toContainText('broken.keras');
    await expect(importError.locator('[lang="en"]')).toHaveCount(1);
    const zipText = await translatedTextOf(importError);
    expect(zipText).toMatch(/[\u4e00-\u9fff]/);
    expect(englishLeft(zipText), zipText).toEqual([]);

    // A converter .tflite cut in half: the reader's own problem, in zh-TW, with the place in the file as code.
    const file = tutorialConverterFile(randomWeights('tutorial', 3));
    const half = file.subarray(0, file.length >> 1);
    await choose('half.tflite', half);
    await expect(importError).toContainText('half.tflite');
    await expectChinese(importError);

    // The same corrupt file in the inspector.
    await page.getByTestId('inspector-drop').setInputFiles({
      name: 'half.tflite',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(half),
    });
    const inspectorError = page.getByTestId('inspector-error');
    await expect(inspectorError).toContainText('half.tflite');
    await expectChinese(inspectorError);

    // A float16 file cannot run on TFLite Micro (DEQUANTIZE from FLOAT16): the deployment check says why.
    await choose('model.tflite', file);
    await expect(page.getByTestId('imported-summary')).toContainText('model.tflite');
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('runtime-accuracy-float16')).toBeVisible({ timeout: 180_000 });
    const reasons = page.getByTestId('deploy-reasons');
    await expect(reasons).toContainText('DEQUANTIZE');
    await expectChinese(reasons);
    await expect(page.getByTestId('deploy-fits-float16')).toHaveText('無法執行');
  });

  test('panel sentences in zh-TW: a compression setting the stages refuse, a file the inspector does not run', async ({
    page,
  }) => {
    // One cluster is within the field's bounds (0 to 256) but clustering needs at least two: the stage's own check.
    await openLab(page, '?lang=zh-TW&cl=1');
    const pruneProblem = page.getByTestId('prune-problem');
    await expect(pruneProblem).toContainText('2 到 256');
    await expectChinese(pruneProblem);

    // A detector-like file: what it is and why the lab does not score it, written from the core's data.
    await page.getByTestId('inspector-drop').setInputFiles({
      name: 'detector.tflite',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(writeTfliteModel(detectorLikeModel())),
    });
    const notRun = page.getByTestId('inspector-no-mnist');
    await expect(notRun).toHaveAttribute('data-kind', 'multi-io');
    await expect(notRun).toContainText('類似物件偵測器的模型：4 個輸出');
    await expectChinese(notRun);
  });

  test('the language switch follows <html lang>, survives a reload and keeps the model and results; no axe violations in either language', async ({
    page,
  }) => {
    await openLab(page, '?lang=en&limit=1000&modes=int8');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 180_000 });
    const accuracy = await page.getByTestId('test-accuracy').innerText();
    const int8 = await page.getByTestId('runtime-accuracy-int8').innerText();
    await screenshot(page, 'quantize-en');
    await expectNoAxeViolations(page, 'en');

    await page.getByTestId('lang-select').selectOption('zh-TW');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(page).toHaveURL(/[?&]lang=zh-TW/);
    await expect(page.getByTestId('train-start')).toHaveText('重新訓練');
    // Switching language is a re-render, not a reload: the trained model and the measured results stay.
    await expect(page.getByTestId('test-accuracy')).toHaveText(accuracy);
    await expect(page.getByTestId('runtime-accuracy-int8')).toHaveText(int8);
    await expectNoAxeViolations(page, 'zh-TW');

    // Reload without the URL parameter: the remembered choice (localStorage) wins over the browser's English.
    await page.goto('/?limit=1000&modes=int8');
    await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(page).toHaveURL(/[?&]lang=zh-TW/);
    await expect(page.getByTestId('lang-select')).toHaveValue('zh-TW');
    await expect(page.getByTestId('test-accuracy')).toHaveText(accuracy);

    // And back: the URL carries English again.
    await page.getByTestId('lang-select').selectOption('en');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('train-start')).toHaveText('Train again');
  });
});
