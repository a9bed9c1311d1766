/**
 * `npm run bench -- --only=train-browser`: training speed in headless Chromium, side by side in one
 * run: stock tfjs-wasm `model.fit`, the lab on one training worker (the fused WASM SIMD step, and
 * the tfjs-ops step it replaced as a same-run baseline), the lab on two (data-parallel),
 * and a QAT epoch, with the ratios and the page's longest main-thread task while training.
 * `--baseline=<git ref>` instead builds that ref (its own kernels compiled from its sources) and
 * times only the one-worker QAT epoch, the ref's and then this checkout's, in the same Chromium.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { profileRows, startMainThreadProfile, type MainThreadProfile } from './main-thread-profile';
import { batchRecords, longestTask, openLab, startTraining, steadyEpochSeconds } from './browser';
import {
  BASE_URL,
  BASELINE_PORT,
  BENCH_DIST,
  buildApp,
  checkoutRef,
  launchChromium,
  ROOT,
  run,
  startPreview,
  type PreviewServer,
} from './browser-app';
import type { BenchRow, BenchSection } from './types';

const EPOCH_IMAGES = 60000;
const BATCH = 32;
const STOCK_FOLDER = 'bench-stock';

/** Bundles bench/stock-fit-page.ts (esbuild, not minified) into a page of its own in the bench build. */
async function buildStockPage(): Promise<void> {
  const { build } = await import('esbuild');
  const folder = join(ROOT, BENCH_DIST, STOCK_FOLDER);
  mkdirSync(folder, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'bench/stock-fit-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(folder, 'stock-fit.js'),
    logLevel: 'warning',
  });
  writeFileSync(
    join(folder, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>stock model.fit</title>' +
      '<script type="module" src="./stock-fit.js"></script></head><body></body></html>',
  );
}

async function stockFit(browser: Browser, images: number): Promise<{ seconds: number; note: string }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/${STOCK_FOLDER}/index.html`);
    await page.waitForFunction(() => '__stockFit' in window, undefined, { timeout: 60_000 });
    const r = await page.evaluate(
      (n) =>
        (
          window as unknown as {
            __stockFit(n: number): Promise<{ backend: string; images: number; seconds: number; loss: number }>;
          }
        ).__stockFit(n),
      images,
    );
    return {
      seconds: (r.seconds * EPOCH_IMAGES) / r.images,
      note: `model.fit, ${r.images} images${r.images === EPOCH_IMAGES ? '' : ', extrapolated'}, ${r.backend}, main thread, loss ${r.loss.toFixed(3)}`,
    };
  } finally {
    await context.close();
  }
}

interface LabRun {
  /** Click to the last batch line, scaled to an epoch: includes start-up (the second worker's, on first use). */
  clickSeconds: number;
  /** From the first to the last batch status line, scaled to an epoch. */
  steadySeconds: number;
  longestTaskMs: number;
  /** The main thread from the click to the end of the staged reveal. */
  profile: MainThreadProfile;
  workersLine: string;
  accuracy: string;
  /** data-trainer of the summary: 'fused-simd' or 'tfjs'. */
  trainer: string;
  page: Page;
  close: () => Promise<void>;
}

async function trainInLab(
  browser: Browser,
  images: number,
  workers: 1 | 2,
  withoutFusedKernels = false,
  baseUrl = BASE_URL,
): Promise<LabRun> {
  const lab = await openLab(browser, `limit=${images}&backend=wasm&workers=${workers}`, baseUrl, {
    withoutFusedKernels,
  });
  const { page } = lab;
  const stopProfile = await startMainThreadProfile(page);
  await startTraining(page);
  await page.getByTestId('test-accuracy').waitFor({ timeout: 900_000 });
  // The panels below take the new model one per task after it: their renders count too. A baseline build
  // from before the staged reveal has no such attribute and renders them all at once.
  await page.locator('main[data-sections-shown="all"], main:not([data-sections-shown])').waitFor({ timeout: 60_000 });
  const profile = await stopProfile();
  const { click, records } = await batchRecords(page);
  const batches = Math.ceil(images / BATCH);
  const last = records.at(-1);
  const scale = (batches / (last?.batch ?? NaN)) * (EPOCH_IMAGES / images);
  return {
    clickSeconds: last ? ((last.t - click) / 1000) * scale : NaN,
    steadySeconds: steadyEpochSeconds(records, 'page'),
    longestTaskMs: await longestTask(page, click),
    profile,
    workersLine: (await page.getByTestId('train-workers').innerText()).trim(),
    accuracy: await page.getByTestId('test-accuracy').innerText(),
    trainer: (await page.getByTestId('trained-summary').getAttribute('data-trainer')) ?? '',
    page,
    close: lab.close,
  };
}

interface QatRun {
  seconds: number;
  longestTaskMs: number;
  profile: MainThreadProfile;
}

/** One QAT epoch in the lab page (after training): click to the last "batch k/N" line, scaled. */
async function qatEpoch(page: Page, images: number): Promise<QatRun> {
  const stopProfile = await startMainThreadProfile(page);
  const click = await page.evaluate(() => {
    const w = window as unknown as { __qat: { t: number; text: string }[] };
    w.__qat = [];
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="qat-status"]')?.textContent ?? '';
      if (text && text !== last) {
        last = text;
        w.__qat.push({ t: performance.now(), text });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    const started = performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid="qat-run"]')!.click();
    return started;
  });
  await page.getByTestId('qat-accuracy').waitFor({ timeout: 900_000 });
  const profile = await stopProfile();
  const lines = await page.evaluate(() => (window as unknown as { __qat: { t: number; text: string }[] }).__qat);
  let best: { t: number; batch: number; batches: number } | undefined;
  for (const l of lines) {
    const m = /epoch 1\/1, batch (\d+)\/(\d+)/.exec(l.text);
    if (m) best = { t: l.t, batch: Number(m[1]), batches: Number(m[2]) };
  }
  const seconds = best ? ((best.t - click) / 1000) * (best.batches / best.batch) * (EPOCH_IMAGES / images) : NaN;
  return { seconds, longestTaskMs: await longestTask(page, click), profile };
}

export const trainBrowserBench: BenchSection = {
  id: 'train-browser',
  title:
    'Training in Chromium, one run: stock tfjs-wasm model.fit, one lab worker (fused step, tfjs ops), two lab workers, QAT',
  async run({ quick, baseline: baselineRef = 'none' }) {
    const images = quick ? 12000 : EPOCH_IMAGES;
    const rows: BenchRow[] = [];
    const buildSeconds = await buildApp();
    await buildStockPage();
    rows.push({ label: 'vite build + stock page', value: buildSeconds, unit: 's', digits: 1 });
    let baselineServer: PreviewServer | undefined;
    if (baselineRef !== 'none') {
      const dir = checkoutRef(baselineRef);
      // Its own kernels: the WASM built from this checkout may not speak the ref's exports.
      rmSync(join(dir, 'public', 'wasm'), { recursive: true, force: true });
      cpSync(join(ROOT, 'public', 'wasm'), join(dir, 'public', 'wasm'), { recursive: true, dereference: true });
      await run(process.execPath, [join(dir, 'scripts', 'build-kernels.mjs')], dir);
      const seconds = await buildApp(dir, 'dist-bench');
      rows.push({ label: `vite build (${baselineRef})`, value: seconds, unit: 's', digits: 1 });
      baselineServer = await startPreview(60_000, { root: dir, outDir: 'dist-bench', port: BASELINE_PORT });
    }
    const server = await startPreview();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      if (baselineServer) {
        const base = await trainInLab(browser, images, 1, false, `http://127.0.0.1:${BASELINE_PORT}`);
        try {
          const qat = await qatEpoch(base.page, images);
          const mine = await trainInLab(browser, images, 1);
          let qatMine: QatRun;
          try {
            qatMine = await qatEpoch(mine.page, images);
          } finally {
            await mine.close();
          }
          rows.push(
            {
              label: `QAT epoch, one worker (${baselineRef})`,
              value: qat.seconds,
              unit: 's/epoch',
              digits: 1,
              note: `click to last batch line; trainer ${base.trainer}`,
            },
            {
              label: 'QAT epoch, one worker (this checkout)',
              value: qatMine.seconds,
              unit: 's/epoch',
              digits: 1,
              note: `click to last batch line, measured right after ${baselineRef}'s`,
            },
            { label: `QAT speed-up over ${baselineRef}`, value: qat.seconds / qatMine.seconds, unit: 'x', digits: 2 },
          );
        } finally {
          await base.close();
        }
        return rows;
      }
      const stock = await stockFit(browser, images);
      rows.push({
        label: 'stock tfjs-wasm model.fit',
        value: stock.seconds,
        unit: 's/epoch',
        digits: 1,
        note: stock.note,
      });

      const one = await trainInLab(browser, images, 1);
      let qatOne: QatRun;
      try {
        qatOne = await qatEpoch(one.page, images);
      } finally {
        await one.close();
      }
      const old = await trainInLab(browser, images, 1, true);
      let qatOld: QatRun;
      try {
        qatOld = await qatEpoch(old.page, images);
      } finally {
        await old.close();
      }
      const two = await trainInLab(browser, images, 2);
      const how = (r: LabRun) =>
        `trainer ${r.trainer}; steady state (first to last batch line); click to last batch ${r.clickSeconds.toFixed(1)} s; test accuracy ${r.accuracy}; ${r.workersLine}`;
      rows.push(
        { label: 'lab, one worker', value: one.steadySeconds, unit: 's/epoch', digits: 1, note: how(one) },
        {
          label: 'lab, one worker, tfjs ops (no fused kernel)',
          value: old.steadySeconds,
          unit: 's/epoch',
          digits: 1,
          note: how(old),
        },
        { label: 'lab, two workers', value: two.steadySeconds, unit: 's/epoch', digits: 1, note: how(two) },
        { label: 'one worker over stock', value: stock.seconds / one.steadySeconds, unit: 'x', digits: 2 },
        { label: 'fused step over tfjs ops', value: old.steadySeconds / one.steadySeconds, unit: 'x', digits: 2 },
        { label: 'two workers over stock', value: stock.seconds / two.steadySeconds, unit: 'x', digits: 2 },
        { label: 'two workers over one', value: one.steadySeconds / two.steadySeconds, unit: 'x', digits: 2 },
        {
          label: 'longest main-thread task while training',
          value: Math.max(one.longestTaskMs, two.longestTaskMs, old.longestTaskMs),
          unit: 'ms',
          digits: 0,
          note: `Long Tasks API (0 = none over 50 ms); one worker ${one.longestTaskMs} ms, tfjs ops ${old.longestTaskMs} ms, two ${two.longestTaskMs} ms`,
        },
      );
      try {
        const qat = await qatEpoch(two.page, images);
        rows.push(
          {
            label: 'QAT epoch, one worker',
            value: qatOne.seconds,
            unit: 's/epoch',
            digits: 1,
            note: 'click to last batch line; the fused QAT step where it applies',
          },
          {
            label: 'QAT epoch, one worker, tfjs ops (no fused kernel)',
            value: qatOld.seconds,
            unit: 's/epoch',
            digits: 1,
            note: 'click to last batch line',
          },
          { label: 'fused QAT step over tfjs ops', value: qatOld.seconds / qatOne.seconds, unit: 'x', digits: 2 },
          {
            label: 'QAT epoch, two workers',
            value: qat.seconds,
            unit: 's/epoch',
            digits: 1,
            note: 'click to last batch line; the setting at 2: one worker where the fused QAT step applies, else two when every batch splits',
          },
          {
            label: 'longest main-thread task during QAT',
            value: Math.max(qatOne.longestTaskMs, qatOld.longestTaskMs, qat.longestTaskMs),
            unit: 'ms',
            digits: 0,
            note: `one worker ${qatOne.longestTaskMs} ms, tfjs ops ${qatOld.longestTaskMs} ms, two ${qat.longestTaskMs} ms`,
          },
        );
        rows.push(
          ...profileRows('main thread, training on one worker', one.profile, 'from the click to the last panel'),
          ...profileRows('main thread, QAT on one worker', qatOne.profile, 'from the click to the QAT result'),
        );
      } finally {
        await two.close();
      }
      return rows;
    } finally {
      await browser?.close();
      server.stop();
      baselineServer?.stop();
    }
  },
};
