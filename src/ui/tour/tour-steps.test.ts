import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages/en';
import { zhTW } from '../i18n/messages/zh-TW';
import { moveStep, TOUR_STEPS } from './tour-steps';

describe('tour steps', () => {
  it.each<[number, 1 | -1, number | undefined]>([
    [0, 1, 1],
    [0, -1, 0],
    [4, 1, 5],
    [5, 1, undefined],
    [5, -1, 4],
  ])('from %i by %i -> %s', (i, d, want) => expect(moveStep(i, d, 6)).toBe(want));

  it('every step has a title and a text in both languages, and the ids are unique', () => {
    expect(new Set(TOUR_STEPS.map((s) => s.id)).size).toBe(TOUR_STEPS.length);
    for (const s of TOUR_STEPS)
      for (const table of [en, zhTW]) {
        expect(table.tour.steps[s.id].title.length).toBeGreaterThan(0);
        expect(table.tour.steps[s.id].body.length).toBeGreaterThan(0);
      }
  });
});
