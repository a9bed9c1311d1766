// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { nextTask, testRoot } from '../testing/test-root';
import { useHeldWhile } from '../common/use-held-while';
import { useStagedReveal } from './use-staged-reveal';

const task = nextTask;

const page = testRoot();

/** What each render returned, in order. */
let seen: number[];

function Staged({ stage }: { stage: unknown }) {
  const shown = useStagedReveal(stage, 5, 2);
  seen.push(shown);
  return <p>{shown}</p>;
}

describe('useStagedReveal', () => {
  it('shows every section on mount, and after a new key the first ones at once, then one more per task', async () => {
    seen = [];
    page.render(<Staged stage="model 1" />);
    expect(page.container.textContent).toBe('5');
    seen = [];
    page.render(<Staged stage="model 2" />);
    expect(page.container.textContent).toBe('2');
    // No render showed the new key with more than the first sections.
    expect(Math.max(...seen)).toBe(2);
    const steps = [];
    for (let i = 0; i < 5; i++) {
      await task();
      steps.push(page.container.textContent);
    }
    expect(steps).toEqual(['3', '4', '5', '5', '5']);
  });

  it('a key that changes again mid-reveal starts over from the first sections', async () => {
    seen = [];
    page.render(<Staged stage="a" />);
    page.render(<Staged stage="b" />);
    await task();
    expect(page.container.textContent).toBe('3');
    page.render(<Staged stage="c" />);
    expect(page.container.textContent).toBe('2');
  });
});

function Held({ value, hold }: { value: string; hold: boolean }) {
  return <p>{useHeldWhile(value, hold)}</p>;
}

describe('useHeldWhile', () => {
  it('keeps the value from before the hold while it lasts, and catches up when it ends', async () => {
    page.render(<Held value="results 1" hold={false} />);
    page.render(<Held value="results 1" hold />);
    page.render(<Held value="results 2" hold />);
    page.render(<Held value="results 3" hold />);
    expect(page.container.textContent).toBe('results 1');
    page.render(<Held value="results 3" hold={false} />);
    await task();
    expect(page.container.textContent).toBe('results 3');
  });
});
