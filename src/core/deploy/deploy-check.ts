/**
 * The deployment check of one .tflite file for one target: TFLite Micro compatibility, the planned tensor arena
 * plus the interpreter's estimated overhead (RAM), the file's bytes (flash), Edge TPU readiness, and whether it
 * fits. Works from the bytes through the inspector, so it applies to any file in the comparison.
 */
import { inspectTflite, type TfliteModelInfo } from '../tflite/read-tflite';
import { alignUp, planArena, type ArenaPlan } from './arena-plan';
import { englishDeployProblem, type DeployProblem } from './deploy-problem';
import { checkEdgeTpu, type EdgeTpuReadiness } from './edgetpu';
import { estimateInterpreterOverhead } from './interpreter-overhead';
import { fitTarget, type DeployTarget, type TargetFit } from './targets';
import { checkTflm, type TflmCompatibility } from './tflm-compat';

export interface DeployCheck {
  target: DeployTarget;
  tflm: TflmCompatibility;
  edgeTpu: EdgeTpuReadiness;
  arena: ArenaPlan;
  /** Estimated persistent bytes of the interpreter (interpreter-overhead.ts). */
  overheadBytes: number;
  /** Arena to allocate: planned tensors + overhead, rounded up to 16 bytes. */
  tensorArenaBytes: number;
  fit: TargetFit;
  /** Runs on TFLM and fits the target's RAM and flash. */
  fits: boolean;
  /** Why it does not fit or run, one sentence each (empty when `fits`): `problems` in English. */
  reasons: string[];
  /** The same reasons as data (deploy-problem.ts), for the page's other languages. */
  problems: DeployProblem[];
}

function fitProblems(fit: TargetFit, target: DeployTarget): DeployProblem[] {
  const out: DeployProblem[] = [];
  if (fit.ramMarginBytes < 0) {
    out.push({ code: 'ram-short', ramBytes: fit.ramBytes, target: target.name, ramKb: target.ramKb });
  }
  if (fit.flashMarginBytes < 0) {
    out.push({ code: 'flash-short', flashBytes: fit.flashBytes, target: target.name, flashKb: target.flashKb });
  }
  return out;
}

/** The RAM a file needs on TFLM: the planned arena, the overhead estimate, and their sum rounded to 16 bytes. */
export function ramNeed(info: TfliteModelInfo): Pick<DeployCheck, 'arena' | 'overheadBytes' | 'tensorArenaBytes'> {
  const arena = planArena(info);
  const overheadBytes = estimateInterpreterOverhead(info);
  return { arena, overheadBytes, tensorArenaBytes: alignUp(arena.arenaBytes + overheadBytes) };
}

/** Checks one file (its bytes, or the inspector's info of them) against `target`. */
export function checkDeployment(file: Uint8Array | TfliteModelInfo, target: DeployTarget): DeployCheck {
  const info = file instanceof Uint8Array ? inspectTflite(file) : file;
  const tflm = checkTflm(info);
  const { arena, overheadBytes, tensorArenaBytes } = ramNeed(info);
  const fit = fitTarget(target, tensorArenaBytes, info.fileSize);
  const problems = [...tflm.problems, ...fitProblems(fit, target)];
  return {
    target,
    tflm,
    edgeTpu: checkEdgeTpu(info),
    arena,
    overheadBytes,
    tensorArenaBytes,
    fit,
    fits: tflm.compatible && fit.fits,
    reasons: problems.map(englishDeployProblem),
    problems,
  };
}
