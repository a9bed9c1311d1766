import { expect, openLab, test } from './fixtures';

/**
 * A workshop room with bad Wi-Fi: after one visit the service worker has stored the app, its workers,
 * the WASM runtimes and MNIST, so the lab reloads, trains and quantizes with the network off.
 */
test('after one visit the lab reloads, trains and quantizes offline', async ({ page, context }) => {
  await openLab(page, '?limit=2000');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('backend-active')).toContainText('running on');

  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  for (const mode of ['float32', 'dynamic', 'int8-io', 'float16', 'int16x8'])
    await page.getByTestId(`mode-${mode}`).uncheck();
  await page.getByTestId('quantize-run').click();
  await expect(page.getByTestId('result-row-int8')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('result-row-int8')).toContainText('%');
});
