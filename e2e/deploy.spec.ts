import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { checkDeployment } from '../src/core/deploy/deploy-check';
import { parseTarget } from '../src/core/deploy/targets';
import { expect, openLab, test } from './fixtures';

const MODES = ['int8-io', 'dynamic', 'float16'] as const;

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

const shownNumber = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).innerText()).replace(/,/g, ''));

test('checks each quantized file for a board, shows the arena and downloads C source for TFLite Micro', async ({
  page,
}) => {
  await openLab(page, `?limit=2000&modes=${MODES.join(',')}`);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('quantize-run').click();
  for (const mode of MODES) await expect(page.getByTestId(`result-row-${mode}`)).toBeVisible({ timeout: 180_000 });

  const panel = page.getByTestId('deploy-panel');
  await panel.scrollIntoViewIfNeeded();
  await page.getByTestId('target-select').selectOption('m0-32k');
  await expect(page).toHaveURL(/target=m0-32k/);

  // The arena shown is the planner's figure for the very file the page offers for download.
  const tflite = await download(page, 'download-int8-io');
  const expected = checkDeployment(tflite.bytes, parseTarget('m0-32k'));
  expect(await shownNumber(page, 'arena-bytes-int8-io')).toBe(expected.arena.arenaBytes);
  await expect(page.getByTestId('deploy-fits-int8-io')).toContainText('fits');
  await expect(page.getByTestId('live-tensors-int8-io')).toBeVisible();

  // Dynamic range and float16 cannot run on TFLite Micro: no C source, and the reason is shown.
  for (const mode of ['dynamic', 'float16']) {
    await expect(page.getByTestId(`deploy-fits-${mode}`)).toHaveText('cannot run');
    await expect(page.getByTestId(`download-c-${mode}`)).toBeDisabled();
  }
  await expect(page.getByTestId('deploy-reasons')).toContainText('hybrid');
  await expect(page.getByTestId('deploy-reasons')).toContainText('DEQUANTIZE from FLOAT16');

  // The wizard's microcontroller answer checks the recommended file against the chosen board.
  await page.getByTestId('wizard-open').click();
  for (const [q, a] of [
    ['optimize', 'yes'],
    ['hardware', 'mcu'],
    ['integer-data', 'yes'],
  ]) {
    await page.getByTestId(`wizard-a-${q}-${a}`).check();
  }
  await expect(page.getByTestId('wizard-recommendation')).toHaveAttribute('data-mode', 'int8-io');
  const finding = page.locator('[data-testid="wizard-finding"][data-code="deploy-fits"]');
  await expect(finding).toContainText('int8-io fits the Cortex-M0+ with 32 KB RAM');

  // A custom board too small for the arena.
  await page.getByTestId('target-select').selectOption('custom');
  await page.getByTestId('target-ram-kb').fill('4');
  await expect(page.getByTestId('deploy-fits-int8-io')).toContainText('does not fit');

  const zip = await download(page, 'download-c-int8-io');
  expect(zip.name).toBe('int8-io-tflm.zip');
  const files = unzipSync(zip.bytes);
  expect(Object.keys(files).sort()).toEqual(['int8-io_main.cc', 'int8-io_model_data.cc', 'int8-io_model_data.h']);
  const cc = new TextDecoder().decode(files['int8-io_model_data.cc']);
  expect(cc).toContain(`const unsigned int g_model_data_len = ${tflite.bytes.length};`);
  const main = new TextDecoder().decode(files['int8-io_main.cc']);
  expect(main).toContain(`constexpr int kTensorArenaSize = ${expected.tensorArenaBytes};`);
  expect(main).toContain('resolver.AddConv2D()');
});
