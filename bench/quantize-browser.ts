/**
 * `npm run bench -- --only=quantize-browser`: "quantize all default modes" in the built app in headless
 * Chromium, from the click to the last row, for this checkout and (in the same run) for a baseline build of
 * another git ref (`--baseline=<ref>`, default main; `--baseline=none` skips it), with the ratio, the per-mode
 * breakdown from report.json, the longest main-thread task and where the main thread spent its time.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { unzipSync } from 'fflate';
import type { Browser, Page } from '@playwright/test';
import type { LabReport } from '../src/core/report/report';
import { DEFAULT_QUANT_MODES } from '../src/core/modes/lab-modes';
import { BASE_URL, BASELINE_PORT, buildApp, checkoutRef, launchChromium, startPreview } from './browser-app';
import { longestTask, openLab, startTraining } from './browser';
import { profileRows, startMainThreadProfile, type MainThreadProfile } from './main-thread-profile';
import type { BenchRow, BenchSection } from './types';

/** Training images before quantizing: the quantize run does not depend on them, only the accuracies do. */
const TRAIN_IMAGES = 3000;

/** What one app build measured. */
interface QuantizeRun {
  seconds: number;
  longestTaskMs: number;
  /** Where the main thread spent its time while quantizing (the CDP sampling profiler). */
  mainThread: MainThreadProfile;
  report: LabReport;
}

/** Trains briefly, then times "quantize" with the Long Tasks API and the main thread's sampling profile. */
async function timeQuantize(browser: Browser, baseUrl: string): Promise<QuantizeRun> {
  const lab = await openLab(browser, `limit=${TRAIN_IMAGES}&backend=wasm`, baseUrl);
  try {
    const { page } = lab;
    await startTraining(page);
    await page.getByTestId('test-accuracy').waitFor({ timeout: 600_000 });
    const stopProfile = await startMainThreadProfile(page);
    const since = await page.evaluate(() => performance.now());
    const started = performance.now();
    await page.getByTestId('quantize-run').click();
    for (const mode of DEFAULT_QUANT_MODES) await page.getByTestId(`result-row-${mode}`).waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    await page.getByTestId('quantize-progress').waitFor({ state: 'detached', timeout: 120_000 });
    const mainThread = await stopProfile();
    const longestTaskMs = await longestTask(page, since);
    return {
      seconds,
      longestTaskMs,
      mainThread,
      report: await downloadReport(page),
    };
  } finally {
    await lab.close();
  }
}

async function downloadReport(page: Page): Promise<LabReport> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all').click()]);
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const bytes = entries['report.json'];
  if (!bytes) throw new Error(`report.json missing from ${download.suggestedFilename()}`);
  return JSON.parse(new TextDecoder().decode(bytes)) as LabReport;
}

const load = () => `load ${loadavg()[0].toFixed(1)}`;
const s = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(2)} s`);

function modeRows(run: QuantizeRun, baseline: QuantizeRun | undefined): BenchRow[] {
  const rows: BenchRow[] = [
    { label: 'per mode (this build)', value: '', unit: '', note: 'simulate / export (convert) / LiteRT.js score' },
  ];
  for (const m of run.report.modes) {
    const b = baseline?.report.modes.find((x) => x.mode === m.mode);
    const accuracy = `LiteRT.js ${(m.accuracy * 100).toFixed(2)}%, simulated ${((m.simulated_accuracy ?? NaN) * 100).toFixed(2)}%`;
    rows.push({
      label: `  ${m.mode}`,
      value: `sim ${s(m.simulation_seconds)}, export ${s(m.convert_seconds)}, score ${s(m.runtime_seconds)}`,
      unit: '',
      note: `${accuracy}${b ? `; baseline sim ${s(b.simulation_seconds)}, export ${s(b.convert_seconds)}, score ${s(b.runtime_seconds)}` : ''}; ${m.simulation_engine ?? ''}`,
    });
  }
  return rows;
}

export const quantizeBrowser: BenchSection = {
  id: 'quantize-browser',
  title: `In the browser: quantize all ${DEFAULT_QUANT_MODES.length} default modes on 10,000 test images (tutorial CNN)`,
  async run({ baseline: baselineRef = 'main' }) {
    const rows: BenchRow[] = [];
    const build = await buildApp();
    rows.push({ label: 'vite build (this checkout)', value: build, unit: 's', digits: 1 });
    let baselineServer: { stop(): void } | undefined;
    let baselineUrl: string | undefined;
    if (baselineRef !== 'none') {
      const dir = checkoutRef(baselineRef);
      rows.push({
        label: `vite build (${baselineRef})`,
        value: await buildApp(dir, 'dist-bench'),
        unit: 's',
        digits: 1,
      });
      const port = BASELINE_PORT;
      baselineServer = await startPreview(60_000, { root: dir, outDir: 'dist-bench', port });
      baselineUrl = `http://127.0.0.1:${port}`;
    }
    const server = await startPreview();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const before = load();
      const baseline = baselineUrl ? await timeQuantize(browser, baselineUrl) : undefined;
      const between = load();
      const run = await timeQuantize(browser, BASE_URL);
      const after = load();
      if (baseline)
        rows.push({
          label: `${baselineRef}: click to last row`,
          value: baseline.seconds,
          unit: 's',
          digits: 1,
          note: `longest main-thread task ${baseline.longestTaskMs.toFixed(0)} ms; ${before} at start`,
        });
      rows.push({
        label: 'this build: click to last row',
        value: run.seconds,
        unit: 's',
        digits: 1,
        note: `goal <= 10 s; ${between} at start, ${after} at end`,
      });
      if (baseline)
        rows.push({
          label: 'speed-up',
          value: baseline.seconds / run.seconds,
          unit: 'x',
          digits: 2,
          note: `over ${baselineRef}`,
        });
      rows.push({
        label: 'longest main-thread task while quantizing',
        value: run.longestTaskMs,
        unit: 'ms',
        digits: 0,
        note: 'Long Tasks API, click to last row; goal < 100 ms',
      });
      rows.push(...modeRows(run, baseline));
      rows.push(...profileRows('main thread (this build)', run.mainThread, 'while quantizing'));
      if (baseline)
        rows.push(...profileRows(`main thread (${baselineRef})`, baseline.mainThread, 'while quantizing', 3));
      return rows;
    } finally {
      await browser?.close();
      server.stop();
      baselineServer?.stop();
    }
  },
};
