import { useDeferredValue, useState } from 'react';

/**
 * `value`, except while `hold` is true: then the value it had on the last render before `hold` turned
 * true. The quantize run holds the results the heavy panels (charts, confusion matrix, deploy checks)
 * show, so each new result row re-renders only the table. The value is deferred (useDeferredValue): when
 * the run ends, the page first shows the last row, then the panels catch up in an interruptible render.
 */
export function useHeldWhile<T>(value: T, hold: boolean): T {
  const [held, setHeld] = useState(value);
  if (!hold && held !== value) setHeld(value);
  return useDeferredValue(hold ? held : value);
}
