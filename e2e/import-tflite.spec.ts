import { tutorialConverterFile } from '../src/core/import/testing/converter-cnn';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { randomWeights } from '../src/core/graph/random-weights';
import { DEFAULT_RECIPE } from '../src/core/quant/recipe';
import { quantizeModel } from '../src/core/quant/quantize-graph';
import { writeTflite } from '../src/core/tflite/write-tflite';
import { expect, openLab, parsePercent, test } from './fixtures';

/**
 * A float32 .tflite shaped like TensorFlow's converter output (the tutorial CNN with the SHAPE batch chain)
 * becomes the lab's model and quantizes in LiteRT.js; an int8 file is refused with its sentence.
 */
test('imports a float32 .tflite and quantizes it; refuses a quantized one', async ({ page }) => {
  const weights = randomWeights('tutorial', 3);
  await openLab(page, '?modes=float32,int8');

  const images = Float32Array.from({ length: 8 * 784 }, (_, i) => (i % 89) / 89);
  const floatGraph = modelToGraph({ preset: 'tutorial', weights });
  const int8 = writeTflite(
    quantizeModel(floatGraph, images, { ...DEFAULT_RECIPE, mode: 'int8', calibrationSamples: 8 }).graph,
  );
  await page
    .getByTestId('import-model')
    .setInputFiles({ name: 'model_int8.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from(int8) });
  await expect(page.getByTestId('import-error')).toContainText('model_int8.tflite is already quantized');

  const file = tutorialConverterFile(weights);
  await page
    .getByTestId('import-model')
    .setInputFiles({ name: 'model.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await expect(page.getByTestId('imported-summary')).toContainText('model.tflite');
  await expect(page.getByTestId('imported-summary')).toContainText('20,410');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  const tfjs = parsePercent(await page.getByTestId('test-accuracy').innerText());

  await page.getByTestId('quantize-run').click();
  await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 180_000 });
  const runtimeFloat = parsePercent(await page.getByTestId('runtime-accuracy-float32').innerText());
  expect(Math.abs(runtimeFloat - tfjs)).toBeLessThanOrEqual(0.0001 + 1e-9);
});
