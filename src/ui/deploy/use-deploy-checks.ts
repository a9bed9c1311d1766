import { useMemo } from 'react';
import { checkDeployment, type DeployCheck } from '../../core/deploy/deploy-check';
import { parseTarget } from '../../core/deploy/targets';

export type DeployOutcome = { mode: string; check: DeployCheck } | { mode: string; error: string };

/** The deployment check of every file in the comparison for one target (recomputed when either changes). */
export function useDeployChecks(files: Record<string, Uint8Array>, targetId: string): DeployOutcome[] {
  return useMemo(() => {
    const target = parseTarget(targetId);
    return Object.entries(files).map(([mode, bytes]) => {
      try {
        return { mode, check: checkDeployment(bytes, target) };
      } catch (e) {
        return { mode, error: e instanceof Error ? e.message : String(e) };
      }
    });
  }, [files, targetId]);
}
