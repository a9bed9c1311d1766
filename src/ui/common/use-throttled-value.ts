import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once every `intervalMs` (the latest one, after the interval) and at once
 * when `flush` holds, as a transition: for views that are costly to redraw, such as charts fed by ten
 * progress reports a second, so that each redraw is rare and never blocks an urgent update.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, flush = false): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const show = () => {
      last.current = performance.now();
      startTransition(() => setShown(value));
    };
    const wait = last.current + intervalMs - performance.now();
    if (flush || wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs, flush]);
  return shown;
}
