/**
 * The deployment check of every file in the comparison for one target, computed once per files and target: the
 * report's `deploy` objects, the deployment panel and the wizard's deployment findings all read these.
 */
import { checkDeployment, type DeployCheck } from '../../core/deploy/deploy-check';
import { parseTarget } from '../../core/deploy/targets';

/** One file's check, or why the file could not be checked (the thrown error, e.g. a TfliteFormatError). */
export type DeployOutcome = { mode: string; check: DeployCheck } | { mode: string; error: unknown };

/** Checks each file (by mode name, in order) against the target `targetId` (a board, or custom:RAM_KB:FLASH_KB). */
export function deployChecks(files: Record<string, Uint8Array>, targetId: string): DeployOutcome[] {
  const target = parseTarget(targetId);
  return Object.entries(files).map(([mode, bytes]) => {
    try {
      return { mode, check: checkDeployment(bytes, target) };
    } catch (error) {
      return { mode, error };
    }
  });
}

/** The checks that succeeded, by mode name. */
export function checksByMode(outcomes: readonly DeployOutcome[]): Record<string, DeployCheck> {
  return Object.fromEntries(outcomes.flatMap((o) => ('check' in o ? [[o.mode, o.check]] : [])));
}
