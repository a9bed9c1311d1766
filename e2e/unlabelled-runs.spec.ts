import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { encodePng } from '../src/core/import/png';
import type { RgbaImage } from '../src/core/import/calibration-pixels';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { randomArchitectureWeights } from '../src/core/graph/random-weights';
import type { LabReport } from '../src/core/report/report';
import { writeTflite } from '../src/core/tflite/write-tflite';
import { expect, openLab, parsePercent, test } from './fixtures';
import { rgbBlock } from '../src/core/model/testing/architectures';

/** A 64x64 RGB model, large enough that five modes over 40 images take a while: the run can be cancelled. */
const RGB64 = rgbBlock({ size: 64, stride: 1, filters: 16, pointwise: 32, classes: 6 });
const MODES = ['int8', 'float16', 'dynamic', 'int8-io', 'int16x8'];

/** Coloured patterns of several sizes, as PNG files written by the lab's encoder. */
function pngs(count: number): { name: string; mimeType: string; buffer: Buffer }[] {
  return Array.from({ length: count }, (_, n) => {
    const width = 48 + n;
    const height = 40 + 2 * n;
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        data.set(
          [
            128 + 127 * Math.sin((x + n) / (4 + (n % 5))),
            128 + 127 * Math.cos(y / (3 + (n % 7))),
            (x * y + n) % 256,
            255,
          ],
          (y * width + x) * 4,
        );
    const image: RgbaImage = { width, height, data };
    return { name: `photo-${n}.png`, mimeType: 'image/png', buffer: Buffer.from(encodePng(image)) };
  });
}

const runRows = (page: Page) => page.getByTestId('runs-list').getByTestId('run-row');
const unlabelled = (page: Page, state: string) =>
  page.locator(`[data-testid="unlabelled-modes"][data-state="${state}"]`);

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

test('a non-MNIST quantization is cancelled and recovers, is kept as a run by agreement, and survives a reload', async ({
  page,
}) => {
  const model = { preset: 'imported' as const, architecture: RGB64, weights: randomArchitectureWeights(RGB64, 3, 0.2) };
  await openLab(page, `?modes=${MODES.join(',')}`);
  await page.getByTestId('import-model').setInputFiles({
    name: 'rgb64.tflite',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(writeTflite(modelToGraph(model))),
  });
  await expect(page.getByTestId('imported-summary')).toContainText('64×64×3');
  await expect(page.getByTestId('calibration-again')).toHaveCount(0);
  await page.getByTestId('calibration-images').setInputFiles(pngs(40));
  await expect(page.getByTestId('calibration-ready')).toHaveAttribute('data-count', '40');

  // Cancel while the run is under way: the page says so, nothing is recorded, and the buttons come back.
  await page.getByTestId('unlabelled-run').click();
  await expect(page.getByTestId('unlabelled-progress')).toBeVisible();
  await page.getByTestId('unlabelled-cancel').click();
  await expect(unlabelled(page, 'cancelled')).toBeVisible();
  await expect(page.getByTestId('unlabelled-progress')).toHaveCount(0);
  await expect(page.getByTestId('unlabelled-cancel')).toBeDisabled();
  await expect(page.getByTestId('unlabelled-run')).toBeEnabled();

  // A new run after the cancel works to the end, and is kept as a run scored by agreement.
  await page.getByTestId('unlabelled-run').click();
  await expect(unlabelled(page, 'done')).toBeVisible({ timeout: 200_000 });
  for (const mode of MODES.slice(0, 4)) await expect(page.getByTestId(`agreement-top1-${mode}`)).toContainText('%');
  const done = await page.locator('[data-testid^="agreement-top1-"]').count();
  await expect(runRows(page)).toHaveCount(1);
  const row = runRows(page).first();
  await expect(row.getByTestId('run-float-accuracy')).toHaveAttribute('data-scored-by', 'agreement');
  await expect(row.getByTestId('run-float-accuracy')).toContainText('no labels');
  await expect(row.getByTestId('run-smallest')).toContainText(/top-1 agreement .*%, output SNR/);
  await expect(row.getByTestId('run-modes')).toHaveText(String(done));

  // Download all: report.json is the CLI's, with the source and each file's agreement.
  const all = await downloaded(page, () => page.getByTestId('unlabelled-download-all').click());
  expect(all.name).toMatch(/\.zip$/);
  const entries = unzipSync(new Uint8Array(all.bytes));
  const report = JSON.parse(new TextDecoder().decode(entries['report.json'])) as LabReport;
  expect(report.source).toEqual({ kind: 'tflite', file: 'rgb64.tflite' });
  expect(report.settings).toEqual({ import: 'rgb64.tflite', calibration_images: 40, input_range: '0-1' });
  expect(report.float.test_accuracy).toBeNull();
  expect(report.modes).toHaveLength(done);
  for (const m of report.modes) {
    expect(m.accuracy).toBeNull();
    expect(m.float_model_agreement?.images).toBe(40);
    expect(entries[m.file]?.length).toBe(m.bytes);
  }
  const int8 = report.modes.find((m) => m.mode === 'int8')!;
  expect(parsePercent(await page.getByTestId('agreement-top1-int8').innerText())).toBeCloseTo(
    int8.float_model_agreement!.top1_agreement,
    2,
  );

  // A reload keeps the model (its source, layers and parameters) and asks for the images again.
  const summary = await page.getByTestId('imported-summary').innerText();
  const table = (await page.getByTestId('unlabelled-results').textContent()) ?? '';
  await page.reload();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('imported-summary')).toHaveText(summary);
  await expect(page.getByTestId('calibration-again')).toBeVisible();
  await expect(page.getByTestId('unlabelled-run')).toBeDisabled();
  await expect(runRows(page)).toHaveCount(1);
  // The import panel shows the last run's results table again (from the kept run), its files downloadable.
  await expect(page.getByTestId('unlabelled-results')).toHaveText(table);
  await expect(page.locator('[data-testid^="agreement-top1-"]')).toHaveCount(done);
  await expect(page.getByTestId('unlabelled-scored-by')).toContainText('40');
  const again = await downloaded(page, () => page.getByTestId('unlabelled-download-all').click());
  const reportAgain = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(again.bytes))['report.json']));
  expect((reportAgain as LabReport).modes).toEqual(report.modes);

  // The run exports and imports back as a run with the same headline numbers.
  const smallest = await runRows(page).first().getByTestId('run-smallest').innerText();
  const exported = await downloaded(page, () => runRows(page).first().getByTestId('run-export').click());
  await page.getByTestId('run-import').setInputFiles({
    name: 'rgb64-run.zip',
    mimeType: 'application/zip',
    buffer: exported.bytes,
  });
  await expect(runRows(page)).toHaveCount(2);
  await expect(page.getByTestId('run-import-error')).toHaveCount(0);
  for (const r of await runRows(page).all()) await expect(r.getByTestId('run-smallest')).toHaveText(smallest);
  // Side by side, both are compared by their agreement with the float model.
  for (const r of await runRows(page).all()) await r.getByTestId('run-pick').check();
  await expect(page.getByTestId('compare-row-int8')).toContainText('top-1 agreement');
  await expect(page.getByTestId('compare-float-a')).toHaveText('–');

  // Images dropped again after the reload: the model quantizes as before.
  await page.getByTestId('calibration-images').setInputFiles(pngs(8));
  await expect(page.getByTestId('calibration-again')).toHaveCount(0);
  await expect(page.getByTestId('unlabelled-run')).toBeEnabled();

  // Removing the model removes it from the browser too; its runs stay.
  await page.getByTestId('unlabelled-forget').click();
  await expect(page.getByTestId('calibration-drop')).toHaveCount(0);
  // The page says so once the stored copy is deleted: reloading before that could bring the model back.
  await expect(page.getByTestId('unlabelled-forgotten')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
  await expect(runRows(page)).toHaveCount(2);
  await expect(page.getByTestId('imported-summary')).toHaveCount(0);
  await expect(page.getByTestId('calibration-drop')).toHaveCount(0);
});
