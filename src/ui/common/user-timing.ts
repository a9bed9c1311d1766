/**
 * The page's User Timing measures (a section's render to commit, a chart's turn): visible in DevTools'
 * performance panel, and `npm run bench` reads the ones inside the longest main-thread task. The
 * timeline keeps every measure, so past MAX_KEPT they are cleared, keeping memory flat in a long session.
 */
const MAX_KEPT = 2000;
let kept = 0;

/** Records `name` from `start` (performance.now()) to now. */
export function measureSince(name: string, start: number): void {
  if (++kept > MAX_KEPT) {
    performance.clearMeasures();
    kept = 1;
  }
  performance.measure(name, { start });
}
