import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Views waiting for their turn, first come first served. Each turn renders and commits one view
 * (flushSync) in a main-thread task of its own, with a `setTimeout(0)` before the next: a chart
 * redraw costs tens of milliseconds, and several in one commit made tasks of several hundred
 * (issue 16: the page's longest task while training must stay under 100 ms).
 */
const waiting: (() => void)[] = [];
let draining = false;

function drain(): void {
  const next = waiting.shift();
  if (!next) {
    draining = false;
    return;
  }
  flushSync(next);
  setTimeout(drain, 0);
}

/** Queues `show` for a turn of its own; the returned function takes it out of the queue. */
function takeTurn(show: () => void): () => void {
  waiting.push(show);
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
  return () => {
    const i = waiting.indexOf(show);
    if (i >= 0) waiting.splice(i, 1);
  };
}

/**
 * `value` as a costly view should draw it: `undefined` on mount (draw a placeholder), then each new
 * `value` one turn later, in a task of its own rather than in the commit that changed it.
 */
export function useInTurn<T>(value: T): T | undefined {
  const [shown, setShown] = useState<{ value: T }>();
  useEffect(() => {
    if (shown && Object.is(shown.value, value)) return;
    return takeTurn(() => setShown({ value }));
  }, [value, shown]);
  return shown?.value;
}
