import { randomWeights } from '../src/core/graph/random-weights';
import { rawPixelLinearFixture, tutorialFixture } from '../src/core/import/testing/fixture-models';
import { centroidClassifier } from '../src/core/tflite/testing/converter-fixtures';
import { loadMnistFromIdx } from '../src/node/mnist-node';
import { writeKerasH5 } from '../src/import/testing/keras-fixtures';
import { expect, openLab, parsePercent, test } from './fixtures';

/**
 * Bring your own model: the tutorial CNN saved as Keras 2 would write `model.save('x.h5')` (built here
 * with h5wasm, seeded weights) becomes the lab's model, survives a reload, and quantizes in LiteRT.js.
 */
test('imports a Keras .h5, keeps it across a reload, and quantizes it', async ({ page }) => {
  const h5 = await writeKerasH5(tutorialFixture(randomWeights('tutorial', 3)), 'keras2');
  await openLab(page, '?modes=float32,int8');

  await page
    .getByTestId('import-model')
    .setInputFiles({ name: 'broken.h5', mimeType: 'application/x-hdf5', buffer: Buffer.from('not an hdf5 file') });
  await expect(page.getByTestId('import-error')).toContainText('broken.h5');

  await page
    .getByTestId('import-model')
    .setInputFiles({ name: 'non_quantized.h5', mimeType: 'application/x-hdf5', buffer: Buffer.from(h5) });
  await expect(page.getByTestId('imported-summary')).toContainText('non_quantized.h5');
  await expect(page.getByTestId('imported-summary')).toContainText('20,410 parameters');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  const tfjs = parsePercent(await page.getByTestId('test-accuracy').innerText());

  await page.reload();
  await expect(page.getByTestId('imported-summary')).toContainText('non_quantized.h5', { timeout: 120_000 });
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });

  await page.getByTestId('quantize-run').click();
  await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 180_000 });
  const runtimeFloat = parsePercent(await page.getByTestId('runtime-accuracy-float32').innerText());
  // The same weights and float math in LiteRT.js: the imported model's TF.js score, within one image.
  expect(Math.abs(runtimeFloat - tfjs)).toBeLessThanOrEqual(0.0001 + 1e-9);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-int8').click()]);
  expect(download.suggestedFilename()).toBe('mnist-imported-int8.tflite');
});

/**
 * A model trained on raw 0..255 pixels with no Rescaling layer (the nearest-class-mean classifier of the
 * training images, built here): the page reads it with the x255 folded into its first layer and says so.
 */
test('a model trained on raw pixels imports, scores as on its own pixels, and the page says why', async ({ page }) => {
  const { train } = loadMnistFromIdx();
  const h5 = await writeKerasH5(rawPixelLinearFixture(centroidClassifier(train.images, train.labels)), 'keras2');
  await openLab(page);
  const file = { name: 'raw_pixels.h5', mimeType: 'application/x-hdf5', buffer: Buffer.from(h5) };
  // Read as [0, 1] pixels, as chosen: near chance, and nothing is folded.
  await page.getByTestId('import-pixels').selectOption('0-1');
  await page.getByTestId('import-model').setInputFiles(file);
  await expect(page.getByTestId('imported-summary')).toContainText('raw_pixels.h5', { timeout: 120_000 });
  await expect(page.getByTestId('imported-raw-pixels')).toHaveCount(0);
  expect(parsePercent(await page.getByTestId('test-accuracy').innerText())).toBeLessThan(0.5);
  // Automatic (the default): found to read raw pixels.
  await page.getByTestId('import-pixels').selectOption('auto');
  await page.getByTestId('import-model').setInputFiles(file);
  await expect(page.getByTestId('imported-raw-pixels')).toContainText('raw [0, 255]', { timeout: 120_000 });
  // The nearest class mean scores about 82% on MNIST; on [0, 1] pixels this file scored near chance.
  expect(parsePercent(await page.getByTestId('test-accuracy').innerText())).toBeGreaterThan(0.75);
});
