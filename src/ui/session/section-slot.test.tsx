// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { testRoot } from '../testing/test-root';
import type { LabSession } from './lab-session';
import { SectionSlot } from './SectionSlot';

const page = testRoot();

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
      page.render(<SectionSlot Section={Probe} place={1} session={s} hold={hold} />);
    render(session('model 1', lab), false);
    expect(page.container.textContent).toBe('model 1 int8 ticked');
    // A new model while the section waits for its turn: held.
    render(session('model 2', lab), true);
    expect(page.container.textContent).toBe('model 1 int8 ticked');
    // The user changes a setting meanwhile: shown now (with the new model).
    const changed = { mode: 'int8 unticked' };
    render(session('model 2', changed), true);
    expect(page.container.textContent).toBe('model 2 int8 unticked');
    // Another model, the same settings: held again, until its turn.
    render(session('model 3', changed), true);
    expect(page.container.textContent).toBe('model 2 int8 unticked');
    render(session('model 3', changed), false);
    expect(page.container.textContent).toBe('model 3 int8 unticked');
  });
});
