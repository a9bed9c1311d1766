import { useEffect, useState } from 'react';

/**
 * How many of `count` page sections show the latest `key` (a trained model): when `key` changes,
 * the first `first` at once, then one more per main-thread task (a `setTimeout(0)` between them),
 * so that no single commit re-renders every panel a new model unlocks (graph layout, histograms,
 * charts: several hundred milliseconds together; issue 16, the longest task while training).
 * `count` whenever nothing is being revealed.
 */
export function useStagedReveal(key: unknown, count: number, first: number): number {
  const [stage, setStage] = useState({ key, shown: count });
  // Derived during render (React's pattern for state that follows a prop), so the commit in which
  // `key` changes already holds the later sections back.
  let shown = stage.shown;
  if (stage.key !== key) {
    shown = Math.min(first, count);
    setStage({ key, shown });
  }
  useEffect(() => {
    if (stage.shown >= count) return;
    const timer = setTimeout(() => setStage((s) => (s.key === stage.key ? { key: s.key, shown: s.shown + 1 } : s)), 0);
    return () => clearTimeout(timer);
  }, [stage, count]);
  return Math.min(shown, count);
}
