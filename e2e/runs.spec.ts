import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help}, e.g. ${v.nodes[0]?.target.join(' ')}`);
}

/**
 * Every enabled, visible button, input, select, textarea, link, summary and tabindex'd element is reached by
 * pressing Tab from the top of the page (a radio group counts once: Tab enters it, the arrows move within it).
 */
async function expectEveryControlReachedByTab(page: Page): Promise<void> {
  const controls = await page.evaluate(() => {
    const all = [
      ...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], summary, [tabindex]'),
    ];
    const keys: string[] = [];
    for (const el of all) {
      const off = (el as HTMLButtonElement).disabled || el.getAttribute('tabindex') === '-1';
      if (off || !el.checkVisibility() || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      const key = el instanceof HTMLInputElement && el.type === 'radio' ? `radio:${el.name}` : `c${keys.length}`;
      el.dataset.kbd = key;
      if (!keys.includes(key)) keys.push(key);
      el.dataset.kbdLabel = `${el.tagName.toLowerCase()} ${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}`;
    }
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return keys;
  });
  const reached = new Set<string>();
  let first: string | undefined;
  for (let i = 0; i < controls.length * 2 + 20; i++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbd ?? '');
    if (key && key === first) break;
    if (key) {
      first ??= key;
      reached.add(key);
    }
  }
  const missed = await page.evaluate(
    (keys) => keys.map((k) => document.querySelector<HTMLElement>(`[data-kbd="${k}"]`)?.dataset.kbdLabel ?? k),
    controls.filter((k) => !reached.has(k)),
  );
  expect(missed, 'controls Tab never reached').toEqual([]);
  expect(reached.size).toBeGreaterThan(10);
}

/** Waits until a quantize run has finished (every mode row there, no progress line). */
async function quantize(page: Page, modes: string[]): Promise<void> {
  await page.getByTestId('quantize-run').click();
  for (const m of modes) await expect(page.getByTestId(`result-row-${m}`)).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('quantize-progress')).toHaveCount(0, { timeout: 60_000 });
}

const runRows = (page: Page) => page.getByTestId('runs-list').getByTestId('run-row');
const rowsOfKind = (page: Page, kind: string) => runRows(page).filter({ hasText: kind });

/** The compare table's body, row by row (its head names the runs, which an import renames). */
async function compareBody(page: Page): Promise<string[]> {
  return page.getByTestId('run-compare-table').locator('tbody tr').allInnerTexts();
}

/** The runs list's headline numbers of `row` appear in column `side` of the compare table. */
async function expectCompareShows(page: Page, row: Locator, side: 'a' | 'b'): Promise<void> {
  const compare = page.getByTestId('run-compare');
  await expect(compare.getByTestId(`compare-float-${side}`)).toHaveText(
    await row.getByTestId('run-float-accuracy').innerText(),
  );
  // "int8: 24,640 B at 97.81%": that mode's row shows the same bytes and accuracy in this run's column.
  const m = /^(\S+): ([\d,]+) B at ([\d.]+%)$/.exec(await row.getByTestId('run-smallest').innerText());
  expect(m, 'smallest file in the runs list').not.toBeNull();
  const [, mode, bytes, accuracy] = m!;
  const cells = compare.getByTestId(`compare-row-${mode}`).locator('td');
  const offset = side === 'a' ? 0 : 3;
  await expect(cells.nth(offset)).toHaveText(`${bytes} B`);
  await expect(cells.nth(offset + 1)).toHaveText(accuracy);
}

test('runs survive a reload, compare side by side, export, delete and import back', async ({ page }, testInfo) => {
  await openLab(page, '?limit=2000&epochs=1&lang=en');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  for (const mode of ['float32', 'dynamic', 'int8-io', 'int16x8']) await page.getByTestId(`mode-${mode}`).uncheck();
  await quantize(page, ['int8', 'float16']);
  await expect(rowsOfKind(page, 'quantization')).toHaveCount(1);
  await expect(rowsOfKind(page, 'training')).toHaveCount(1);

  await page.getByTestId('calibration-samples').fill('10');
  await quantize(page, ['int8', 'float16']);
  await expect(rowsOfKind(page, 'quantization')).toHaveCount(2);
  const storedBytes = Number(await page.getByTestId('runs-storage').getAttribute('data-runs-bytes'));
  testInfo.annotations.push({ type: 'runs bytes (training + 2 quantization runs)', description: String(storedBytes) });
  for (const row of await runRows(page).all())
    testInfo.annotations.push({
      type: `run bytes: ${await row.getByTestId('run-name').innerText()}`,
      description: String(await row.getAttribute('data-run-bytes')),
    });
  testInfo.annotations.push({
    type: 'storage line',
    description: await page.getByTestId('runs-storage').innerText(),
  });

  await page.reload();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
  await expect(runRows(page)).toHaveCount(3);
  // The current results came back with the saved model.
  await expect(page.getByTestId('result-row-int8')).toBeVisible();
  await expect(page.getByTestId('result-row-float16')).toBeVisible();

  // Newest first: pick the first quantization run (older) as A and the second (newer) as B.
  const older = rowsOfKind(page, 'quantization').nth(1);
  const newer = rowsOfKind(page, 'quantization').nth(0);
  const olderId = await older.getAttribute('data-run-id');
  const newerId = await newer.getAttribute('data-run-id');
  await older.getByTestId('run-pick').check();
  await newer.getByTestId('run-pick').check();
  await expect(page.getByTestId('run-compare')).toBeVisible();
  await expect(page.getByTestId('run-compare-chart')).toBeVisible();
  await expectCompareShows(page, older, 'a');
  await expectCompareShows(page, newer, 'b');
  const original = await compareBody(page);
  expect(original.length).toBe(3);
  expect(await axeViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), older.getByTestId('run-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zipPath = (await download.path())!;

  await page.locator(`[data-run-id="${olderId}"]`).getByTestId('run-delete').click();
  await expect(runRows(page)).toHaveCount(2);
  await expect(page.getByTestId('run-compare')).toHaveCount(0);

  // A foreign file is refused with a sentence, and nothing is lost.
  await page.getByTestId('run-import').setInputFiles({
    name: 'holiday.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('these are not the bytes of a zip'),
  });
  await expect(page.getByTestId('run-import-error')).toContainText('not a zip');
  await expect(runRows(page)).toHaveCount(2);

  await page.getByTestId('run-import').setInputFiles({
    name: 'exported-run.zip',
    mimeType: 'application/zip',
    buffer: readFileSync(zipPath),
  });
  await expect(rowsOfKind(page, 'imported')).toHaveCount(1);
  await expect(page.getByTestId('run-import-error')).toHaveCount(0);
  const imported = rowsOfKind(page, 'imported');
  await page.locator(`[data-run-id="${newerId}"]`).getByTestId('run-pick').uncheck();
  await imported.getByTestId('run-pick').check();
  await page.locator(`[data-run-id="${newerId}"]`).getByTestId('run-pick').check();
  await expect(page.getByTestId('run-compare')).toBeVisible();
  expect(await compareBody(page)).toEqual(original);

  // Renaming shows in the list and in the comparison.
  await imported.getByTestId('run-rename').click();
  await imported.getByTestId('run-name-input').fill('calibrated on 100 images');
  await imported.getByTestId('run-name-save').click();
  await expect(imported.getByTestId('run-name')).toHaveText('calibrated on 100 images');
  await expect(page.getByTestId('run-compare')).toContainText('calibrated on 100 images');

  // With results, runs and a comparison on the page, every control is reached by keyboard.
  await expectEveryControlReachedByTab(page);

  // The drawing area has a keyboard alternative: a vertical stroke drawn with the arrows, then Enter.
  await page.getByTestId('draw-canvas').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowUp');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  for (const mode of ['int8', 'float16']) await expect(page.getByTestId(`draw-digit-${mode}`)).toHaveText(/^[0-9]$/);
});

test('a QAT run is kept, and its results come back after a reload', async ({ page }) => {
  await openLab(page, '?limit=1000&epochs=1&modes=int8&qe=1&lang=en');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 180_000 });
  await quantize(page, ['int8']);
  await expect(rowsOfKind(page, 'quantization')).toHaveCount(1);
  await page.getByTestId('qat-run').click();
  await expect(page.getByTestId('qat-accuracy')).toBeVisible({ timeout: 200_000 });
  await expect(rowsOfKind(page, 'quantization')).toHaveCount(2);
  const qatRow = rowsOfKind(page, 'quantization').first();
  await expect(qatRow.getByTestId('run-name')).toHaveText('tutorial · int8, qat');
  await expect(qatRow.getByTestId('run-modes')).toHaveText('2');
  const accuracy = await page.getByTestId('runtime-accuracy-qat').innerText();

  await page.reload();
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('runtime-accuracy-qat')).toHaveText(accuracy);
  await expect(page.getByTestId('qat-result')).toBeVisible();
});

test('the guided tour steps through the sections, in both languages, and can be skipped', async ({ page }) => {
  await openLab(page, '?lang=en');
  await expectEveryControlReachedByTab(page);
  const card = page.getByTestId('tour-card');
  await page.getByTestId('tour-start').click();
  await expect(card).toHaveAttribute('data-step', 'train');
  await expect(card).toBeFocused();
  await expect(page.locator('section.tour-highlight')).toHaveAttribute('aria-labelledby', 'train-title');
  await expect(page.getByTestId('tour-back')).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  const steps = ['quantize', 'qat', 'wizard', 'draw', 'runs'];
  const headings = ['quant-title', 'qat-title', 'wizard-title', 'draw-title', 'runs-title'];
  for (const [i, step] of steps.entries()) {
    await page.getByTestId('tour-next').click();
    await expect(card).toHaveAttribute('data-step', step);
    await expect(page.locator('section.tour-highlight')).toHaveCount(1);
    await expect(page.locator('section.tour-highlight')).toHaveAttribute('aria-labelledby', headings[i]);
  }
  await expect(page.getByTestId('tour-next')).toHaveText('Finish');
  await page.getByTestId('tour-back').click();
  await expect(card).toHaveAttribute('data-step', 'draw');
  await page.getByTestId('tour-skip').click();
  await expect(card).toHaveCount(0);
  await expect(page.locator('section.tour-highlight')).toHaveCount(0);
  await expect(page.getByTestId('tour-start')).toBeFocused();

  // By keyboard: Enter starts it, Tab reaches its buttons, Escape ends it.
  await page.keyboard.press('Enter');
  await expect(card).toHaveAttribute('data-step', 'train');
  // Back is disabled on the first step, so Tab goes from the card to Next.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('tour-next')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card).toHaveAttribute('data-step', 'quantize');
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('tour-start')).toBeFocused();

  await page.getByTestId('lang-select').selectOption('zh-TW');
  await expect(page.getByTestId('tour-start')).toHaveText('新手導覽');
  await page.getByTestId('tour-start').click();
  await expect(card).toContainText('訓練模型');
  await expect(page.getByTestId('tour-next')).toHaveText('下一步');
  await page.getByTestId('tour-skip').click();
  await expect(card).toHaveCount(0);
});
