import { memo, useLayoutEffect } from 'react';
import { measureSince } from '../common/user-timing';
import type { LabSection } from './LabSections';
import type { LabSession } from './lab-session';

interface Props {
  Section: LabSection;
  /** Its place on the page (from 1), for the User Timing measure's name: a minified build renames Section. */
  place: number;
  session: LabSession;
  /** Keep what the section last rendered: its turn to show the new session has not come yet. */
  hold: boolean;
}

/**
 * One page section, re-rendered only when its session changes and it is not held back (see
 * useStagedReveal). A held section keeps its last output, and its own state still updates it; a change
 * of the lab's settings (the user ticking a mode during the reveal, say) shows at once even in a held
 * section, or the click would seem to do nothing until the section's turn.
 */
export const SectionSlot = memo(
  function SectionSlot({ Section, place, session }: Props) {
    // A User Timing measure from this render to its commit, per section (`npm run bench` reads them).
    const started = performance.now();
    useLayoutEffect(() => {
      measureSince(`section ${place}: ${Section.name}`, started);
    });
    return <Section session={session} />;
  },
  (before, after) =>
    before.Section === after.Section &&
    (before.session === after.session || (after.hold && before.session.lab === after.session.lab)),
);
