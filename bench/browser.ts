import { unzipSync } from 'fflate';
import type { Browser, Page } from '@playwright/test';
import type { LabReport } from '../src/core/report/report';
import { DEFAULT_QUANT_MODES } from '../src/core/modes/lab-modes';
import { BASE_URL, buildApp, launchChromium, startPreview } from './browser-app';
import type { BenchRow, BenchSection } from './types';

const EPOCH_IMAGES = 60000;
const BATCH = 32;

/** One text of data-testid="train-status", stamped with the page's performance.now() (ms). */
export interface StatusRecord {
  t: number;
  batch: number;
  batches: number;
  /** "X s elapsed" as the training worker measured it (its own clock; 0.1 s steps under 10 s, else 1 s). */
  elapsed: number;
}

export interface BenchWindow {
  __benchStatus: { t: number; text: string }[];
  __benchClick: number;
  /** Main-thread tasks over 50 ms (the Long Tasks API): page-clock start and duration, ms. */
  __benchLongTasks: { start: number; duration: number }[];
}

/** The longest main-thread task (ms) that started at or after `since` (page clock), 0 when none passed 50 ms. */
export async function longestTask(page: Page, since: number): Promise<number> {
  const tasks = await page.evaluate(() => (window as unknown as BenchWindow).__benchLongTasks);
  return Math.max(0, ...tasks.filter((t) => t.start >= since).map((t) => t.duration));
}

/** Opens the lab with URL settings and waits until MNIST is loaded and a backend is running. */
export async function openLab(
  browser: Browser,
  query: string,
  baseUrl = BASE_URL,
  options: { withoutFusedKernels?: boolean } = {},
): Promise<{ page: Page; backend: string; close: () => Promise<void> }> {
  // withoutFusedKernels: the kernel files answer 404 (and no service worker serves them), so training runs
  // on tfjs ops, the path before the fused step: a same-run baseline.
  const context = await browser.newContext({
    acceptDownloads: true,
    serviceWorkers: options.withoutFusedKernels ? 'block' : 'allow',
  });
  if (options.withoutFusedKernels)
    await context.route('**/wasm/kernels/**', (route) => route.fulfill({ status: 404, body: 'blocked by the bench' }));
  const page = await context.newPage();
  // Kept for the error message when the page never becomes ready (LiteRT's INFO lines are console errors too).
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text().slice(0, 300)}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    await page.goto(`${baseUrl}/?${query}`);
    await page.getByTestId('data-ready').waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="backend-active"]')?.textContent?.includes('running on'),
      undefined,
      { timeout: 120_000 },
    );
  } catch (error) {
    const body = (
      await page
        .locator('body')
        .innerText()
        .catch(() => '')
    )
      .replace(/\s+/g, ' ')
      .slice(0, 600);
    await context.close();
    throw new Error(
      `the lab at /?${query} did not become ready: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n  page text: ${body}\n  ${problems.slice(0, 10).join('\n  ')}`,
      { cause: error },
    );
  }
  return { page, backend: (await page.getByTestId('backend-active').innerText()).trim(), close: () => context.close() };
}

/**
 * Clicks "train-start" from inside the page and records every change of the status line with the
 * page's clock, so the batches' timing can be read without the per-epoch test evaluation.
 */
export async function startTraining(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.__benchStatus = [];
    w.__benchLongTasks = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.__benchLongTasks.push({ start: e.startTime, duration: e.duration })),
    ).observe({ type: 'longtask' });
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="train-status"]')?.textContent ?? '';
      if (text !== last) {
        last = text;
        w.__benchStatus.push({ t: performance.now(), text });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    w.__benchClick = performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid="train-start"]')!.click();
  });
}

/**
 * Status lines of batch progress so far ("batch k/N" with k < N: k = N is also the line shown after
 * the test evaluation), and whether the last batch has been reached.
 */
export async function batchRecords(page: Page): Promise<{ click: number; records: StatusRecord[]; ended: boolean }> {
  const { click, status } = await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    return { click: w.__benchClick, status: w.__benchStatus };
  });
  const records: StatusRecord[] = [];
  let ended = false;
  for (const s of status) {
    const m = /epoch 1\/\d+, batch (\d+)\/(\d+)/.exec(s.text);
    if (!m) continue;
    const e = /(?:(\d+) min )?([\d.]+) s elapsed/.exec(s.text);
    const elapsed = e ? Number(e[1] ?? 0) * 60 + Number(e[2]) : Number.NaN;
    if (Number(m[1]) < Number(m[2])) records.push({ t: s.t, batch: Number(m[1]), batches: Number(m[2]), elapsed });
    else ended = true;
  }
  return { click, records, ended };
}

/**
 * Polls the status records until batch `target` has been reported, the epoch's last batch has
 * been reached (status lines are throttled to one per 100 ms, so some batches are never shown),
 * or the time is up.
 */
async function waitForBatch(page: Page, target: number, timeoutMs: number): Promise<StatusRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { records, ended } = await batchRecords(page);
    const failed = (await page.getByTestId('train-error').count()) > 0;
    if (ended || failed || (records.at(-1)?.batch ?? 0) >= target || Date.now() > deadline) return records;
    await page.waitForTimeout(200);
  }
}

/**
 * Steady-state seconds per 60,000-image epoch from the first and last status lines (excludes the
 * first batch's warm-up), by the page's clock (when the line was shown) or the worker's "elapsed".
 */
export function steadyEpochSeconds(records: StatusRecord[], clock: 'page' | 'worker'): number {
  if (records.length < 2) return Number.NaN;
  const first = records[0];
  const last = records[records.length - 1];
  if (last.batch <= first.batch) return Number.NaN;
  const spanSeconds = clock === 'page' ? (last.t - first.t) / 1000 : last.elapsed - first.elapsed;
  return (spanSeconds / (last.batch - first.batch)) * (EPOCH_IMAGES / BATCH);
}

interface SubsetRun {
  backend: string;
  images: number;
  secondsPerEpoch: number;
  /** The same rate by the training worker's own clock. */
  workerSecondsPerEpoch: number;
  batchesTimed: string;
  /** data-testid="train-error" when training stopped with an error. */
  error?: string;
}

/**
 * Trains on a subset and times batches from the status line, then closes the page without waiting
 * for the test evaluation (10,000 images on the CPU backend take ~5 s; on SwiftShader WebGPU, minutes).
 */
async function timeSubset(
  browser: Browser,
  backend: 'cpu' | 'webgpu',
  images: number,
  timeoutMs: number,
): Promise<SubsetRun> {
  const lab = await openLab(browser, `limit=${images}&backend=${backend}`);
  try {
    const batches = Math.ceil(images / BATCH);
    await startTraining(lab.page);
    const records = await waitForBatch(lab.page, batches - 1, timeoutMs);
    const first = records[0];
    const last = records.at(-1);
    return {
      backend: lab.backend,
      images,
      secondsPerEpoch: steadyEpochSeconds(records, 'page'),
      workerSecondsPerEpoch: steadyEpochSeconds(records, 'worker'),
      error:
        (await lab.page.getByTestId('train-error').count()) > 0
          ? await lab.page.getByTestId('train-error').innerText()
          : undefined,
      batchesTimed: first && last ? `batches ${first.batch}-${last.batch} of ${batches}` : 'no batch reported',
    };
  } finally {
    await lab.close();
  }
}

/** WebGPU adapter as the page sees it, e.g. "google swiftshader (fallback adapter)". */
async function describeAdapter(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    return await page.evaluate(async () => {
      interface Info {
        vendor: string;
        architecture: string;
        isFallbackAdapter?: boolean;
      }
      const gpu = (
        navigator as unknown as {
          gpu?: { requestAdapter(): Promise<{ info?: Info; isFallbackAdapter?: boolean } | null> };
        }
      ).gpu;
      const adapter = await gpu?.requestAdapter();
      if (!adapter) return 'no WebGPU adapter';
      const info = adapter.info;
      // isFallbackAdapter moved from the adapter to adapter.info in newer Chromium.
      const fallback = info?.isFallbackAdapter ?? adapter.isFallbackAdapter;
      return `${info?.vendor ?? '?'} ${info?.architecture ?? '?'}${fallback ? ', fallback adapter' : ''}`;
    });
  } finally {
    await context.close();
  }
}

/** A subset run's row; a run that stopped with an error is printed as failed, with its partial timing. */
function subsetRow(name: string, r: SubsetRun, prefix?: string): BenchRow {
  const how = `extrapolated from ${r.batchesTimed} (${r.images} images), steady state, page clock; worker clock ${r.workerSecondsPerEpoch.toFixed(1)} s/epoch; ${r.backend}`;
  const note = [prefix, how].filter(Boolean).join('; ');
  if (r.error)
    return {
      label: `${name}, training only`,
      value: 'FAILED',
      unit: '',
      note: `${r.error} (before failing: ${r.secondsPerEpoch.toFixed(1)} s/epoch; ${note})`,
    };
  return { label: `${name}, training only`, value: r.secondsPerEpoch, unit: 's/epoch', digits: 1, note };
}

const seconds = (v: number | undefined, digits = 2) =>
  v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(digits)} s`;
const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(3)} ms`);

/** Trains on wasm in the real app, then quantizes into every mode and reads the zip's report.json. */
async function wasmTrainAndQuantize(
  browser: Browser,
  images: number,
  rows: BenchRow[],
  quick: boolean,
): Promise<number> {
  const lab = await openLab(browser, `limit=${images}&backend=wasm`);
  try {
    const { page } = lab;
    await startTraining(page);
    await page.getByTestId('test-accuracy').waitFor({ timeout: quick ? 300_000 : 900_000 });
    const { click, records } = await batchRecords(page);
    const batches = Math.ceil(images / BATCH);
    const last = records.at(-1);
    // Click to the last batch line, scaled to the whole epoch: training only, warm-up included.
    const trainOnly = last ? ((last.t - click) / 1000) * (batches / last.batch) * (EPOCH_IMAGES / images) : Number.NaN;
    const summary = await page.getByTestId('trained-summary').innerText();
    const summarySeconds = Number(/([\d.]+) s of training/.exec(summary)?.[1] ?? Number.NaN);
    const accuracy = await page.getByTestId('test-accuracy').innerText();
    const how = images === EPOCH_IMAGES ? 'full epoch' : `extrapolated from ${images} images`;
    rows.push(
      {
        label: 'wasm, training only',
        value: trainOnly,
        unit: 's/epoch',
        digits: 1,
        note: `${how}; click to last "batch k/N" status line x N/k; ${lab.backend}`,
      },
      {
        label: 'wasm, app summary (incl. test eval)',
        value: summarySeconds,
        unit: 's',
        digits: 1,
        note: `"N s of training" for ${images} images: batches + evaluation of 10,000 test images; test accuracy ${accuracy}`,
      },
    );

    rows.push({
      label: 'longest main-thread task while training',
      value: await longestTask(page, click),
      unit: 'ms',
      digits: 0,
      note: 'Long Tasks API; goal under 100 ms (training runs in a worker)',
    });
    const quantPageStart = await page.evaluate(() => performance.now());
    const quantStarted = performance.now();
    await page.getByTestId('quantize-run').click();
    for (const mode of DEFAULT_QUANT_MODES) await page.getByTestId(`result-row-${mode}`).waitFor({ timeout: 300_000 });
    await page.getByTestId('quantize-progress').waitFor({ state: 'detached', timeout: 120_000 });
    rows.push({
      label: `quantize all ${DEFAULT_QUANT_MODES.length} default modes (click to last row)`,
      value: (performance.now() - quantStarted) / 1000,
      unit: 's',
      digits: 1,
      note: 'convert + simulate + LiteRT.js run of 10,000 images, per mode, in the workers',
    });
    rows.push({
      label: 'longest main-thread task while quantizing',
      value: await longestTask(page, quantPageStart),
      unit: 'ms',
      digits: 0,
      note: 'Long Tasks API, from the click to the last row',
    });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all').click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const entries = unzipSync(new Uint8Array(readFileSync(path)));
    const reportBytes = entries['report.json'];
    if (!reportBytes) throw new Error(`report.json missing from ${download.suggestedFilename()}`);
    const report = JSON.parse(new TextDecoder().decode(reportBytes)) as LabReport;
    rows.push({
      label: 'report.json per mode',
      value: '',
      unit: '',
      note: 'convert / simulation / runtime seconds; latency median / p90; LiteRT.js accuracy',
    });
    for (const m of report.modes) {
      rows.push({
        label: `  ${m.mode}`,
        value: seconds(m.convert_seconds, 3),
        unit: '',
        note: `sim ${seconds(m.simulation_seconds)}, runtime ${seconds(m.runtime_seconds)}, latency ${ms(m.latency?.median_ms)} / ${ms(m.latency?.p90_ms)}, accuracy ${(m.accuracy * 100).toFixed(2)}%`,
      });
    }
    const engine = report.modes[0]?.accuracy_engine;
    if (engine) rows.push({ label: '  runtime engine', value: engine, unit: '' });
    return trainOnly;
  } finally {
    await lab.close();
  }
}

/**
 * The real app in headless Chromium: seconds per epoch on each backend and the quantization run
 * with its report.json, driven through data-testid selectors like the e2e tests.
 */
export const browserBench: BenchSection = {
  id: 'browser',
  title: 'In the browser: the built app in headless Chromium (vite preview), tutorial CNN, batch 32',
  async run({ quick, wasmOnly }) {
    const rows: BenchRow[] = [];
    const buildSeconds = await buildApp();
    rows.push({
      label: 'vite build',
      value: buildSeconds,
      unit: 's',
      digits: 1,
      note: 'into bench/.browser-dist (dist/ is left to npm test)',
    });
    const server = await startPreview();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      rows.push({ label: 'chromium', value: browser.version(), unit: '' });
      const wasmImages = quick ? 12000 : EPOCH_IMAGES;
      const wasm = await wasmTrainAndQuantize(browser, wasmImages, rows, quick);
      if (wasmOnly) return rows;

      const cpu = await timeSubset(browser, 'cpu', 1000, 120_000);
      rows.push(subsetRow('cpu', cpu));

      const adapter = await describeAdapter(browser);
      // More than the ~320 images first planned: status lines are throttled (one per 100 ms or more), and
      // the steady-state rate needs several of them after the first batches' shader compilation.
      const webgpu = await timeSubset(browser, 'webgpu', quick ? 640 : 960, quick ? 90_000 : 180_000);
      rows.push(subsetRow('webgpu', webgpu, `SOFTWARE adapter (${adapter}), not a GPU`));

      rows.push(
        { label: 'wasm speed-up over cpu', value: cpu.secondsPerEpoch / wasm, unit: 'x', digits: 1 },
        webgpu.error
          ? {
              label: 'webgpu (SwiftShader) speed-up over cpu',
              value: '–',
              unit: '',
              note: 'training on webgpu failed (above)',
            }
          : {
              label: 'webgpu (SwiftShader) speed-up over cpu',
              value: cpu.secondsPerEpoch / webgpu.secondsPerEpoch,
              unit: 'x',
              digits: 2,
            },
      );
      return rows;
    } finally {
      await browser?.close();
      server.stop();
    }
  },
};
