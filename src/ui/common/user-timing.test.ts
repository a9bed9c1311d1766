import { describe, expect, it } from 'vitest';
import { measureSince } from './user-timing';

describe('measureSince', () => {
  it('records a measure from the start given, and keeps the timeline bounded in a long session', () => {
    performance.clearMeasures();
    const start = performance.now();
    measureSince('turn: chart', start);
    const [m] = performance.getEntriesByName('turn: chart', 'measure');
    expect(m?.startTime).toBe(start);
    for (let i = 0; i < 5000; i++) measureSince(`section ${i}`, performance.now());
    const all = performance.getEntriesByType('measure');
    expect(all.length).toBeLessThanOrEqual(2000);
    expect(all.at(-1)?.name).toBe('section 4999');
  });
});
