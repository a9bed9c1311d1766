/**
 * The guided first run, as data: each step names the heading (by id) of the section it highlights, and its
 * text lives in the message tables under `tour.steps.<id>`. Adding a step is one entry here and one text per
 * language.
 */
export interface TourStep {
  id: 'train' | 'quantize' | 'qat' | 'wizard' | 'draw' | 'runs';
  /** The id of the section's heading (`aria-labelledby` of its <section>). */
  headingId: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  { id: 'train', headingId: 'train-title' },
  { id: 'quantize', headingId: 'quant-title' },
  { id: 'qat', headingId: 'qat-title' },
  { id: 'wizard', headingId: 'wizard-title' },
  { id: 'draw', headingId: 'draw-title' },
  { id: 'runs', headingId: 'runs-title' },
];

/** The step after `i` moves by `delta`, or undefined when the tour ends (past either end). */
export function moveStep(i: number, delta: 1 | -1, count = TOUR_STEPS.length): number | undefined {
  const next = i + delta;
  if (next >= count) return undefined;
  return Math.max(0, next);
}
