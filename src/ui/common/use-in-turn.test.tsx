// @vitest-environment happy-dom
import { Profiler, act, useState, type ProfilerOnRenderCallback } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTask, testRoot } from '../testing/test-root';
import { useInTurn } from './use-in-turn';
import { InTurn } from './InTurn';

/** One macrotask: a turn starts after a setTimeout(0), and the next one after the commit before it. */
const task = nextTask;

/** Runs tasks until `done` holds (at most 50). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await task();
  expect(done()).toBe(true);
}

const page = testRoot();
/** Which views each commit drew, by the Profiler's commit time. */
let commits: { id: string; commitTime: number }[];
const onRender: ProfilerOnRenderCallback = (id, _phase, _actual, _base, _start, commitTime) =>
  commits.push({ id, commitTime });

beforeEach(() => {
  commits = [];
});

function View({ name, value }: { name: string; value: number }) {
  const shown = useInTurn(value, name);
  return (
    <Profiler id={name} onRender={onRender}>
      <span data-view={name}>{shown === undefined ? 'placeholder' : `drawn ${shown}`}</span>
    </Profiler>
  );
}

const text = (name: string) => page.container.querySelector(`[data-view="${name}"]`)?.textContent;

describe('useInTurn', () => {
  it('draws views that mount together in separate commits, first come first served', async () => {
    page.render(['a', 'b', 'c'].map((n) => <View key={n} name={n} value={1} />));
    expect(['a', 'b', 'c'].map(text)).toEqual(['placeholder', 'placeholder', 'placeholder']);
    await until(() => text('c') === 'drawn 1');
    // The commit that drew each view, in the order they were drawn.
    const drawn = ['a', 'b', 'c'].map((n) => commits.filter((c) => c.id === n).at(-1)!.commitTime);
    expect(new Set(drawn).size).toBe(3);
    expect([...drawn].sort((x, y) => x - y)).toEqual(drawn);
  });

  it('one view at a time: the next turn waits for the commit of the one before', async () => {
    page.render(['a', 'b'].map((n) => <View key={n} name={n} value={1} />));
    await until(() => text('a') === 'drawn 1');
    expect(text('b')).toBe('placeholder');
    await until(() => text('b') === 'drawn 1');
  });

  it('a value that changes while waiting is drawn as it is now, not as it was', async () => {
    page.render(<View name="a" value={1} />);
    page.render(<View name="a" value={2} />);
    await until(() => text('a') === 'drawn 2');
    // The stale value was never drawn.
    await task();
    expect(text('a')).toBe('drawn 2');
  });

  it('a view that goes away before its turn does not hold up the views behind it', async () => {
    function Page({ withA }: { withA: boolean }) {
      return (
        <>
          {withA && <View name="a" value={1} />}
          <View name="b" value={1} />
        </>
      );
    }
    page.render(<Page withA />);
    page.render(<Page withA={false} />);
    await until(() => text('b') === 'drawn 1');
    expect(text('a')).toBeUndefined();
  });

  it('records a User Timing measure per turn, named after the view', async () => {
    performance.clearMeasures();
    page.render(<View name="loss chart" value={1} />);
    await until(() => text('loss chart') === 'drawn 1');
    await until(() => performance.getEntriesByName('turn: loss chart', 'measure').length > 0);
  });
});

describe('InTurn', () => {
  it('holds a placeholder of the given height until its turn, then its children; new children in a later turn', async () => {
    function Chart() {
      const [n, setN] = useState(1);
      return (
        <InTurn name="chart" height={123}>
          <button data-n={n} onClick={() => setN(n + 1)}>
            chart {n}
          </button>
        </InTurn>
      );
    }
    page.render(<Chart />);
    const placeholder = page.container.querySelector<HTMLElement>('div[aria-hidden="true"]');
    expect(placeholder?.style.height).toBe('123px');
    await until(() => page.container.querySelector('button')?.textContent === 'chart 1');
    act(() => page.container.querySelector('button')!.click());
    // The old drawing stays on the page until the new one's turn.
    expect(page.container.querySelector('button')?.textContent).toBe('chart 1');
    await until(() => page.container.querySelector('button')?.textContent === 'chart 2');
  });
});
