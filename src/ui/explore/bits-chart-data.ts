/** The explorer's chart rows, without React: one row per bit-width, one column per granularity. Pure. */
import type { BitsSeries, WeightGranularity } from '../../core/quant/bits-sweep';

export type BitsRow = { bits: number } & Partial<Record<WeightGranularity, number>>;

/** Rows sorted by bits, widest first (the chart reads left to right from 8 bits down). */
export function bitsChartRows(series: readonly BitsSeries[]): BitsRow[] {
  const rows = new Map<number, BitsRow>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.bits) ?? { bits: p.bits };
      row[s.granularity] = p.accuracy;
      rows.set(p.bits, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.bits - a.bits);
}

/** The lower end of the accuracy axis: 5 points under the lowest measured accuracy, in steps of 5, at least 0. */
export function bitsAxisMin(rows: readonly BitsRow[]): number {
  const values = rows.flatMap((r) => [r['per-channel'], r['per-tensor']]).filter((v) => v !== undefined);
  if (values.length === 0) return 0;
  return Math.max(0, Math.floor((Math.min(...values) - 0.05) * 20) / 20);
}
