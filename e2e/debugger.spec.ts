import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/** File size in bytes from a results row (the size cell's title reads "84,688 bytes"). */
async function fileBytes(page: Page, mode: string): Promise<number> {
  const title = await page.getByTestId(`result-row-${mode}`).locator('td').nth(1).getAttribute('title');
  const m = /([0-9,]+) bytes/.exec(title ?? '');
  if (!m) throw new Error(`no byte count in "${title}"`);
  return Number(m[1].replace(/,/g, ''));
}

test.describe('per-layer quantization debugger', () => {
  test('int8 layer errors, then keep the dense layer in float and export a mixed-precision file', async ({ page }) => {
    // The tutorial preset: conv2d_0 -> max pool -> flatten -> dense_3 (+ softmax); only int8 in the quantize panel.
    await openLab(page, '?modes=int8&limit=3000');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });

    await expect(page.getByTestId('layer-errors-mode')).toHaveValue('int8');
    await page.getByTestId('layer-errors-run').click();
    const table = page.getByTestId('layer-errors');
    await expect(table).toBeVisible({ timeout: 120_000 });
    for (const tensor of ['conv2d_0/out', 'dense_3/logits']) {
      const row = page.getByTestId(`layer-error-row-${tensor}`);
      await expect(row).toBeVisible();
      const rmse = Number(await row.getByTestId('layer-rmse').innerText());
      const ratio = Number(await row.getByTestId('layer-rmse-over-scale').innerText());
      expect(rmse).toBeGreaterThan(0);
      // A trained model calibrated with min/max is healthy: rounding-level error, well under the 0.7 flag.
      expect(ratio).toBeGreaterThan(0);
      expect(ratio).toBeLessThan(0.7);
    }
    // One row per op of the float model: conv, pool, reshape, dense, softmax.
    await expect(table.locator('tbody tr')).toHaveCount(5);
    await expect(page.getByTestId('layer-errors-chart')).toBeVisible();

    // The fully quantized int8 file first, for comparison.
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('result-row-int8')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('quantize-run')).toBeEnabled({ timeout: 120_000 });

    await expect(page.getByTestId('export-mixed')).toBeDisabled();
    await page.getByTestId('keep-float-dense_3/logits').check();
    await page.getByTestId('export-mixed').click();
    await expect(page.getByTestId('result-row-int8-mixed')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('runtime-accuracy-int8-mixed')).toContainText('%');

    // The dense layer's 20,280 weights are stored as float32 (4 bytes) instead of int8 (1 byte).
    const int8 = await fileBytes(page, 'int8');
    const mixed = await fileBytes(page, 'int8-mixed');
    expect(mixed).toBeGreaterThan(int8 + 50_000);
  });
});
