/**
 * Which tensors are live at each step of an arena plan, as rows a stacked bar chart can plot: one row per step,
 * one numeric column per planned tensor (its aligned bytes while live, 0 otherwise).
 */
import type { ArenaPlan } from './arena-plan';

export interface LiveTensorSeries {
  /** One column per planned tensor: `key` is the row field, `name` the tensor's name. */
  series: { key: string; name: string }[];
  /** One row per step: `step` label, `liveBytes` total, then one field per series key. */
  rows: ({ step: string; liveBytes: number } & Record<string, number | string>)[];
  /** The largest `liveBytes`: what a perfect planner would need (the greedy plan can need more). */
  peakLiveBytes: number;
}

/** The live-tensor series of a plan; see LiveTensorSeries. */
export function liveTensorSeries(plan: ArenaPlan): LiveTensorSeries {
  const series = plan.tensors.map((t) => ({ key: `t${t.tensor}`, name: t.name || `tensor ${t.tensor}` }));
  const rows = plan.steps.map((step, s) => {
    const row: { step: string; liveBytes: number } & Record<string, number | string> = { step, liveBytes: 0 };
    for (const t of plan.tensors) {
      const live = s >= t.first && s <= t.last;
      row[`t${t.tensor}`] = live ? t.alignedBytes : 0;
      if (live) row.liveBytes += t.alignedBytes;
    }
    return row;
  });
  return { series, rows, peakLiveBytes: rows.reduce((m, r) => Math.max(m, r.liveBytes), 0) };
}
