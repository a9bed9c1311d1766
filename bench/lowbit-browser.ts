/**
 * AdaRound and the bit-width sweep in the built app, headless Chromium (tfjs-wasm in the lab worker), driven
 * through data-testid selectors like the e2e tests: the tutorial CNN trained on 6,000 images, then int4 with
 * 4-bit per-tensor weights and AdaRound (default 200 steps a layer, 100 calibration images), then the bits
 * explorer's sweep (6 bit-widths x 2 granularities).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { LabReport } from '../src/core/report/report';
import { BASE_URL, buildApp, launchChromium, startPreview } from './browser-app';
import type { BenchRow, BenchSection } from './types';

/** The issue's goal for AdaRound on the tutorial CNN in Chromium. */
const GOAL_ADAROUND_SECONDS = 60;

export const lowbitBrowser: BenchSection = {
  id: 'lowbit-browser',
  title: 'Low-bit in Chromium: AdaRound and the bit-width sweep, tutorial CNN (the built app, tfjs-wasm worker)',
  async run({ quick }) {
    const rows: BenchRow[] = [];
    await buildApp();
    const server = await startPreview();
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      // int4, 4-bit per-tensor weights (per-tensor conv and dense), AdaRound on: the recipe of lowbit-node.
      await page.goto(`${BASE_URL}/?backend=wasm&limit=6000&modes=int4&wb=4&pc=0&fcpc=0&ar=1`);
      await page.getByTestId('data-ready').waitFor({ timeout: 120_000 });
      await page.getByTestId('train-start').click();
      await page.getByTestId('test-accuracy').waitFor({ timeout: 600_000 });

      let started = performance.now();
      await page.getByTestId('quantize-run').click();
      await page.getByTestId('result-row-int4').waitFor({ timeout: 900_000 });
      const clickToRow = (performance.now() - started) / 1000;
      await page.getByTestId('quantize-progress').waitFor({ state: 'detached', timeout: 120_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all').click()]);
      const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
      const report = JSON.parse(new TextDecoder().decode(zip['report.json'])) as LabReport;
      const int4 = report.modes.find((m) => m.mode === 'int4');
      const convert = int4?.convert_seconds ?? Number.NaN;
      rows.push(
        {
          label: 'AdaRound int4, convert (calibrate + AdaRound + write)',
          value: convert,
          unit: 's',
          note: `report.json convert_seconds; ${convert <= GOAL_ADAROUND_SECONDS ? 'meets' : 'MISSES'} goal <= ${GOAL_ADAROUND_SECONDS} s; ${
            int4?.algorithms?.adaround?.map((l) => `${l.layer} ${l.flipped} flipped`).join(', ') ?? 'no AdaRound report'
          }`,
        },
        {
          label: 'AdaRound int4, click to results row',
          value: clickToRow,
          unit: 's',
          note: `convert + simulation + LiteRT.js on 10,000 images; accuracy ${((int4?.accuracy ?? 0) * 100).toFixed(2)}%`,
        },
      );

      const explorer = page.getByTestId('bits-explorer');
      const images = quick ? '1000' : '10000';
      await explorer.getByTestId('bits-test-images').selectOption(images);
      started = performance.now();
      await explorer.getByTestId('bits-run').click();
      await page.locator('[data-testid="bits-explorer"][data-state="done"]').waitFor({ timeout: 900_000 });
      rows.push({
        label: 'bit-width sweep',
        value: (performance.now() - started) / 1000,
        unit: 's',
        note: `click to chart; 6 bit-widths x 2 granularities, ${images} test images, lab simulation in the worker`,
      });
      await context.close();
      return rows;
    } finally {
      await browser.close();
      server.stop();
    }
  },
};
