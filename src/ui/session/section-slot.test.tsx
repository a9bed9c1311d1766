// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabSession } from './lab-session';
import { SectionSlot } from './SectionSlot';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(() => act(() => root.unmount()));

/** A section that writes what it was rendered with. */
function Probe({ session }: { session: LabSession }) {
  const s = session as unknown as { lab: { mode: string }; trained: string };
  return <p>{`${s.trained} ${s.lab.mode}`}</p>;
}

const session = (trained: string, lab: { mode: string }) => ({ trained, lab }) as unknown as LabSession;

describe('SectionSlot', () => {
  it('a held section keeps its output for a new model, but shows a settings change at once', () => {
    const lab = { mode: 'int8 ticked' };
    const render = (s: LabSession, hold: boolean) =>
      act(() => root.render(<SectionSlot Section={Probe} place={1} session={s} hold={hold} />));
    render(session('model 1', lab), false);
    expect(container.textContent).toBe('model 1 int8 ticked');
    // A new model while the section waits for its turn: held.
    render(session('model 2', lab), true);
    expect(container.textContent).toBe('model 1 int8 ticked');
    // The user changes a setting meanwhile: shown now (with the new model).
    const changed = { mode: 'int8 unticked' };
    render(session('model 2', changed), true);
    expect(container.textContent).toBe('model 2 int8 unticked');
    // Another model, the same settings: held again, until its turn.
    render(session('model 3', changed), true);
    expect(container.textContent).toBe('model 2 int8 unticked');
    render(session('model 3', changed), false);
    expect(container.textContent).toBe('model 3 int8 unticked');
  });
});
