/**
 * Where the page's main thread spends its time, from Chromium's sampling profiler (CDP): self time per
 * function over the whole run, and what the longest busy stretch (the longest task, seen from the
 * profiler's side) was doing, by self and by inclusive time. Build with BENCH_MINIFY=0 for readable names.
 */
import type { Page } from '@playwright/test';
import type { BenchWindow } from './browser';
import type { BenchRow } from './types';

interface CpuProfileNode {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface TimeByFunction {
  name: string;
  ms: number;
}

export interface MainThreadProfile {
  /** Self time per function, ms, largest first, idle left out. */
  selfTimes: TimeByFunction[];
  /** The longest task (Long Tasks API; else the longest run of busy samples): its length and what ran in it. */
  longest: {
    ms: number;
    what: string;
    /** User Timing measures that started in it (the page's sections and views, by name). */
    measures: TimeByFunction[];
    self: TimeByFunction[];
    inclusive: TimeByFunction[];
  };
}

const INTERVAL_US = 500;

function frameName(node: CpuProfileNode): string {
  const f = node.callFrame;
  const file = f.url.split('/').pop() ?? '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
}

const sorted = (totals: Map<string, number>): TimeByFunction[] =>
  [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);

/** Self and inclusive times of samples [from, to) (each function counted once per sample for inclusive). */
function breakdown(
  profile: CpuProfile,
  byId: Map<number, CpuProfileNode>,
  parents: Map<number, number>,
  from = 0,
  to = profile.samples.length,
) {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (let i = from; i < to; i++) {
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const name = frameName(node);
    if (name === '(idle)') continue;
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parents.get(id)) {
      const n = frameName(byId.get(id)!);
      if (n === '(root)' || seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + ms);
    }
  }
  return { self: sorted(self), inclusive: sorted(inclusive) };
}

/** Starts the sampling profiler on the page's main thread; the returned function stops it and reads it. */
export async function startMainThreadProfile(page: Page): Promise<() => Promise<MainThreadProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  await cdp.send('Profiler.start');
  // The page clock at the profile's start, to within the round trip: long tasks are in page time.
  const pageStart = await page.evaluate(() => performance.now());
  return async () => {
    const { profile: raw } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const profile: CpuProfile = { nodes: raw.nodes, samples: raw.samples ?? [], timeDeltas: raw.timeDeltas ?? [] };
    const tasks = await page.evaluate(() => (window as unknown as BenchWindow).__benchLongTasks);
    const task = tasks.filter((t) => t.start >= pageStart).sort((a, b) => b.duration - a.duration)[0];
    // The page's User Timing measures (a section's render to commit, a view's turn) inside that task.
    const measures = task
      ? await page.evaluate(
          ({ start, end }) =>
            performance
              .getEntriesByType('measure')
              .filter((m) => m.startTime >= start && m.startTime <= end)
              .map((m) => ({ name: m.name, ms: m.duration })),
          { start: task.start, end: task.start + task.duration },
        )
      : [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n as CpuProfileNode]));
    const parents = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
    if (task) {
      // The samples inside the longest task (Long Tasks API), by their time since the profile's start.
      let t = 0;
      let from = -1;
      let to = 0;
      profile.samples.forEach((_, i) => {
        t += (profile.timeDeltas[i] ?? 0) / 1000;
        const page = pageStart + t;
        if (page >= task.start && page <= task.start + task.duration) {
          if (from < 0) from = i;
          to = i + 1;
        }
      });
      if (from >= 0)
        return {
          selfTimes: breakdown(profile, byId, parents).self,
          longest: {
            ms: task.duration,
            what: 'longest task',
            measures,
            ...breakdown(profile, byId, parents, from, to),
          },
        };
    }
    // No long task: the longest stretch of consecutive non-idle samples (a delta is the time since the sample before).
    let best = { from: 0, to: 0, ms: 0 };
    let from = 0;
    let ms = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      if (!node || frameName(node) === '(idle)') {
        from = i + 1;
        ms = 0;
        return;
      }
      ms += (profile.timeDeltas[i] ?? 0) / 1000;
      if (ms > best.ms) best = { from, to: i + 1, ms };
    });
    return {
      selfTimes: breakdown(profile, byId, parents).self,
      longest: {
        ms: best.ms,
        what: 'longest busy stretch',
        measures: [],
        ...breakdown(profile, byId, parents, best.from, best.to),
      },
    };
  };
}

/** Bench rows: total busy time and the top functions, then the longest busy stretch's top functions. */
export function profileRows(label: string, profile: MainThreadProfile, what: string, top = 6): BenchRow[] {
  const total = profile.selfTimes.reduce((a, f) => a + f.ms, 0);
  const line = (f: TimeByFunction) => ({ label: `    ${f.name.slice(0, 70)}`, value: f.ms, unit: 'ms', digits: 0 });
  return [
    { label, value: total, unit: 'ms', digits: 0, note: `main-thread busy time ${what} (CDP sampling profile)` },
    ...profile.selfTimes.slice(0, top).map(line),
    {
      label: `  ${profile.longest.what}`,
      value: profile.longest.ms,
      unit: 'ms',
      digits: 0,
      note: 'the User Timing measures in it, then its samples by self and inclusive time (BENCH_MINIFY=0 for names)',
    },
    ...profile.longest.measures.map(line),
    { label: '  self', value: '', unit: '' },
    ...profile.longest.self.slice(0, top).map(line),
    { label: '  inclusive', value: '', unit: '' },
    ...profile.longest.inclusive.slice(0, top).map(line),
  ];
}
