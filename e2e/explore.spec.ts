import { expect, openLab, parsePercent, test } from './fixtures';

test.describe('when quantization hurts: datasets, bit-widths and the graph', () => {
  test('Fashion-MNIST end to end: its class names in the confusion matrix', async ({ page }) => {
    await openLab(page, '?modes=int8&limit=3000');
    await page.getByTestId('dataset-select').selectOption('fashion');
    // Fetched from the site on first use; the banner follows the chosen dataset.
    await expect(page.getByTestId('data-ready')).toHaveAttribute('data-dataset', 'fashion', { timeout: 120_000 });
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('result-row-int8')).toBeVisible({ timeout: 120_000 });
    const matrix = page.getByTestId('confusion-matrix');
    await expect(matrix).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('confusion-class-0')).toHaveText('T-shirt/top');
    await expect(page.getByTestId('confusion-class-9')).toHaveText('Ankle boot');

    // Back on MNIST the Fashion model is kept but not evaluated on digits.
    await page.getByTestId('dataset-select').selectOption('mnist');
    await expect(page.getByTestId('dataset-mismatch')).toBeVisible();
    await expect(page.getByTestId('result-row-int8')).toHaveCount(0);
  });

  test('bits explorer chart, then the graph view: select a node, keep it in float, export', async ({ page }) => {
    await openLab(page, '?modes=int8&limit=2000');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });

    const explorer = page.getByTestId('bits-explorer');
    await explorer.getByTestId('bits-run').click();
    await expect(explorer).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
    // Six bit-widths, both granularities: one line each, a dot per point.
    await expect(explorer.getByTestId('bits-chart')).toHaveAttribute('data-points', '6');
    await expect(explorer.locator('.recharts-line')).toHaveCount(2);
    await expect(explorer.locator('.recharts-line-dot')).toHaveCount(12);
    // 8-bit per-channel stays near float (on the first 1,000 test images); 2-bit per-tensor falls below it.
    const floatAccuracy = parsePercent(await page.getByTestId('test-accuracy').innerText());
    const pc8 = parsePercent(await explorer.getByTestId('bits-point-per-channel-8').innerText());
    const pt2 = parsePercent(await explorer.getByTestId('bits-point-per-tensor-2').innerText());
    expect(Math.abs(pc8 - floatAccuracy)).toBeLessThan(0.03);
    expect(pt2).toBeLessThan(pc8);
    await expect(explorer.getByTestId('weight-histogram')).toBeVisible();

    const graph = page.locator('[data-testid="graph-view"][data-source="lab"]');
    const dense = graph.getByTestId('graph-node-dense_3');
    await expect(dense).toBeVisible();
    // Keyboard: focus the node and press Enter.
    await dense.focus();
    await page.keyboard.press('Enter');
    await expect(dense).toHaveAttribute('aria-pressed', 'true');
    const details = page.getByTestId('graph-node-details');
    await expect(details).toContainText('FULLY_CONNECTED');
    await expect(details.getByTestId('graph-node-weights')).toContainText('20,280');
    // A click selects another node.
    await graph.getByTestId('graph-node-conv2d_0').click();
    await expect(details).toContainText('CONV_2D');
    await graph.getByTestId('graph-node-dense_3').click();
    await details.getByTestId('graph-keep-float').check();
    await expect(page.getByTestId('graph-kept')).toContainText('dense_3/logits');
    await page.getByTestId('graph-export-mixed').click();
    await expect(page.getByTestId('result-row-int8-mixed')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('runtime-accuracy-int8-mixed')).toContainText('%');
  });

  test('the wizard proposes per-channel scales for a 2-bit per-tensor drop and runs it with one click', async ({
    page,
  }) => {
    // int8 files whose weights sit on a 2-bit per-tensor grid: far below float.
    await openLab(page, '?modes=int8&wb=2&pc=0&fcpc=0&limit=2000');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('quantize-run').click();
    await expect(page.getByTestId('result-row-int8')).toBeVisible({ timeout: 120_000 });
    const proposals = page.getByTestId('repair-proposals');
    await expect(proposals.getByTestId('repair-per-channel-int8')).toBeVisible();
    await proposals.getByTestId('repair-run-per-channel-int8').click();
    await expect(page.getByTestId('result-row-int8-per-channel')).toBeVisible({ timeout: 120_000 });
    const before = parsePercent(await page.getByTestId('runtime-accuracy-int8').innerText());
    const after = parsePercent(await page.getByTestId('runtime-accuracy-int8-per-channel').innerText());
    expect(after).toBeGreaterThan(before);
    // Still 2 bits and per-channel now: the next proposal for that run is AdaRound.
    await expect(proposals.getByTestId('repair-adaround-int8-per-channel')).toBeVisible();
  });
});
