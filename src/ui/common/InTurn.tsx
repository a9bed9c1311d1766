import type { ReactNode } from 'react';
import { useInTurn } from './use-in-turn';

interface Props {
  /** The view's name, for its turn's User Timing measure. */
  name: string;
  /** The placeholder's height until the first turn, so the page does not move. */
  height: number;
  children: ReactNode;
}

/**
 * A costly view (a chart) that reaches the page in a turn of its own (useInTurn): a new `children`
 * element is drawn one turn after the render that made it, not in that render's commit, so a page
 * section with several charts commits them one per task. Put it inside a memoized component, so a
 * new element means new data.
 */
export function InTurn({ name, height, children }: Props) {
  const shown = useInTurn(children, name);
  return shown === undefined ? <div style={{ height }} aria-hidden="true" /> : <>{shown}</>;
}
