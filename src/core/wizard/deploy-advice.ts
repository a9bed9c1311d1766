/**
 * The wizard's microcontroller and Edge TPU answers, checked on the recommended file itself: whether TFLite
 * Micro runs it and it fits the chosen target (src/core/deploy), or which ops the Edge TPU compiler would leave
 * on the CPU. Findings in the same shape as check-advice.ts.
 */
import type { DeployCheck } from '../deploy/deploy-check';
import type { Finding } from './check-advice';
import type { Answers } from './walk-tree';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function microFinding(mode: string, c: DeployCheck): Finding {
  const where = `${c.target.name} (${c.target.ramKb} KB RAM, ${c.target.flashKb} KB flash)`;
  const need = `${kb(c.tensorArenaBytes)} of RAM (arena ${kb(c.arena.arenaBytes)} + interpreter estimate) and ${kb(c.fit.flashBytes)} of flash`;
  if (c.fits) {
    return {
      severity: 'ok',
      code: 'deploy-fits',
      text: `${mode} fits the ${where}: it needs ${need}, leaving ${kb(c.fit.ramMarginBytes)} of RAM.`,
    };
  }
  return {
    severity: 'warn',
    code: 'deploy-no-fit',
    text: `${mode} does not run on the ${where}: ${c.reasons.join('; ')}.`,
  };
}

function edgeTpuFinding(mode: string, c: DeployCheck): Finding {
  const onCpu = c.edgeTpu.cpuOps.map((o) => o.opName).join(', ');
  if (c.edgeTpu.compatible) {
    const text = `${mode}: the Edge TPU compiler would map ${c.edgeTpu.mappedOps} op(s)${onCpu ? `; ${onCpu} stay on the CPU (float I/O)` : ''}.`;
    return { severity: 'ok', code: 'edgetpu-ready', text };
  }
  return {
    severity: 'warn',
    code: 'edgetpu-fallback',
    text: `${mode} would not run on the Edge TPU as a whole: ${c.edgeTpu.reasons.join('; ')}.`,
  };
}

/** Deployment findings for the recommended `mode`, when the hardware answer is a microcontroller or an Edge TPU. */
export function checkDeployAdvice(answers: Answers, mode: string, check: DeployCheck | undefined): Finding[] {
  const hardware = answers['hardware'];
  if (!check || (hardware !== 'mcu' && hardware !== 'edgetpu')) return [];
  return [hardware === 'mcu' ? microFinding(mode, check) : edgeTpuFinding(mode, check)];
}
