/**
 * The MobileNet-sized model (bench/mobilenet-fixture.ts: 224x224x3, about 3.2 M parameters, random weights)
 * through the page, headless Chromium: the .h5 chosen in `import-model`, 100 PNG images (smooth random
 * patterns encoded by the browser) dropped on `calibration-images`, then every default mode quantized and
 * run in LiteRT.js in the lab worker, scored by agreement with the float model. Times are click-to-state;
 * peak memory is the summed resident set of this run's Chromium processes, sampled every 250 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { DEFAULT_QUANT_MODES } from '../src/core/modes/lab-modes';
import { BASE_URL, BASELINE_PORT, buildApp, checkoutRef, launchChromium, startPreview } from './browser-app';
import { mobilenetH5 } from './mobilenet-fixture';
import type { BenchRow, BenchSection } from './types';

const GOAL_ALL_MODES_SECONDS = 60;

/** /proc/<pid>/stat counts CPU time in clock ticks: 100 a second on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** Parent pid, name, resident set and CPU time (user + system ticks) of every process, from /proc. */
function processTree(): Map<number, { ppid: number; comm: string; rssKiB: number; ticks: number }> {
  const tree = new Map<number, { ppid: number; comm: string; rssKiB: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' '); // fields[0] is stat field 3 (state)
      const ppid = Number(fields[1]);
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'));
      tree.set(Number(name), { ppid, comm, rssKiB: rss ? Number(rss[1]) : 0, ticks });
    } catch {
      // the process ended while we read it
    }
  }
  return tree;
}

/**
 * Summed RSS (MiB) and CPU time (s) of the Chromium processes descended from this Node process. CPU time
 * is what a stage costs whatever else the shared machine runs (wall time grows with the load average).
 */
function chromiumUsage(): { rssMiB: number; cpuSeconds: number } {
  const tree = processTree();
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of tree)
      if (!ours.has(pid) && ours.has(p.ppid)) {
        ours.add(pid);
        grew = true;
      }
  }
  let kib = 0;
  let ticks = 0;
  for (const pid of ours) {
    const p = tree.get(pid);
    if (p && /chrom/i.test(p.comm)) {
      kib += p.rssKiB;
      ticks += p.ticks;
    }
  }
  return { rssMiB: kib / 1024, cpuSeconds: ticks / TICKS_PER_SECOND };
}

/** One run of the page at `baseUrl`: import, drop, every mode; its rows labelled with `tag` when given. */
async function measure(
  browser: Browser,
  baseUrl: string,
  count: number,
  h5: Uint8Array,
  quick: boolean,
  tag = '',
): Promise<{ rows: BenchRow[]; all: number; cpuAll: number; peak: number }> {
  const rows: BenchRow[] = [];
  const label = (l: string) => (tag ? `${tag}: ${l}` : l);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumUsage().rssMiB)), 250);
  const page = await browser.newPage();
  try {
    await page.goto(`${baseUrl}/?backend=wasm&modes=${DEFAULT_QUANT_MODES.join(',')}`);
    await page.getByTestId('data-ready').waitFor({ timeout: 120_000 });
    let started = performance.now();
    await page
      .getByTestId('import-model')
      .setInputFiles({ name: 'mobilenet.h5', mimeType: 'application/octet-stream', buffer: Buffer.from(h5) });
    await page.getByText('224×224×3').first().waitFor({ timeout: 300_000 });
    rows.push({
      label: label('import the .h5 in the page'),
      value: (performance.now() - started) / 1000,
      unit: 's',
      note: `${(h5.length / 1e6).toFixed(1)} MB; ${load()}; ${(await page.getByTestId('imported-summary').innerText()).slice(0, 90)}`,
    });

    started = performance.now();
    // Encoded and dropped inside the page: 100 images never cross to Node and back.
    await page.evaluate(async (n) => {
      const dt = new DataTransfer();
      for (let i = 0; i < n; i++) {
        const canvas = new OffscreenCanvas(256, 240);
        const context = canvas.getContext('2d')!;
        const image = context.createImageData(256, 240);
        for (let y = 0; y < 240; y++)
          for (let x = 0; x < 256; x++) {
            const at = (y * 256 + x) * 4;
            image.data[at] = 128 + 127 * Math.sin(x / (9 + (i % 7)) + i);
            image.data[at + 1] = 128 + 127 * Math.cos(y / (6 + (i % 5)) - i);
            image.data[at + 2] = 128 + 127 * Math.sin((x + y) / (11 + (i % 3)));
            image.data[at + 3] = 255;
          }
        context.putImageData(image, 0, 0);
        dt.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], `img-${i}.png`));
      }
      document
        .querySelector('[data-testid="calibration-drop"]')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, count);
    await page.locator(`[data-testid="calibration-ready"][data-count="${count}"]`).waitFor({ timeout: 300_000 });
    rows.push({
      label: label(`encode + drop + decode ${count} PNGs`),
      value: (performance.now() - started) / 1000,
      unit: 's',
      note: '256x240 PNGs resized to 224x224x3 in the page',
    });

    // The page's step line (data-step: reference, convert:<mode>, run:<mode>), timed as it changes.
    // A string, not a function: tsx would wrap named functions in a `__name` helper the page lacks.
    await page.evaluate(`(() => {
        const steps = (window.benchSteps = []);
        const note = () => {
          const el = document.querySelector('[data-testid="unlabelled-progress"]');
          const step = el ? el.getAttribute('data-step') : 'idle';
          if (steps.length === 0 || steps[steps.length - 1].step !== step) steps.push({ step, at: performance.now() });
        };
        new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
        note();
      })()`);
    // CPU time of the Chromium processes, charged every 250 ms to the step the page shows.
    const cpuByStep = new Map<string, number>();
    let polling = true;
    const cpuStarted = chromiumUsage().cpuSeconds;
    const poll = (async () => {
      let last = cpuStarted;
      while (polling) {
        await new Promise((r) => setTimeout(r, 250));
        const step = String(
          await page.evaluate(
            `window.benchSteps.length ? window.benchSteps[window.benchSteps.length - 1].step : 'idle'`,
          ),
        );
        const now = chromiumUsage().cpuSeconds;
        cpuByStep.set(step, (cpuByStep.get(step) ?? 0) + now - last);
        last = now;
      }
    })();
    started = performance.now();
    await page.getByTestId('unlabelled-run').click();
    await page
      .locator('[data-testid="unlabelled-modes"]:is([data-state="done"], [data-state="failed"])')
      .waitFor({ timeout: 1_800_000 });
    const all = (performance.now() - started) / 1000;
    const cpuAll = chromiumUsage().cpuSeconds - cpuStarted;
    polling = false;
    await poll;
    const steps = await page.evaluate(() => {
      const s = (window as unknown as { benchSteps: { step: string; at: number }[] }).benchSteps;
      return s.slice(0, -1).map((x, i) => ({ step: x.step, seconds: (s[i + 1]!.at - x.at) / 1000 }));
    });
    for (const s of steps.filter((x) => x.step !== 'idle'))
      rows.push({
        label: label(`  step ${s.step}`),
        value: s.seconds,
        unit: 's',
        note: `wall, from the page step line; CPU ${(cpuByStep.get(s.step) ?? 0).toFixed(1)} s (Chromium processes)`,
      });
    for (const mode of DEFAULT_QUANT_MODES) {
      const row = page.getByTestId(`unlabelled-row-${mode}`);
      const text = (await row.count()) ? (await row.innerText()).replace(/\s+/g, ' ') : 'no row';
      const latency = page.getByTestId(`unlabelled-latency-${mode}`);
      const engine = (await latency.count()) ? await latency.getAttribute('data-engine') : null;
      rows.push({ label: label(mode), value: text.slice(0, 200), unit: '', note: engine ?? undefined });
    }
    rows.push({
      label: label('all modes (float reference, calibration, every mode in LiteRT.js)'),
      value: all,
      unit: 's',
      note: `click to done, ${count} images; ${all <= GOAL_ALL_MODES_SECONDS ? 'meets' : 'MISSES'} goal <= ${GOAL_ALL_MODES_SECONDS} s${quick ? ' (--quick: fewer images)' : ''}`,
    });
    rows.push({
      label: label('all modes: CPU time of the Chromium processes'),
      value: cpuAll,
      unit: 's',
      note: 'user + system, all threads: what the run costs whatever the load (2 cores: wall >= CPU / 2)',
    });
    rows.push({
      label: label('peak memory (Chromium processes, summed RSS)'),
      value: peak,
      unit: 'MiB',
      digits: 0,
      note: 'sampled every 250 ms; shared pages counted once per process',
    });
    return { rows, all, cpuAll, peak };
  } finally {
    clearInterval(sampler);
    await page.close();
  }
}

const load = () => `load ${loadavg()[0].toFixed(1)}`;

export const mobilenetBrowser: BenchSection = {
  id: 'mobilenet-browser',
  title: 'MobileNet-sized import in Chromium: 224x224x3 .h5 in the page, 100 dropped PNGs, every default mode',
  /** `--baseline=<ref>` also builds and measures that git ref first, in the same Chromium (default: none). */
  async run({ quick, baseline: baselineRef = 'none' }) {
    const count = quick ? 20 : 100;
    const rows: BenchRow[] = [];
    await buildApp();
    let baselineServer: { stop(): void } | undefined;
    if (baselineRef !== 'none') {
      const dir = checkoutRef(baselineRef);
      await buildApp(dir, 'dist-bench');
      baselineServer = await startPreview(60_000, { root: dir, outDir: 'dist-bench', port: BASELINE_PORT });
    }
    const server = await startPreview();
    const browser = await launchChromium();
    try {
      const h5 = await mobilenetH5();
      const baseline = baselineServer
        ? await measure(browser, `http://127.0.0.1:${BASELINE_PORT}`, count, h5, quick, baselineRef)
        : undefined;
      const run = await measure(browser, BASE_URL, count, h5, quick);
      if (baseline) {
        rows.push(...baseline.rows, ...run.rows);
        rows.push({
          label: `speed-up over ${baselineRef}`,
          value: baseline.all / run.all,
          unit: 'x',
          note: `wall ${baseline.all.toFixed(1)} s -> ${run.all.toFixed(1)} s; Chromium CPU ${baseline.cpuAll.toFixed(1)} s -> ${run.cpuAll.toFixed(1)} s; peak ${baseline.peak.toFixed(0)} -> ${run.peak.toFixed(0)} MiB`,
        });
      } else rows.push(...run.rows);
      return rows;
    } finally {
      await browser.close();
      server.stop();
      baselineServer?.stop();
    }
  },
};
