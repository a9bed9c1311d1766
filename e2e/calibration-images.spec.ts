import type { Page } from '@playwright/test';
import { imageToModelInput, stackModelInputs, type RgbaImage } from '../src/core/import/calibration-pixels';
import { outputAgreement } from '../src/core/eval/output-agreement';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { randomArchitectureWeights } from '../src/core/graph/random-weights';
import { runGraph } from '../src/core/graph/reference/run-graph';
import { writeTflite } from '../src/core/tflite/write-tflite';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { runTfliteOutputs } from '../src/runtime/litert-eval';
import { expect, openLab, parsePercent, test } from './fixtures';
import { rgbBlock } from '../src/core/model/testing/architectures';

/** A small MobileNet-like model on 32x32 RGB images, 5 classes: not MNIST, so the page asks for images. */
const RGB32 = rgbBlock({ size: 32, stride: 2, filters: 8, pointwise: 16, classes: 5 });

/** Smooth coloured patterns of different sizes (so the page resizes them), alpha opaque. */
function patterns(count: number): RgbaImage[] {
  return Array.from({ length: count }, (_, n) => {
    const width = 40 + 4 * n;
    const height = 36 + 2 * n;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 4;
        data[at] = 128 + 127 * Math.sin((x + n * 7) / (5 + n));
        data[at + 1] = 128 + 127 * Math.cos((y - n * 3) / (4 + n));
        data[at + 2] = ((x * y) / 3 + n * 40) % 256;
        data[at + 3] = 255;
      }
    return { width, height, data };
  });
}

/** The images encoded as PNG by the browser's own encoder (OffscreenCanvas.convertToBlob). */
async function encodePngs(page: Page, images: RgbaImage[]): Promise<Buffer[]> {
  const encoded = await page.evaluate(
    async (list) =>
      Promise.all(
        list.map(async ({ width, height, data }) => {
          const canvas = new OffscreenCanvas(width, height);
          canvas
            .getContext('2d')!
            .putImageData(new ImageData(new Uint8ClampedArray(data as number[]), width, height), 0, 0);
          const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
          return Array.from(bytes);
        }),
      ),
    images.map((i) => ({ width: i.width, height: i.height, data: Array.from(i.data) })),
  );
  return encoded.map((b) => Buffer.from(b));
}

/** Drops files on the calibration drop as a drag from the desktop would (a DataTransfer with Files). */
async function dropFiles(page: Page, files: { name: string; type: string; bytes: Buffer }[]) {
  const transfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      return dt;
    },
    files.map((f) => ({ name: f.name, type: f.type, bytes: Array.from(f.bytes) })),
  );
  await page.getByTestId('calibration-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a 32x32 RGB model is calibrated on dropped PNGs and scored by agreement with its float model', async ({
  page,
}) => {
  const model = {
    preset: 'imported' as const,
    architecture: RGB32,
    weights: randomArchitectureWeights(RGB32, 11, 0.2),
  };
  const file = writeTflite(modelToGraph(model));
  await openLab(page, '?modes=int8,float16,dynamic');

  await page
    .getByTestId('import-model')
    .setInputFiles({ name: 'rgb32.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await expect(page.getByTestId('imported-summary')).toContainText('rgb32.tflite');
  await expect(page.getByTestId('imported-summary')).toContainText('32×32×3');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('unlabelled-run')).toBeDisabled();

  // Bad input: a file that is not an image gives a sentence, and there is still nothing to run.
  const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') };
  await page.getByTestId('calibration-images').setInputFiles([notes]);
  await expect(page.getByTestId('calibration-error')).toContainText('None of the 1 chosen file(s)');
  await expect(page.getByTestId('calibration-ready')).toHaveCount(0);
  await expect(page.getByTestId('unlabelled-run')).toBeDisabled();

  // Six PNGs of other sizes and the text file, dropped together: the images are kept, the text file is named.
  const images = patterns(6);
  const pngs = await encodePngs(page, images);
  await dropFiles(page, [
    ...pngs.map((bytes, i) => ({ name: `photo-${i}.png`, type: 'image/png', bytes })),
    { name: 'notes.txt', type: 'text/plain', bytes: notes.buffer },
  ]);
  await expect(page.getByTestId('calibration-ready')).toHaveAttribute('data-count', '6');
  await expect(page.getByTestId('calibration-error')).toContainText('notes.txt');

  // A choice with no images afterwards keeps the six.
  await page.getByTestId('calibration-images').setInputFiles([notes]);
  await expect(page.getByTestId('calibration-error')).toContainText('the calibration images are unchanged');
  await expect(page.getByTestId('calibration-ready')).toHaveAttribute('data-count', '6');

  await page.getByTestId('unlabelled-run').click();
  await expect(page.locator('[data-testid="unlabelled-modes"][data-state="done"]')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('unlabelled-scored-by')).toContainText('agreement with the float model');
  for (const mode of ['int8', 'float16', 'dynamic']) {
    await expect(page.getByTestId(`unlabelled-error-${mode}`)).toHaveCount(0);
    await expect(page.getByTestId(`agreement-top1-${mode}`)).toContainText('%');
    await expect(page.getByTestId(`agreement-snr-${mode}`)).toContainText(/dB|identical/);
  }
  // The site is cross-origin isolated, so the lab worker runs LiteRT.js's threaded build (its pool started under the
  // site's CSP); float files on one thread, the others on every thread the pool has.
  await expect(page.getByTestId('unlabelled-latency-int8')).toHaveAttribute(
    'data-engine',
    /^LiteRT\.js [\d.]+ \(wasm relaxed-SIMD threaded, XNNPACK, \d+ threads?\)$/,
  );
  await expect(page.getByTestId('unlabelled-latency-float16')).toHaveAttribute(
    'data-engine',
    /threaded, XNNPACK, 1 thread\)$/,
  );
  const pageSnr = Number(await page.getByTestId('agreement-snr-int8').getAttribute('data-snr'));
  expect(pageSnr).toBeGreaterThan(15);
  expect(parsePercent(await page.getByTestId('agreement-top1-float16').innerText())).toBe(1);

  // The int8 download runs in LiteRT.js (here in Node) and agrees with the float model as the page said.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('unlabelled-download-int8').click(),
  ]);
  expect(download.suggestedFilename()).toBe('rgb32-int8.tflite');
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const int8 = new Uint8Array(Buffer.concat(chunks));
  const inputs = stackModelInputs(
    images.map((img) => imageToModelInput(img, RGB32.inputShape, '0-1')),
    RGB32.inputShape,
  );
  await loadLiteRtForNode();
  const ran = await runTfliteOutputs(int8, inputs.values, inputs.count);
  const reference = runGraph(modelToGraph(model), inputs.values, inputs.count).outputs;
  const agreement = outputAgreement(reference, ran.outputs, 5);
  expect(agreement.snrDb).toBeGreaterThan(15);
  // Same file, same images: the page's SNR (float reference in TF.js) is the one measured here.
  expect(Math.abs(agreement.snrDb - pageSnr)).toBeLessThan(0.5);
});
