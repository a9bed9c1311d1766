import { expect, openLab, setSetting, test } from './fixtures';

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
