import { startTransition, useEffect, useState } from 'react';
import { measureSince } from './user-timing';

/**
 * Views waiting for their turn, first come first served. Each turn renders and commits one view, as
 * a transition of its own: the next turn starts (after a `setTimeout(0)`) once that view has
 * committed, so no two chart redraws share a commit. A chart redraw costs tens of milliseconds, and
 * several in one commit made tasks of several hundred (issue 16: the page's longest task while
 * training must stay under 100 ms). A transition, not flushSync: flushSync also rendered whatever
 * else was pending on the page (the sections of a staged reveal) in the same task.
 */
interface Turn {
  show: () => void;
  /** The view's name, for the User Timing measure of its turn (`npm run bench` reads them). */
  name: string;
  started?: number;
}

const waiting: Turn[] = [];
let current: Turn | undefined;
let scheduled = false;

function schedule(): void {
  if (scheduled || current || waiting.length === 0) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    if (current) return;
    current = waiting.shift();
    if (!current) return;
    current.started = performance.now();
    startTransition(current.show);
  }, 0);
}

/** The current turn's view committed (or went away): the next turn may start. */
function endTurn(turn: Turn): void {
  if (current !== turn) return;
  current = undefined;
  measureSince(`turn: ${turn.name}`, turn.started!);
  schedule();
}

/** Queues `show` for a turn of its own; the returned function takes it out of the queue (or ends it). */
function takeTurn(show: () => void, name: string): Turn & { cancel: () => void } {
  const turn: Turn = { show, name };
  waiting.push(turn);
  schedule();
  return Object.assign(turn, {
    cancel: () => {
      const i = waiting.indexOf(turn);
      if (i >= 0) waiting.splice(i, 1);
      endTurn(turn);
    },
  });
}

/**
 * `value` as a costly view should draw it: `undefined` on mount (draw a placeholder), then each new
 * `value` one turn later, in a render and commit of its own rather than in the commit that changed
 * it. `name` labels the turn's User Timing measure.
 */
export function useInTurn<T>(value: T, name: string): T | undefined {
  const [shown, setShown] = useState<{ value: T }>();
  useEffect(() => {
    if (shown && Object.is(shown.value, value)) return;
    // The cleanup ends the turn: it runs when the turn's value is shown (`shown` changed), or when a
    // newer value or an unmount makes it moot.
    return takeTurn(() => setShown({ value }), name).cancel;
  }, [value, shown, name]);
  return shown?.value;
}
