/**
 * Drawing without a pointer: the pen starts at the canvas's centre, each arrow key moves it one step (inking
 * the way unless Shift is held, which lifts the pen), and Enter or Space ends the stroke so the digit is
 * classified. Pure: the canvas hook draws what this returns.
 */

/** One step is a fourteenth of the side: 20 px on the 280 px canvas, 2 of MNIST's 28 pixels. */
const STEPS_PER_SIDE = 14;

export interface PenPoint {
  x: number;
  y: number;
}

export type PenAction =
  { kind: 'move'; from: PenPoint; to: PenPoint; ink: boolean } | { kind: 'end' } | { kind: 'none' };

const DIRECTIONS: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/** The canvas's centre, where a keyboard stroke starts. */
export function penStart(side: number): PenPoint {
  return { x: side / 2, y: side / 2 };
}

/** What `key` does to a pen at `pen` on a `side` x `side` canvas (kept inside the canvas). */
export function penAction(pen: PenPoint, key: string, shift: boolean, side: number): PenAction {
  if (key === 'Enter' || key === ' ') return { kind: 'end' };
  const d = DIRECTIONS[key];
  if (!d) return { kind: 'none' };
  const step = side / STEPS_PER_SIDE;
  const clamp = (v: number) => Math.min(side - step / 2, Math.max(step / 2, v));
  return { kind: 'move', from: pen, to: { x: clamp(pen.x + d[0] * step), y: clamp(pen.y + d[1] * step) }, ink: !shift };
}
