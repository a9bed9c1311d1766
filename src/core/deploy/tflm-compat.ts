/**
 * TensorFlow Lite Micro compatibility of any inspected .tflite file: every op must have a TFLM builtin kernel
 * (tflm-ops.ts, from micro_mutable_op_resolver.h) and that kernel must accept the op's tensor types
 * (tflm-kernel-types.ts, from the kernels' Prepare checks). Works on the inspector's model info, so it applies to
 * the lab's files and to TensorFlow's alike.
 */
import type { TfliteModelInfo } from '../tflite/read-tflite';
import { checkKernelTypes, hasKernelRule, opTypes } from './tflm-kernel-types';
import { tflmResolverMethod } from './tflm-ops';

export interface TflmCompatibility {
  compatible: boolean;
  /** One sentence per distinct problem ("CONV_2D (op 0): ..."), empty when compatible. */
  reasons: string[];
  /** Things that do not block the file but are worth knowing (ops whose types the lab does not check). */
  notes: string[];
  /** Builtin op names the file uses, in first-use order (each once). */
  opNames: string[];
  /** `MicroMutableOpResolver` methods that register exactly those ops, in the same order. */
  resolverMethods: string[];
}

/** Why one op cannot run on TFLM, in a sentence, or null. */
function opProblem(opName: string, reasonForTypes: string | null): string | null {
  if (opName.startsWith('CUSTOM:')) {
    return `custom op "${opName.slice(7)}" has no TFLite Micro builtin kernel; it needs your own kernel registered with AddCustom()`;
  }
  if (!tflmResolverMethod(opName)) {
    return `${opName} has no TFLite Micro kernel (it is not in micro_mutable_op_resolver.h)`;
  }
  return reasonForTypes ? `${opName} ${reasonForTypes}` : null;
}

/** Checks every op of every subgraph; see TflmCompatibility. */
export function checkTflm(info: TfliteModelInfo): TflmCompatibility {
  const problems = new Map<string, number[]>();
  const notes = new Set<string>();
  const opNames: string[] = [];
  info.subgraphs.forEach((sg) => {
    for (const op of sg.ops) {
      if (!opNames.includes(op.opName)) opNames.push(op.opName);
      const problem = opProblem(op.opName, checkKernelTypes(op.opName, opTypes(op, sg.tensors)));
      if (problem) problems.set(problem, [...(problems.get(problem) ?? []), op.index]);
      else if (!hasKernelRule(op.opName)) {
        notes.add(`${op.opName} is a TFLite Micro builtin; the lab does not check its tensor types`);
      }
    }
    if (sg.tensors.some((t) => t.shapeSignature?.some((d) => d < 0))) {
      notes.add('the file declares a dynamic dimension (shape_signature -1); TFLite Micro plans with the static shape');
    }
  });
  const reasons = [...problems].map(
    ([problem, ops]) => `${problem} [op${ops.length > 1 ? 's' : ''} ${ops.join(', ')}]`,
  );
  const resolverMethods = opNames.map((n) => tflmResolverMethod(n)).filter((m): m is string => m !== undefined);
  return { compatible: reasons.length === 0, reasons, notes: [...notes], opNames, resolverMethods };
}
