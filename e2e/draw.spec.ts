import type { Page } from '@playwright/test';
import { expect, openLab, setSetting, test } from './fixtures';

const MODES = ['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8'] as const;

/** Drags the mouse through `points` (in 280 x 280 canvas coordinates) as one stroke. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('draw-canvas').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 12 });
  await page.mouse.up();
}

test('a drawn 7 is a 7 for every exported file in LiteRT.js', async ({ page }) => {
  await openLab(page);
  await setSetting(page, 'trainLimit', 12000);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('quantize-run').click();
  for (const mode of MODES) await expect(page.getByTestId(`result-row-${mode}`)).toBeVisible({ timeout: 180_000 });

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

test('confusion matrix and the digits a mode breaks, from the runtime predictions', async ({ page }) => {
  await openLab(page);
  await setSetting(page, 'trainLimit', 3000);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('quantize-run').click();
  for (const mode of MODES) await expect(page.getByTestId(`result-row-${mode}`)).toBeVisible({ timeout: 180_000 });

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
});
