/**
 * Edge TPU readiness of any inspected .tflite file, by the rules Coral publishes for its compiler
 * (https://coral.ai/docs/edgetpu/models-intro/, "Model requirements", "Supported operations" and "Compiling"):
 * tensors 8-bit quantized (int8 or uint8), sizes fixed at compile time, at most 3 dimensions larger than 1 (the
 * innermost), and only ops from the supported table with their limitations. The compiler maps ops in order
 * until the first one it cannot; that op and every op after it run on the CPU. A leading QUANTIZE from float
 * and a trailing DEQUANTIZE to float (full integer with float I/O) run on the CPU around the Edge TPU segment.
 */
import type { TfliteOpInfo, TfliteModelInfo, TfliteTensorInfo } from '../tflite/read-tflite';
import {
  englishDeployProblem,
  englishEdgeTpuCpu,
  type DeployProblem,
  type EdgeTpuCpuReason,
  type EdgeTpuProblem,
} from './deploy-problem';

/** Builtin ops in Coral's supported-operations table (TFLite names). */
export const EDGETPU_OPS: ReadonlySet<string> = new Set([
  'ADD', 'AVERAGE_POOL_2D', 'CONCATENATION', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'EXPAND_DIMS', 'FULLY_CONNECTED',
  'L2_NORMALIZATION', 'LOGISTIC', 'UNIDIRECTIONAL_SEQUENCE_LSTM', 'MAXIMUM', 'MAX_POOL_2D', 'MEAN', 'MINIMUM',
  'MUL', 'PACK', 'PAD', 'PRELU', 'QUANTIZE', 'REDUCE_MAX', 'REDUCE_MIN', 'RELU', 'RELU6', 'RELU_N1_TO_1',
  'RESHAPE', 'RESIZE_BILINEAR', 'RESIZE_NEAREST_NEIGHBOR', 'RSQRT', 'SLICE', 'SOFTMAX', 'SPACE_TO_DEPTH', 'SPLIT',
  'SQUEEZE', 'STRIDED_SLICE', 'SUB', 'SUM', 'SQUARED_DIFFERENCE', 'TANH', 'TRANSPOSE', 'TRANSPOSE_CONV',
]); // prettier-ignore

/** Coral's table: Softmax "supports only 1-D input tensor with a max of 16,000 elements". */
export const EDGETPU_SOFTMAX_MAX_ELEMENTS = 16000;

export interface EdgeTpuOp {
  index: number;
  opName: string;
  /** Why it runs on the CPU (English: `why` in words). */
  reason: string;
  why: EdgeTpuCpuReason;
}

export interface EdgeTpuReadiness {
  /** Every op maps to the Edge TPU, apart from float I/O conversions at the graph's edges. */
  compatible: boolean;
  mappedOps: number;
  /** Ops that would run on the CPU, in order, each with its reason. */
  cpuOps: EdgeTpuOp[];
  /** The first blocking reason(s), one sentence each: `problems` in English. */
  reasons: string[];
  problems: DeployProblem[];
}

const EIGHT_BIT = new Set(['INT8', 'UINT8']);
const nonUnitDims = (shape: readonly number[]) => shape.filter((d) => d !== 1).length;

function tensorProblem(op: string, t: TfliteTensorInfo): EdgeTpuProblem | null {
  if (t.shape.some((d) => d <= 0) || t.shapeSignature?.some((d) => d < 0)) {
    return { code: 'tensor-dynamic', op, tensor: t.name, shape: [...(t.shapeSignature ?? t.shape)] };
  }
  // The dimension rule is about activations: a CONV_2D filter [out, kh, kw, in] is 4-D by definition.
  if (t.dataOffset < 0 && t.shape.length > 3 && t.shape.slice(0, -3).some((d) => d > 1)) {
    return { code: 'tensor-dims', op, tensor: t.name, shape: [...t.shape] };
  }
  const bias = t.dataOffset >= 0 && t.type === 'INT32';
  return EIGHT_BIT.has(t.type) || bias ? null : { code: 'tensor-type', op, tensor: t.name, type: t.type };
}

/** The op-specific limitations from the supported-operations table. */
function opLimitation(op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[]): EdgeTpuProblem | null {
  const o = op.options ?? {};
  const out = tensors[op.outputs[0] ?? -1];
  if (
    (op.opName === 'MAX_POOL_2D' || op.opName === 'AVERAGE_POOL_2D') &&
    (o.fused_activation_function ?? 'NONE') !== 'NONE'
  ) {
    return { code: 'pool-activation', op: op.opName };
  }
  if ((op.opName === 'CONV_2D' || op.opName === 'DEPTHWISE_CONV_2D') && o.dilation_w_factor !== o.dilation_h_factor) {
    return { code: 'conv-dilation', op: op.opName };
  }
  if (
    op.opName === 'FULLY_CONNECTED' &&
    ((o.weights_format ?? 'DEFAULT') !== 'DEFAULT' || (out && nonUnitDims(out.shape) > 1))
  ) {
    return { code: 'fc-format', op: op.opName };
  }
  const input = tensors[op.inputs[0] ?? -1];
  if (op.opName === 'SOFTMAX' && input) {
    const n = input.shape.reduce((a, d) => a * d, 1);
    if (nonUnitDims(input.shape) > 1 || n > EDGETPU_SOFTMAX_MAX_ELEMENTS) {
      return { code: 'softmax-size', op: op.opName, maxElements: EDGETPU_SOFTMAX_MAX_ELEMENTS };
    }
  }
  return null;
}

/** Why one op cannot be mapped, or null. */
export function edgeTpuOpProblem(op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[]): EdgeTpuProblem | null {
  if (!EDGETPU_OPS.has(op.opName)) return { code: 'not-supported', op: op.opName };
  for (const i of [...op.inputs, ...op.outputs]) {
    const t = i >= 0 ? tensors[i] : undefined;
    const problem = t ? tensorProblem(op.opName, t) : null;
    if (problem) return problem;
  }
  return opLimitation(op, tensors);
}

const cpuOp = (op: TfliteOpInfo, why: EdgeTpuCpuReason): EdgeTpuOp => ({
  index: op.index,
  opName: op.opName,
  reason: englishEdgeTpuCpu(why),
  why,
});

const isFloatEdge = (op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[], first: boolean): boolean => {
  const t = tensors[(first ? op.inputs[0] : op.outputs[0]) ?? -1];
  return op.opName === (first ? 'QUANTIZE' : 'DEQUANTIZE') && t?.type === 'FLOAT32';
};

/** Checks subgraph 0 op by op and partitions it as the Edge TPU compiler does; see EdgeTpuReadiness. */
export function checkEdgeTpu(info: TfliteModelInfo): EdgeTpuReadiness {
  const sg = info.subgraphs[0];
  if (!sg || sg.ops.length === 0) {
    const problems: DeployProblem[] = [{ code: 'edgetpu-no-ops' }];
    return { compatible: false, mappedOps: 0, cpuOps: [], reasons: problems.map(englishDeployProblem), problems };
  }
  const cpuOps: EdgeTpuOp[] = [];
  const problems: DeployProblem[] = [];
  let mappedOps = 0;
  let fallenBack = false;
  sg.ops.forEach((op, k) => {
    const atStart = mappedOps === 0 && !fallenBack && isFloatEdge(op, sg.tensors, true);
    const atEnd = k === sg.ops.length - 1 && isFloatEdge(op, sg.tensors, false);
    if (atStart || (atEnd && !fallenBack)) {
      cpuOps.push(cpuOp(op, { code: 'float-io' }));
      return;
    }
    const problem = fallenBack ? null : edgeTpuOpProblem(op, sg.tensors);
    if (problem) {
      fallenBack = true;
      problems.push({ code: 'edgetpu-fallback', problem, index: op.index });
    }
    if (fallenBack) cpuOps.push(cpuOp(op, problem ? { code: 'problem', problem } : { code: 'after-fallback' }));
    else mappedOps++;
  });
  const reasons = problems.map(englishDeployProblem);
  return { compatible: !fallenBack && mappedOps > 0, mappedOps, cpuOps, reasons, problems };
}
