import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, openLab, parsePercent, setSetting, test } from './fixtures';

const MODES = ['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8'] as const;

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

function identifier(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(4, 8));
}

/** Drags the mouse through `points` (in 280 x 280 canvas coordinates) as one stroke. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('draw-canvas').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 12 });
  await page.mouse.up();
}

test('exports float32 for every preset, runs it in LiteRT.js and downloads it', async ({ page }) => {
  await openLab(page);
  await setSetting(page, 'trainLimit', 2000);
  for (const preset of ['tutorial', 'deep', 'separable']) {
    await page.getByTestId('preset-select').selectOption(preset);
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('trained-summary')).toContainText(
      preset === 'tutorial' ? 'tutorial' : preset === 'deep' ? 'Deeper' : 'separable',
      { timeout: 180_000 },
    );
    const tfjs = parsePercent(await page.getByTestId('test-accuracy').innerText());
    await page.getByTestId('export-float32').click();
    await expect(page.getByTestId('runtime-accuracy-float32')).toBeVisible({ timeout: 120_000 });
    const runtime = parsePercent(await page.getByTestId('runtime-accuracy-float32').innerText());
    // Same weights, same float math: the runtime must reproduce TF.js (0.01 points = one image in 10,000).
    expect(Math.abs(runtime - tfjs)).toBeLessThanOrEqual(0.0001 + 1e-9);
    const agreement = parsePercent(await page.getByTestId('tfjs-agreement-float32').innerText());
    expect(agreement).toBeGreaterThanOrEqual(0.999);
    const file = await download(page, 'download-float32');
    expect(file.name).toBe(`mnist-${preset}-float32.tflite`);
    expect(identifier(file.bytes)).toBe('TFL3');
    const shownBytes = Number(
      (await page.getByTestId('result-row-float32').innerText()).match(/([\d,]+) B/)![1].replace(/,/g, ''),
    );
    expect(file.bytes.length).toBe(shownBytes);
  }
});

/**
 * One train (12,000 images) and one quantize of every mode serve three checks that were three journeys,
 * each training and quantizing: every file measured in LiteRT.js and downloaded with the zip, the
 * confusion matrix of the runtime predictions, and a drawn digit classified by every file.
 */
test('quantizes every mode, measures each in LiteRT.js, downloads every file and the zip; confusion matrix; a drawn 7 is a 7 for every file', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await openLab(page);
  await setSetting(page, 'trainLimit', 12000);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  const tfjs = parsePercent(await page.getByTestId('test-accuracy').innerText());
  await page.getByTestId('quantize-run').click();
  for (const mode of MODES) await expect(page.getByTestId(`result-row-${mode}`)).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('quantize-progress')).toHaveCount(0, { timeout: 60_000 });

  const sizes: Record<string, number> = {};
  for (const mode of MODES) {
    const accuracy = parsePercent(await page.getByTestId(`runtime-accuracy-${mode}`).innerText());
    expect(Math.abs(accuracy - tfjs), `${mode} accuracy vs float`).toBeLessThanOrEqual(0.003);
    const file = await download(page, `download-${mode}`);
    expect(identifier(file.bytes), mode).toBe('TFL3');
    sizes[mode] = file.bytes.length;
  }
  // Sizes no larger than TensorFlow's converter writes for this model (TFLITE-NOTES).
  expect(sizes.float32).toBeLessThanOrEqual(84_688);
  expect(sizes.dynamic).toBeLessThanOrEqual(24_096);
  expect(sizes.int8).toBeLessThanOrEqual(24_640);
  expect(sizes.float16).toBeLessThanOrEqual(44_272);
  expect(sizes.int16x8).toBeLessThanOrEqual(24_700);

  const zip = await download(page, 'download-all');
  expect(zip.name).toMatch(/\.zip$/);
  const entries = unzipSync(zip.bytes);
  const report = JSON.parse(new TextDecoder().decode(entries['report.json']));
  expect(report.float.test_accuracy).toBeCloseTo(tfjs, 4);
  expect(report.modes.map((m: { mode: string }) => m.mode)).toEqual([...MODES]);
  for (const m of report.modes) {
    expect(entries[m.file], m.file).toBeDefined();
    expect(entries[m.file].length).toBe(sizes[m.mode]);
    expect(m.accuracy_engine).toMatch(/LiteRT/);
  }

  // The confusion matrix counts the runtime's predictions over the whole test set.
  for (const mode of ['float32', 'int8'] as const) {
    await page.getByTestId('confusion-mode').selectOption(mode);
    const cells = page.getByTestId('confusion-matrix').locator('tbody td');
    await expect(cells).toHaveCount(100);
    const counts = (await cells.allInnerTexts()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
    await expect(page.getByTestId('confusion-wrong-count')).toBeVisible();
    const shown = await page.getByTestId('confusion-wrong').locator('li').count();
    expect(shown).toBeLessThanOrEqual(48);
  }

  // A clear 7: a horizontal bar at the top, then a diagonal down to the left.
  await page.getByTestId('draw-canvas').scrollIntoViewIfNeeded();
  await stroke(page, [
    [70, 60],
    [210, 60],
  ]);
  await stroke(page, [
    [210, 60],
    [120, 235],
  ]);
  await expect(page.getByTestId('draw-predictions')).toBeVisible();
  for (const mode of MODES) await expect(page.getByTestId(`draw-digit-${mode}`)).toHaveText('7');

  // Clear empties the canvas and the answers; the panel keeps working for the next digit.
  await page.getByTestId('draw-clear').click();
  await expect(page.getByTestId('draw-predictions')).toHaveCount(0);
  await stroke(page, [
    [140, 40],
    [140, 240],
  ]);
  for (const mode of MODES) await expect(page.getByTestId(`draw-digit-${mode}`)).toHaveText(/^[0-9]$/);
});
