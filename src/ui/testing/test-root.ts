/**
 * A React root for a component test in happy-dom (`// @vitest-environment happy-dom` on the test's
 * first line): a fresh container per test, unmounted after it, with React's act() environment on.
 */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface TestRoot {
  /** The current test's container (in document.body). */
  readonly container: HTMLElement;
  /** Renders `node` into the root, inside act(). */
  render(node: ReactNode): void;
}

/** Registers the per-test root (call at the top of a test file or describe block). */
export function testRoot(): TestRoot {
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });
  return {
    get container() {
      return container;
    },
    render: (node) => act(() => root.render(node)),
  };
}

/** One macrotask, inside act(): what a setTimeout(0) waits for. */
export const nextTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
