import { useState } from 'react';
import { sweepPointFromEntry, type SweepPoint } from '../../core/compress/sweep-series';
import type { ModeReport } from '../../core/report/report';

/**
 * Every file measured in this session as an accuracy-vs-gzip point, kept across model changes, so
 * pruning to several sparsities and quantizing each builds the sweep chart by hand (the CLI's
 * --prune-sweep does it in one run). The latest measurement of a series and mode wins.
 */
export function useSweepHistory(entries: ModeReport[] | undefined): SweepPoint[] {
  const [history, setHistory] = useState<Record<string, SweepPoint>>({});
  const [seen, setSeen] = useState<ModeReport[] | undefined>(undefined);
  // Derived state updated during render (React's documented pattern for "adjusting state when a prop changes").
  if (entries !== seen) {
    setSeen(entries);
    const next = { ...history };
    for (const e of entries ?? []) {
      const p = sweepPointFromEntry(e);
      if (p && !e.mode.startsWith('file:')) next[`${p.series}|${p.mode}`] = p;
    }
    setHistory(next);
  }
  return Object.values(history);
}
