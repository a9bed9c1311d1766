import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { readTflite } from '../src/core/tflite/read-tflite';
import { expect, openLab, parsePercent, setSetting, test } from './fixtures';

async function download(page: Page, testId: string): Promise<Uint8Array> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return new Uint8Array(readFileSync((await file.path())!));
}

/** The number in "12,345 B" of a table cell. */
async function bytesIn(page: Page, testId: string): Promise<number> {
  const m = /([\d,]+) B/.exec(await page.getByTestId(testId).innerText());
  if (!m) throw new Error(`no byte count in ${testId}`);
  return Number(m[1].replace(/,/g, ''));
}

test('prunes and clusters briefly, quantizes the pruned model, shows gzip sizes and downloads the file', async ({
  page,
}) => {
  await openLab(page, '?modes=dynamic,int8');
  await setSetting(page, 'trainLimit', 3000);
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });

  await page.getByTestId('prune-sparsity').fill('80');
  await page.getByTestId('prune-epochs').fill('1');
  await page.getByTestId('prune-train-limit').fill('2000');
  await page.getByTestId('cluster-count').selectOption('16');
  await page.getByTestId('prune-run').click();
  await expect(page.getByTestId('prune-summary')).toBeVisible({ timeout: 180_000 });
  expect(Number(await page.getByTestId('prune-chart').getAttribute('data-points'))).toBeGreaterThan(0);
  const sparsity = parsePercent(await page.getByTestId('prune-measured-sparsity').innerText());
  expect(sparsity).toBeCloseTo(0.8, 3);

  await page.getByTestId('quantize-run').click();
  for (const mode of ['dynamic', 'int8'])
    await expect(page.getByTestId(`gzip-bytes-${mode}`)).toContainText(' B', { timeout: 180_000 });
  await expect(page.getByTestId('quantize-progress')).toHaveCount(0, { timeout: 60_000 });

  // The accuracy-vs-gzip chart holds both files of the pruned model.
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-points', '2');

  const gzip = await bytesIn(page, 'gzip-bytes-int8');
  const row = /([\d,]+) B/.exec(await page.getByTestId('result-row-int8').innerText())!;
  const raw = Number(row[1].replace(/,/g, ''));
  // 80% zeros and 16 shared values: the int8 file gzips to well under half its raw size.
  expect(gzip).toBeLessThan(raw * 0.45);

  const bytes = await download(page, 'download-int8');
  expect(bytes.length).toBe(raw);
  const graph = readTflite(bytes);
  const fc = graph.tensors[graph.ops.find((o) => o.kind === 'FULLY_CONNECTED')!.inputs[1]];
  const q = new Int8Array(fc.data!.buffer, fc.data!.byteOffset, fc.data!.length);
  expect(q.filter((v) => v === 0).length / q.length).toBeGreaterThanOrEqual(0.8);
  expect(new Set(q).size).toBeLessThanOrEqual(17); // 16 shared values and zero
});
