/**
 * `npm run bench -- --help` lists the flags and sections; `npm run bench [-- --only=<section>] ...` prints measured numbers, one section at a time.
 * Add a section by writing a BenchSection and listing it in SECTIONS.
 */
import { availableParallelism, loadavg } from 'node:os';
import { browserBench } from './browser';
import { lowbitBrowser } from './lowbit-browser';
import { lowbitNode } from './lowbit-node';
import { mobilenetNode } from './mobilenet-node';
import { mobilenetBrowser } from './mobilenet-browser';
import { quantizeNode } from './quantize-node';
import { quantizeBrowser } from './quantize-browser';
import { trainBrowserBench } from './train-browser';
import { trainProfileNode } from './train-profile-node';
import { trainSpeedNode } from './train-speed-node';
import type { BenchOptions, BenchRow, BenchSection } from './types';

const SECTIONS: BenchSection[] = [
  trainSpeedNode,
  quantizeNode,
  lowbitNode,
  mobilenetNode,
  browserBench,
  quantizeBrowser,
  lowbitBrowser,
  mobilenetBrowser,
  trainBrowserBench,
  trainProfileNode,
];

const FLAGS: Record<string, string> = {
  '--quick': 'smaller runs, extrapolated',
  '--only=<section>': 'run one section (ids below)',
  '--wasm-only': 'skip the WebGPU figures',
  '--baseline=<git ref>':
    'also measure that commit, built in a temporary worktree, in the same run (quantize-browser, mobilenet-browser; train-browser times its QAT epoch)',
  '--help': 'print this and exit',
};

function usage(): string {
  const flags = Object.entries(FLAGS).map(([f, what]) => `  ${f.padEnd(22)} ${what}`);
  const sections = SECTIONS.map((s) => `  ${s.id.padEnd(22)} ${s.title}`);
  return ['npm run bench [-- flags]', '', 'flags:', ...flags, '', 'sections:', ...sections].join('\n');
}

function parseArgs(argv: string[]): BenchOptions & { only?: string } {
  const known = Object.keys(FLAGS).map((f) => f.replace(/=.*/, '='));
  const unknown = argv.filter((a) => !known.some((k) => (k.endsWith('=') ? a.startsWith(k) : a === k)));
  if (unknown.length > 0) throw new Error(`Unknown bench flag(s) ${unknown.join(' ')}\n\n${usage()}`);
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const baseline = argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
  return { quick: argv.includes('--quick'), wasmOnly: argv.includes('--wasm-only'), only, baseline };
}

function printRows(rows: BenchRow[]) {
  const width = Math.max(...rows.map((r) => r.label.length), 10);
  for (const r of rows) {
    const value = typeof r.value === 'number' ? r.value.toFixed(r.digits ?? 2) : r.value;
    console.log(`  ${r.label.padEnd(width)}  ${`${value} ${r.unit}`.padEnd(22)}${r.note ? `  ${r.note}` : ''}`);
  }
}

/**
 * A warning when other processes compete for the CPU. The bench itself keeps about one core busy,
 * so a 1-minute load average above (cores - 0.5) means someone else is running too.
 */
function loadNote(): string | undefined {
  const cores = availableParallelism();
  const [one] = loadavg();
  return one > cores - 0.5
    ? `note: load average ${one.toFixed(1)} on ${cores} cores: other processes are running, timings are noisy`
    : undefined;
}

async function main() {
  if (process.argv.includes('--help')) {
    console.log(usage());
    return;
  }
  const opts = parseArgs(process.argv.slice(2));
  const sections = SECTIONS.filter((s) => opts.only == null || s.id === opts.only);
  if (sections.length === 0)
    throw new Error(`No bench section "${opts.only}"; have ${SECTIONS.map((s) => s.id).join(', ')}`);
  console.log(
    `Quantization Lab bench${opts.quick ? ' (--quick: smaller runs, extrapolated)' : ''}; Node ${process.version}`,
  );
  const started = performance.now();
  for (const section of sections) {
    console.log(`\n## ${section.title}`);
    const before = loadNote();
    if (before) console.log(`  ${before}`);
    const sectionStarted = performance.now();
    try {
      printRows(await section.run(opts));
    } catch (error) {
      // One broken section (e.g. no Chromium) should not hide the others' numbers.
      process.exitCode = 1;
      console.log(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    const after = loadNote();
    console.log(
      `  (section took ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s${after ? `; ${after.slice('note: '.length)}` : ''})`,
    );
  }
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
