import { readFileSync } from 'node:fs';
import { expect, openLab, parsePercent, setSetting, test } from './fixtures';

test.describe('training journey', () => {
  test('trains on a subset, shows metrics, and the model survives a reload', async ({ page }) => {
    await openLab(page, '?workers=2');
    await expect(page.getByTestId('backend-active')).toContainText('wasm');
    await setSetting(page, 'trainLimit', 3000);
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-progress')).toBeVisible();
    // Two workers asked for, two cores here: every batch is split across two lab workers.
    await expect(page.getByTestId('train-workers')).toHaveAttribute('data-workers', '2');
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
    const accuracy = parsePercent(await page.getByTestId('test-accuracy').innerText());
    // 3,000 images for one epoch is far from converged but well above chance (10%).
    expect(accuracy).toBeGreaterThan(0.6);
    // On WASM the tutorial CNN trains on the fused SIMD step (kernels/cnn-train.ts), fetched from the app's origin.
    await expect(page.getByTestId('trained-summary')).toHaveAttribute('data-trainer', 'fused-simd');
    await expect(page.getByTestId('trained-summary')).toContainText('fused WebAssembly SIMD kernel');
    await expect(page.getByTestId('training-charts')).toBeVisible();
    // The charts draw in turns of their own, and the panels below take the new model one per task:
    // all of them get there.
    await expect(page.getByTestId('training-charts').locator('.recharts-line-curve').first()).toBeVisible();
    await expect(page.locator('main')).toHaveAttribute('data-sections-shown', 'all');
    await expect(page.getByTestId('bits-histogram').locator('.recharts-area').first()).toBeVisible();

    await page.reload();
    await expect(page.getByTestId('test-accuracy')).toHaveText(`${(accuracy * 100).toFixed(2)}%`);
    await expect(page.getByTestId('setting-trainLimit')).toHaveValue('3000');

    await page.getByTestId('model-reset').click();
    await expect(page.getByTestId('test-accuracy')).toHaveCount(0);
    await expect(page.getByTestId('model-forgotten')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('test-accuracy')).toHaveCount(0);
  });

  test('cancel mid-epoch keeps the weights of the last completed epoch', async ({ page }) => {
    await openLab(page);
    await setSetting(page, 'trainLimit', 4000);
    await setSetting(page, 'epochs', 20);
    await page.getByTestId('train-start').click();
    // Wait for epoch 2 to start (epoch 1 completed), then cancel mid-epoch.
    await expect(page.getByTestId('train-status')).toContainText('epoch 2/20', { timeout: 120_000 });
    await page.getByTestId('train-cancel').click();
    await expect(page.getByTestId('train-cancelled')).toBeVisible();
    // The fused step trains an epoch of 4,000 images in well under a second, so more epochs than the first
    // may complete before the click lands: the model keeps every completed epoch, and the run stopped early.
    const summary = await page.getByTestId('trained-summary').innerText();
    const kept = Number(/after (\d+) epoch\(s\)/.exec(summary)?.[1]);
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(20);
    const accuracy = parsePercent(await page.getByTestId('test-accuracy').innerText());
    expect(accuracy).toBeGreaterThan(0.6);
    // The page is still usable: training can start again.
    await expect(page.getByTestId('train-start')).toBeEnabled();
  });

  test('with one training worker (the default), the page says so and still trains', async ({ page }) => {
    await openLab(page, '?limit=1000');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-workers')).toHaveAttribute('data-workers', '1');
    await expect(page.getByTestId('train-workers')).toContainText('"Training workers" setting is 1');
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
  });

  test('a diverging run stops with an explanation', async ({ page }) => {
    await openLab(page, '?lr=8&opt=sgd&limit=2000');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-error')).toContainText(/learning rate/i, { timeout: 120_000 });
    await expect(page.getByTestId('train-start')).toBeEnabled();
  });

  // How responsive the page stays while training (the longest main-thread task) is a speed figure:
  // `npm run bench` prints it; tests do not time the machine.
  // The QAT check needs this same model (one epoch on all 60,000 images), so it continues here rather
  // than training it again in its own journey: `?modes=int8` only picks the modes quantized.
  test('one epoch on all 60,000 images reaches at least 95.5% test accuracy; QAT after it: int8 as accurate as post-training int8 and close to float, file downloadable', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    await openLab(page, '?modes=int8');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-progress')).toBeVisible();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 220_000 });
    const float = parsePercent(await page.getByTestId('test-accuracy').innerText());
    expect(float).toBeGreaterThanOrEqual(0.955);

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
});
