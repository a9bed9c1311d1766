import { readFileSync } from 'node:fs';
import { expect, openLab, parsePercent, setSetting, test } from './fixtures';

test('the wizard recommends a mode, runs it and shows what was measured', async ({ page }) => {
  await openLab(page);
  await setSetting(page, 'trainLimit', 3000);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });

  await page.getByTestId('wizard-open').click();
  for (const [q, a] of [
    ['optimize', 'yes'],
    ['hardware', 'cpu'],
    ['size', 'quarter'],
    ['cpu-data', 'yes'],
    ['priority', 'speed'],
  ]) {
    await page.getByTestId(`wizard-a-${q}-${a}`).check();
  }
  await expect(page.getByTestId('wizard-recommendation')).toHaveAttribute('data-mode', 'int8');
  await expect(page.getByTestId('wizard-recommendation')).toContainText(/representative|calibrat/i);
  await expect(page.getByTestId('wizard-path')).toContainText('CPU');
  await page.getByTestId('wizard-run').click();
  await expect(page.getByTestId('wizard-results')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('wizard-row-int8')).toHaveClass(/wizard-recommended/, { timeout: 180_000 });
  await expect(page.getByTestId('wizard-row-int8')).toContainText('%');
  await expect(page.getByTestId('wizard-finding').first()).toBeVisible();
  // The measured int8 row also appears in the main results table.
  await expect(page.getByTestId('runtime-accuracy-int8')).toContainText('%');
});

test('QAT after one epoch: int8 as accurate as post-training int8 and close to float, file downloadable', async ({
  page,
}) => {
  await openLab(page, '?modes=int8');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 220_000 });
  const float = parsePercent(await page.getByTestId('test-accuracy').innerText());
  await page.getByTestId('quantize-run').click();
  await expect(page.getByTestId('runtime-accuracy-int8')).toBeVisible({ timeout: 120_000 });
  const ptq = parsePercent(await page.getByTestId('runtime-accuracy-int8').innerText());

  await page.getByTestId('qat-run').click();
  await expect(page.getByTestId('qat-progress')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('qat-accuracy')).toBeVisible({ timeout: 400_000 });
  const qat = parsePercent(await page.getByTestId('runtime-accuracy-qat').innerText());
  expect(qat).toBeGreaterThanOrEqual(ptq - 0.001);
  expect(qat).toBeGreaterThanOrEqual(float - 0.003);
  await expect(page.getByTestId('qat-result')).toContainText(/QAT/);

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-qat').click()]);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(4, 8).toString('latin1')).toBe('TFL3');
  expect(file.suggestedFilename()).toBe('mnist-tutorial-qat.tflite');
});
