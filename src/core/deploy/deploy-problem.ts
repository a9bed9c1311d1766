/**
 * Why a file does not run or fit on a device, as data: a code and the names and numbers it is built from. The
 * core writes the English sentence from it (`DeployCheck.reasons`, report.json's `deploy.reasons`, the CLI); the
 * page's other languages write their own from the same data (src/ui/i18n/messages/core.zh-TW.ts).
 */

/** Why TFLite Micro's kernel for an op refuses the op's tensor types (tflm-kernel-types.ts); `source` is a .cc file. */
export type KernelTypeProblem =
  | { code: 'io-differ'; input: string; output: string; source: string }
  | { code: 'hybrid'; input: string; weights?: string; source: string; says: string }
  | { code: 'bias-int32-or-int64'; bias: string; source: string }
  | { code: 'bias-int32'; bias: string; source: string }
  | { code: 'bias-reads-int64'; bias: string; source: string }
  | { code: 'input-types'; allowed: string[]; input: string; source?: string }
  | { code: 'int16-output-input'; input: string }
  | { code: 'int16-zero-point'; source: string }
  | { code: 'pair-unsupported'; input: string; output: string; source: string; implemented: boolean }
  | { code: 'type-changes'; input: string; output: string; source: string }
  | { code: 'from-float16'; source: string }
  | { code: 'from-unsupported'; input: string; source: string }
  | { code: 'output-float32'; output: string };

/** Why the Edge TPU compiler cannot map an op (edgetpu.ts, Coral's published rules). */
export type EdgeTpuProblem =
  | { code: 'not-supported'; op: string }
  | { code: 'tensor-dynamic'; op: string; tensor: string; shape: number[] }
  | { code: 'tensor-dims'; op: string; tensor: string; shape: number[] }
  | { code: 'tensor-type'; op: string; tensor: string; type: string }
  | { code: 'pool-activation'; op: string }
  | { code: 'conv-dilation'; op: string }
  | { code: 'fc-format'; op: string }
  | { code: 'softmax-size'; op: string; maxElements: number };

/** Why an op runs on the CPU beside an Edge TPU segment. */
export type EdgeTpuCpuReason =
  { code: 'float-io' } | { code: 'after-fallback' } | { code: 'problem'; problem: EdgeTpuProblem };

/** One reason a file does not run or fit (DeployCheck.problems), or does not map to the Edge TPU. */
export type DeployProblem =
  /** A custom op (`CUSTOM:name`) at ops `ops`. */
  | { code: 'tflm-custom-op'; name: string; ops: number[] }
  | { code: 'tflm-no-kernel'; op: string; ops: number[] }
  | { code: 'tflm-kernel-types'; op: string; problem: KernelTypeProblem; ops: number[] }
  | { code: 'ram-short'; ramBytes: number; target: string; ramKb: number }
  | { code: 'flash-short'; flashBytes: number; target: string; flashKb: number }
  | { code: 'edgetpu-no-ops' }
  | { code: 'edgetpu-fallback'; problem: EdgeTpuProblem; index: number };

export type DeployProblemCode = DeployProblem['code'];

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const either = (names: readonly string[]) =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;

/** The English words that follow the op name (e.g. "CONV_2D with int8 input needs an INT32 bias ..."). */
export function englishKernelTypes(p: KernelTypeProblem): string {
  switch (p.code) {
    case 'io-differ':
      return `input ${p.input} and output ${p.output} differ; ${p.source} requires the same type`;
    case 'hybrid':
      return `with ${p.input} input and ${p.weights} weights is a hybrid (dynamic-range) kernel, which TFLite Micro does not have (${p.source}: "${p.says}")`;
    case 'bias-int32-or-int64':
      return `with int16 input takes an INT32 or INT64 bias, not ${p.bias} (${p.source})`;
    case 'bias-int32':
      return `with int8 input needs an INT32 bias, not ${p.bias} (${p.source})`;
    case 'bias-reads-int64':
      return `with int16 input reads an INT64 bias, this file has ${p.bias} (${p.source})`;
    case 'input-types':
      return `takes ${either(p.allowed)}, not ${p.input}${p.source ? ` (${p.source})` : ''}`;
    case 'int16-output-input':
      return `with INT16 output needs INT8 or INT16 input, not ${p.input}`;
    case 'int16-zero-point':
      return `with int16 input needs output zero point 0 (${p.source})`;
    case 'pair-unsupported':
      return `${p.input} -> ${p.output} is not ${p.implemented ? 'implemented' : 'supported'} (${p.source})`;
    case 'type-changes':
      return `changes ${p.input} to ${p.output}; ${p.source} requires the same type`;
    case 'from-float16':
      return `from FLOAT16 is not in TFLite Micro: ${p.source} accepts only INT8, INT16 or UINT8 inputs, so float16 weights cannot be expanded on the device`;
    case 'from-unsupported':
      return `from ${p.input} is not supported (${p.source})`;
    case 'output-float32':
      return `must output FLOAT32, not ${p.output}`;
  }
}

/** The English sentence of an Edge TPU problem. */
export function englishEdgeTpu(p: EdgeTpuProblem): string {
  switch (p.code) {
    case 'not-supported':
      return `${p.op} is not in the Edge TPU compiler's supported operations`;
    case 'tensor-dynamic':
      return `${p.op}: tensor "${p.tensor}" has a dynamic size [${p.shape.join(',')}]; sizes must be fixed at compile time`;
    case 'tensor-dims':
      return `${p.op}: tensor "${p.tensor}" [${p.shape.join(',')}] has more than 3 dimensions larger than 1`;
    case 'tensor-type':
      return `${p.op}: tensor "${p.tensor}" is ${p.type}; the Edge TPU runs only 8-bit quantized tensors`;
    case 'pool-activation':
      return `${p.op}: pooling must have no fused activation function`;
    case 'conv-dilation':
      return `${p.op}: convolutions must use the same dilation in x and y`;
    case 'fc-format':
      return `${p.op}: fully connected needs the default weights format and a one-dimensional output`;
    case 'softmax-size':
      return `${p.op}: softmax supports only a 1-D input of at most ${p.maxElements} elements`;
  }
}

export function englishEdgeTpuCpu(r: EdgeTpuCpuReason): string {
  if (r.code === 'float-io') return 'float I/O conversion, runs on the CPU';
  if (r.code === 'after-fallback') return 'follows an op the Edge TPU cannot run (the compiler partitions once)';
  return englishEdgeTpu(r.problem);
}

const opList = (ops: number[]) => `[op${ops.length > 1 ? 's' : ''} ${ops.join(', ')}]`;

/** The English sentence of a deployment problem (as report.json's `deploy.reasons` has always said it). */
export function englishDeployProblem(p: DeployProblem): string {
  switch (p.code) {
    case 'tflm-custom-op':
      return `custom op "${p.name}" has no TFLite Micro builtin kernel; it needs your own kernel registered with AddCustom() ${opList(p.ops)}`;
    case 'tflm-no-kernel':
      return `${p.op} has no TFLite Micro kernel (it is not in micro_mutable_op_resolver.h) ${opList(p.ops)}`;
    case 'tflm-kernel-types':
      return `${p.op} ${englishKernelTypes(p.problem)} ${opList(p.ops)}`;
    case 'ram-short':
      return `needs ${kb(p.ramBytes)} of RAM (arena + interpreter estimate); ${p.target} has ${p.ramKb} KB`;
    case 'flash-short':
      return `the model takes ${kb(p.flashBytes)} of flash; ${p.target} has ${p.flashKb} KB`;
    case 'edgetpu-no-ops':
      return 'the file has no ops';
    case 'edgetpu-fallback':
      return `${englishEdgeTpu(p.problem)} (op ${p.index}); it and every op after it would run on the CPU`;
  }
}
