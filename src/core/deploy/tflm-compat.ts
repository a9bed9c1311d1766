/**
 * TensorFlow Lite Micro compatibility of any inspected .tflite file: every op must have a TFLM builtin kernel
 * (tflm-ops.ts, from micro_mutable_op_resolver.h) and that kernel must accept the op's tensor types
 * (tflm-kernel-types.ts, from the kernels' Prepare checks). Works on the inspector's model info, so it applies to
 * the lab's files and to TensorFlow's alike.
 */
import type { TfliteModelInfo } from '../tflite/read-tflite';
import { englishDeployProblem, type DeployProblem, type KernelTypeProblem } from './deploy-problem';
import { checkKernelTypes, hasKernelRule, opTypes } from './tflm-kernel-types';
import { tflmResolverMethod } from './tflm-ops';

export interface TflmCompatibility {
  compatible: boolean;
  /** One sentence per distinct problem ("CONV_2D ... [op 0]"), empty when compatible: `problems` in English. */
  reasons: string[];
  /** The same problems as data, with the ops each was found at (deploy-problem.ts). */
  problems: DeployProblem[];
  /** Things that do not block the file but are worth knowing (ops whose types the lab does not check). */
  notes: string[];
  /** Builtin op names the file uses, in first-use order (each once). */
  opNames: string[];
  /** `MicroMutableOpResolver` methods that register exactly those ops, in the same order. */
  resolverMethods: string[];
}

/** Why one op cannot run on TFLM (its ops still to be filled in), or null. */
function opProblem(opName: string, types: KernelTypeProblem | null): DeployProblem | null {
  if (opName.startsWith('CUSTOM:')) return { code: 'tflm-custom-op', name: opName.slice(7), ops: [] };
  if (!tflmResolverMethod(opName)) return { code: 'tflm-no-kernel', op: opName, ops: [] };
  return types ? { code: 'tflm-kernel-types', op: opName, problem: types, ops: [] } : null;
}

/** Checks every op of every subgraph; see TflmCompatibility. */
export function checkTflm(info: TfliteModelInfo): TflmCompatibility {
  // Keyed by the English sentence without its op list, so each distinct problem is listed once with all its ops.
  const problems = new Map<string, { problem: DeployProblem; ops: number[] }>();
  const notes = new Set<string>();
  const opNames: string[] = [];
  info.subgraphs.forEach((sg) => {
    for (const op of sg.ops) {
      if (!opNames.includes(op.opName)) opNames.push(op.opName);
      const problem = opProblem(op.opName, checkKernelTypes(op.opName, opTypes(op, sg.tensors)));
      if (problem) {
        const key = englishDeployProblem(problem);
        const seen = problems.get(key) ?? { problem, ops: [] };
        problems.set(key, { problem, ops: [...seen.ops, op.index] });
      } else if (!hasKernelRule(op.opName)) {
        notes.add(`${op.opName} is a TFLite Micro builtin; the lab does not check its tensor types`);
      }
    }
    if (sg.tensors.some((t) => t.shapeSignature?.some((d) => d < 0))) {
      notes.add('the file declares a dynamic dimension (shape_signature -1); TFLite Micro plans with the static shape');
    }
  });
  const found = [...problems.values()].map(({ problem, ops }) => ({ ...problem, ops }));
  const reasons = found.map(englishDeployProblem);
  const resolverMethods = opNames.map((n) => tflmResolverMethod(n)).filter((m): m is string => m !== undefined);
  return { compatible: reasons.length === 0, reasons, problems: found, notes: [...notes], opNames, resolverMethods };
}
