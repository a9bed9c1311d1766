import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectTflite } from '../src/core/tflite/inspect-tflite';
import {
  castUint8Classifier,
  centroidClassifier,
  detectorLikeModel,
  dynamicBatchClassifier,
  edgeTpuLikeModel,
} from '../src/core/tflite/testing/converter-fixtures';
import { writeTfliteModel } from '../src/core/tflite/write-tflite';
import { loadMnistFromIdx } from '../src/node/mnist-node';
import { expect, openLab, parsePercent, test } from './fixtures';

const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });

test.describe('tflite inspector', () => {
  test('rejects corrupt files with a clear error, then shows a valid file’s graph and runtime accuracy', async ({
    page,
  }) => {
    // A briefly trained model, quantized to int8 only, gives a real .tflite to download.
    await openLab(page, '?limit=2000&modes=int8');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 180_000 });
    const runtimeAccuracy = parsePercent(await page.getByTestId('runtime-accuracy-int8').innerText());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-int8').click()]);
    const valid = await readFile(await download.path());
    expect(valid.subarray(4, 8).toString('latin1')).toBe('TFL3');

    const drop = page.getByTestId('inspector-drop');
    const error = page.getByTestId('inspector-error');

    // Not a FlatBuffer at all.
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256));
    await drop.setInputFiles(file('noise.tflite', noise));
    await expect(error).toContainText('noise.tflite');
    await expect(error).toContainText(/not a readable \.tflite model/);

    // Dropping onto the panel works the same way as choosing a file.
    const dataTransfer = await page.evaluateHandle(
      (bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], 'dropped.tflite'));
        return dt;
      },
      [...noise.subarray(0, 64)],
    );
    await page.getByTestId('inspector').dispatchEvent('drop', { dataTransfer });
    await expect(error).toContainText('dropped.tflite');

    // A real model cut in half: offsets now point past the end.
    await drop.setInputFiles(file('half.tflite', valid.subarray(0, valid.length >> 1)));
    await expect(error).toContainText('half.tflite');
    await expect(error).toContainText(/not a readable \.tflite model/);
    await expect(page.getByTestId('inspector-ops')).toHaveCount(0);

    // The right identifier is checked too.
    const wrongId = Buffer.from(valid);
    wrongId.write('XXXX', 4, 'latin1');
    await drop.setInputFiles(file('wrong-id.tflite', wrongId));
    await expect(error).toContainText('wrong-id.tflite');
    await expect(error).toContainText(/identifier "XXXX"/);

    // The panel still works: the valid file shows its graph and is scored in the runtime.
    await drop.setInputFiles(file('lab-int8.tflite', valid));
    await expect(error).toHaveCount(0);
    const ops = page.getByTestId('inspector-ops');
    await expect(ops).toContainText('CONV_2D');
    await expect(ops).toContainText('FULLY_CONNECTED');
    await expect(page.getByTestId('inspector-tensors')).toContainText('INT8');
    await expect(page.getByTestId('inspector-summary')).toContainText('lab-int8.tflite');
    await expect(page.getByTestId('inspector-histogram')).toBeVisible();
    const accuracy = page.getByTestId('inspector-accuracy');
    await expect(accuracy).toBeVisible({ timeout: 120_000 });
    await expect(accuracy).toContainText('10,000 test images');
    const inspectedAccuracy = parsePercent(await accuracy.innerText());
    expect(Math.abs(inspectedAccuracy - runtimeAccuracy)).toBeLessThanOrEqual(0.01);
    await expect(page.getByTestId('inspector-feed')).toContainText('float32 [1, 28, 28, 1] in [0, 1]');
    // The scored file joins the results table beside the lab's own files.
    await expect(page.getByTestId('runtime-accuracy-file:lab-int8.tflite')).toHaveText(
      await page.getByTestId('runtime-accuracy-int8').innerText(),
    );
    // The same bytes: the gzip size the runtime worker took equals the one the lab worker took at conversion.
    const gzip = await page.getByTestId('gzip-bytes-int8').textContent();
    expect(gzip).toMatch(/^[\d,]+ B/);
    await expect(page.getByTestId('gzip-bytes-file:lab-int8.tflite')).toHaveText(gzip!);
  });
});

test.describe('files in the shapes TensorFlow’s converter writes', () => {
  // A real MNIST classifier (nearest class mean of the training images) in converter-shaped files.
  const classifier = (() => {
    const { train } = loadMnistFromIdx();
    return centroidClassifier(train.images, train.labels);
  })();
  const model = (bytes: Uint8Array) => Buffer.from(bytes);

  test('dynamic batch, raw uint8 + CAST, Edge TPU and detector files: run, pinned, fed or explained', async ({
    page,
  }) => {
    await openLab(page);
    const drop = page.getByTestId('inspector-drop');
    const accuracy = page.getByTestId('inspector-accuracy');
    const feed = page.getByTestId('inspector-feed');

    // Dynamic batch: run from a pinned copy, which can be downloaded.
    await drop.setInputFiles(file('dynamic.tflite', model(writeTfliteModel(dynamicBatchClassifier(classifier)))));
    await expect(feed).toContainText('float32 [1, 28, 28, 1] in [0, 1]');
    await expect(page.getByTestId('inspector-pinned')).toContainText('pinned to 1 on 5 tensor(s)');
    await expect(accuracy).toContainText('10,000 test images', { timeout: 120_000 });
    const floatAccuracy = parsePercent(await accuracy.innerText());
    expect(floatAccuracy).toBeGreaterThan(0.75);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('inspector-pinned-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('dynamic.batch1.tflite');
    const pinned = inspectTflite(new Uint8Array(await readFile(await download.path())));
    expect(pinned.subgraphs[0]!.tensors.filter((t) => t.shapeSignature?.[0] === -1)).toEqual([]);

    // The user may feed [0, 255] instead; the page says which range ran.
    await page.getByTestId('inspector-range').selectOption('0-255');
    await expect(feed).toHaveAttribute('data-range', '0-255');
    await expect(accuracy).toContainText('10,000 test images', { timeout: 120_000 });
    expect(parsePercent(await accuracy.innerText())).toBeLessThan(floatAccuracy - 0.05);
    await page.getByTestId('inspector-range').selectOption('0-1');
    await expect(accuracy).toContainText('10,000 test images', { timeout: 120_000 });
    expect(parsePercent(await accuracy.innerText())).toBe(floatAccuracy);

    // The scored file joins the confusion matrix and the drawing.
    await expect(page.getByTestId('confusion-mode')).toContainText('file:dynamic.tflite');
    await expect(page.getByTestId('draw-canvas')).toBeVisible();

    // Raw uint8 pixels, cast and scaled inside the model.
    await drop.setInputFiles(file('cast.tflite', model(writeTfliteModel(castUint8Classifier(classifier)))));
    await expect(feed).toContainText('uint8 [1, 28, 28] raw pixels 0..255, no quantization parameters');
    await expect(accuracy).toContainText('10,000 test images', { timeout: 120_000 });
    expect(parsePercent(await accuracy.innerText())).toBe(floatAccuracy);
    await expect(page.getByTestId('inspector-ops')).toContainText(
      'CastOptions: in_data_type UINT8, out_data_type FLOAT32',
    );

    // An Edge TPU file and a detector: explained, not run, no error styling.
    const notRun = page.getByTestId('inspector-no-mnist');
    await drop.setInputFiles(file('model_edgetpu.tflite', model(writeTfliteModel(edgeTpuLikeModel()))));
    await expect(notRun).toHaveAttribute('data-kind', 'edgetpu');
    await expect(notRun).toContainText('Coral Edge TPU and its delegate');
    await expect(page.getByTestId('inspector-ops')).toContainText('custom options, 2,048 bytes');
    await drop.setInputFiles(file('detector.tflite', model(writeTfliteModel(detectorLikeModel()))));
    await expect(notRun).toHaveAttribute('data-kind', 'multi-io');
    await expect(notRun).toContainText('A detector-like model: 4 outputs');
    await expect(page.getByTestId('inspector-ops')).toContainText('AddOptions: fused_activation_function RELU6');
    await expect(page.getByTestId('inspector').locator('.error')).toHaveCount(0);
    await expect(page.getByTestId('inspector-warnings')).toHaveCount(0);
    await expect(page.getByTestId('inspector-remarks')).toContainText('CONVERSION_METADATA');
  });

  test('a file the runtime rejects gets a sentence, never an internal source path', async ({ page }) => {
    await openLab(page);
    // A classifier whose dense layer expects 700 values after a 784-value input: it cannot be laid out.
    const spec = castUint8Classifier(classifier);
    const dense = spec.tensors.findIndex((t) => t.name === 'sequential/dense/MatMul');
    spec.tensors[dense] = { ...spec.tensors[dense]!, shape: [10, 700], data: new Uint8Array(7000 * 4) };
    await page.getByTestId('inspector-drop').setInputFiles(file('broken.tflite', model(writeTfliteModel(spec))));
    const error = page.getByTestId('inspector-error');
    await expect(error).toContainText('The TFLite runtime could not run broken.tflite: LiteRT.js rejected the model', {
      timeout: 120_000,
    });
    await expect(error).not.toContainText('third_party');
    await expect(error).not.toContainText(/\.(h|cc):\d+/);
  });
});

// Opt-in: `TFLITE_CORPUS=DIR` runs every .tflite in DIR (e.g. public converter files, never committed) through
// the page, as `npm run corpus -- DIR` does in Node, and prints one line per file.
test.describe('a folder of real .tflite files', () => {
  const dir = process.env.TFLITE_CORPUS;
  test.skip(!dir, 'set TFLITE_CORPUS to a folder of .tflite files');

  test('every file is scored or explained, none opens under warnings or errors', async ({ page }) => {
    test.setTimeout(30 * 60_000);
    await openLab(page);
    const names = (await readdir(dir!)).filter((n) => n.endsWith('.tflite')).sort();
    const outcome = page.locator(
      '[data-testid="inspector-accuracy"], [data-testid="inspector-no-mnist"], [data-testid="inspector-error"]',
    );
    for (const name of names) {
      await page.getByTestId('inspector-drop').setInputFiles(file(name, await readFile(join(dir!, name))));
      await expect(page.getByTestId('inspector-summary')).toContainText(name);
      await expect(outcome).toBeVisible({ timeout: 300_000 });
      // Not-run files have no feed line: count first, innerText would wait for one.
      const feedLine = page.getByTestId('inspector-feed');
      const feed = (await feedLine.count()) > 0 ? await feedLine.innerText() : '';
      console.log(`${name} | ${(await outcome.innerText()).split('\n')[0]} | ${feed.split('. Why')[0]}`);
      await expect(page.getByTestId('inspector-error')).toHaveCount(0);
      await expect(page.getByTestId('inspector-warnings')).toHaveCount(0);
    }
  });
});
