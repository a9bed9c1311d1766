// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useHeldWhile } from '../common/use-held-while';
import { useStagedReveal } from './use-staged-reveal';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const task = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(() => act(() => root.unmount()));

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
    act(() => root.render(<Staged stage="model 1" />));
    expect(container.textContent).toBe('5');
    seen = [];
    act(() => root.render(<Staged stage="model 2" />));
    expect(container.textContent).toBe('2');
    // No render showed the new key with more than the first sections.
    expect(Math.max(...seen)).toBe(2);
    const steps = [];
    for (let i = 0; i < 5; i++) {
      await task();
      steps.push(container.textContent);
    }
    expect(steps).toEqual(['3', '4', '5', '5', '5']);
  });

  it('a key that changes again mid-reveal starts over from the first sections', async () => {
    seen = [];
    act(() => root.render(<Staged stage="a" />));
    act(() => root.render(<Staged stage="b" />));
    await task();
    expect(container.textContent).toBe('3');
    act(() => root.render(<Staged stage="c" />));
    expect(container.textContent).toBe('2');
  });
});

function Held({ value, hold }: { value: string; hold: boolean }) {
  return <p>{useHeldWhile(value, hold)}</p>;
}

describe('useHeldWhile', () => {
  it('keeps the value from before the hold while it lasts, and catches up when it ends', async () => {
    act(() => root.render(<Held value="results 1" hold={false} />));
    act(() => root.render(<Held value="results 1" hold />));
    act(() => root.render(<Held value="results 2" hold />));
    act(() => root.render(<Held value="results 3" hold />));
    expect(container.textContent).toBe('results 1');
    act(() => root.render(<Held value="results 3" hold={false} />));
    await task();
    expect(container.textContent).toBe('results 3');
  });
});
