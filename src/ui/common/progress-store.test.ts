import { describe, expect, it } from 'vitest';
import { ProgressStore } from './progress-store';

describe('ProgressStore', () => {
  it('tells its subscribers about each new report, and no one after they unsubscribe', () => {
    const store = new ProgressStore<number>();
    const seen: (number | undefined)[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.get()));
    store.set(1);
    store.set(1);
    store.set(2);
    unsubscribe();
    store.set(3);
    expect(seen).toEqual([1, 2]);
    expect(store.get()).toBe(3);
  });
});
