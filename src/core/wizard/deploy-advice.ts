/**
 * The wizard's microcontroller and Edge TPU answers, checked on the recommended file itself: whether TFLite
 * Micro runs it and it fits the chosen target (src/core/deploy), or which ops the Edge TPU compiler would leave
 * on the CPU. Findings in the same shape as check-advice.ts.
 */
import type { DeployCheck } from '../deploy/deploy-check';
import { finding, type Finding } from './check-advice';
import type { Answers } from './walk-tree';

function microFinding(mode: string, c: DeployCheck): Finding {
  const target = { name: c.target.name, ramKb: c.target.ramKb, flashKb: c.target.flashKb };
  if (c.fits) {
    return finding('ok', 'deploy-fits', {
      key: 'deploy-fits',
      mode,
      target,
      ramBytes: c.tensorArenaBytes,
      arenaBytes: c.arena.arenaBytes,
      flashBytes: c.fit.flashBytes,
      ramMarginBytes: c.fit.ramMarginBytes,
    });
  }
  return finding('warn', 'deploy-no-fit', {
    key: 'deploy-no-fit',
    mode,
    target,
    reasons: c.reasons,
    problems: c.problems,
  });
}

function edgeTpuFinding(mode: string, c: DeployCheck): Finding {
  if (c.edgeTpu.compatible) {
    const cpuOps = c.edgeTpu.cpuOps.map((o) => o.opName);
    return finding('ok', 'edgetpu-ready', { key: 'edgetpu-ready', mode, mappedOps: c.edgeTpu.mappedOps, cpuOps });
  }
  return finding('warn', 'edgetpu-fallback', {
    key: 'edgetpu-fallback',
    mode,
    reasons: c.edgeTpu.reasons,
    problems: c.edgeTpu.problems,
  });
}

/** Deployment findings for the recommended `mode`, when the hardware answer is a microcontroller or an Edge TPU. */
export function checkDeployAdvice(answers: Answers, mode: string, check: DeployCheck | undefined): Finding[] {
  const hardware = answers['hardware'];
  if (!check || (hardware !== 'mcu' && hardware !== 'edgetpu')) return [];
  return [hardware === 'mcu' ? microFinding(mode, check) : edgeTpuFinding(mode, check)];
}
