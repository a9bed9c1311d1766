/**
 * `npm run bench [-- --quick] [-- --only=<section>]`: prints measured numbers, one section at a time.
 * Add a section by writing a BenchSection and listing it in SECTIONS (browser and quantization
 * sections are planned).
 */
import { trainSpeedNode } from './train-speed-node';
import type { BenchOptions, BenchRow, BenchSection } from './types';

const SECTIONS: BenchSection[] = [trainSpeedNode];

function parseArgs(argv: string[]): BenchOptions & { only?: string } {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return { quick: argv.includes('--quick'), only };
}

function printRows(rows: BenchRow[]) {
  const width = Math.max(...rows.map((r) => r.label.length), 10);
  for (const r of rows) {
    const value = typeof r.value === 'number' ? r.value.toFixed(r.digits ?? 2) : r.value;
    console.log(`  ${r.label.padEnd(width)}  ${`${value} ${r.unit}`.padEnd(22)}${r.note ? `  ${r.note}` : ''}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const sections = SECTIONS.filter((s) => opts.only == null || s.id === opts.only);
  if (sections.length === 0) throw new Error(`No bench section "${opts.only}"; have ${SECTIONS.map((s) => s.id).join(', ')}`);
  console.log(`Quantization Lab bench${opts.quick ? ' (--quick: smaller runs, extrapolated)' : ''}; Node ${process.version}`);
  for (const section of sections) {
    console.log(`\n## ${section.title}`);
    printRows(await section.run(opts));
  }
}

await main();
