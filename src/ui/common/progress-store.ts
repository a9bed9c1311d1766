import { useSyncExternalStore } from 'react';

/**
 * The latest progress report of a long run, outside React state: a run reports many times a second, and
 * only the components that show the progress line subscribe (useProgress), so the rest of the page (its
 * charts) does not re-render on every report.
 */
export class ProgressStore<P> {
  private value: P | undefined;
  private readonly listeners = new Set<() => void>();

  get = (): P | undefined => this.value;

  set(value: P | undefined): void {
    if (value === this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The store's current report; re-renders the caller when it changes. */
export function useProgress<P>(store: ProgressStore<P>): P | undefined {
  return useSyncExternalStore(store.subscribe, store.get);
}
