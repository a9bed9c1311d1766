/** The `deploy` object of report.json (src/core/report/report.ts) from a deployment check. */
import type { DeployReport } from '../report/report';
import { checkDeployment, type DeployCheck } from './deploy-check';
import { parseTarget } from './targets';

export function toDeployReport(check: DeployCheck): DeployReport {
  return {
    target: check.target.id,
    target_ram_bytes: Math.floor(check.target.ramKb * 1024),
    target_flash_bytes: Math.floor(check.target.flashKb * 1024),
    tflm_compatible: check.tflm.compatible,
    edgetpu_compatible: check.edgeTpu.compatible,
    arena_bytes: check.arena.arenaBytes,
    interpreter_overhead_bytes: check.overheadBytes,
    ram_bytes: check.tensorArenaBytes,
    flash_bytes: check.fit.flashBytes,
    ram_margin_bytes: check.fit.ramMarginBytes,
    flash_margin_bytes: check.fit.flashMarginBytes,
    fits: check.fits,
    reasons: check.reasons,
    edgetpu_cpu_ops: check.edgeTpu.cpuOps.map((o) => `${o.opName} (op ${o.index}): ${o.reason}`),
  };
}

/** The `deploy` object for one file and a target id (a board, or custom:RAM_KB:FLASH_KB): the CLI's and the page's. */
export function deployReportFor(bytes: Uint8Array, targetId: string): DeployReport {
  return toDeployReport(checkDeployment(bytes, parseTarget(targetId)));
}
