/**
 * Edge TPU readiness of any inspected .tflite file, by the rules Coral publishes for its compiler
 * (https://coral.ai/docs/edgetpu/models-intro/, "Model requirements", "Supported operations" and "Compiling"):
 * tensors 8-bit quantized (int8 or uint8), sizes fixed at compile time, at most 3 dimensions larger than 1 (the
 * innermost), and only ops from the supported table with their limitations. The compiler maps ops in order
 * until the first one it cannot; that op and every op after it run on the CPU. A leading QUANTIZE from float
 * and a trailing DEQUANTIZE to float (full integer with float I/O) run on the CPU around the Edge TPU segment.
 */
import type { TfliteOpInfo, TfliteModelInfo, TfliteTensorInfo } from '../tflite/read-tflite';

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
  /** Why it runs on the CPU. */
  reason: string;
}

export interface EdgeTpuReadiness {
  /** Every op maps to the Edge TPU, apart from float I/O conversions at the graph's edges. */
  compatible: boolean;
  mappedOps: number;
  /** Ops that would run on the CPU, in order, each with its reason. */
  cpuOps: EdgeTpuOp[];
  /** The first blocking reason(s), one sentence each. */
  reasons: string[];
}

const EIGHT_BIT = new Set(['INT8', 'UINT8']);
const nonUnitDims = (shape: readonly number[]) => shape.filter((d) => d !== 1).length;

function tensorProblem(t: TfliteTensorInfo): string | null {
  if (t.shape.some((d) => d <= 0) || t.shapeSignature?.some((d) => d < 0)) {
    return `tensor "${t.name}" has a dynamic size [${t.shapeSignature ?? t.shape}]; sizes must be fixed at compile time`;
  }
  // The dimension rule is about activations: a CONV_2D filter [out, kh, kw, in] is 4-D by definition.
  if (t.dataOffset < 0 && t.shape.length > 3 && t.shape.slice(0, -3).some((d) => d > 1)) {
    return `tensor "${t.name}" [${t.shape}] has more than 3 dimensions larger than 1`;
  }
  const bias = t.dataOffset >= 0 && t.type === 'INT32';
  return EIGHT_BIT.has(t.type) || bias
    ? null
    : `tensor "${t.name}" is ${t.type}; the Edge TPU runs only 8-bit quantized tensors`;
}

/** The op-specific limitations from the supported-operations table. */
function opLimitation(op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[]): string | null {
  const o = op.options ?? {};
  const out = tensors[op.outputs[0] ?? -1];
  if (
    (op.opName === 'MAX_POOL_2D' || op.opName === 'AVERAGE_POOL_2D') &&
    (o.fused_activation_function ?? 'NONE') !== 'NONE'
  ) {
    return 'pooling must have no fused activation function';
  }
  if ((op.opName === 'CONV_2D' || op.opName === 'DEPTHWISE_CONV_2D') && o.dilation_w_factor !== o.dilation_h_factor) {
    return 'convolutions must use the same dilation in x and y';
  }
  if (
    op.opName === 'FULLY_CONNECTED' &&
    ((o.weights_format ?? 'DEFAULT') !== 'DEFAULT' || (out && nonUnitDims(out.shape) > 1))
  ) {
    return 'fully connected needs the default weights format and a one-dimensional output';
  }
  const input = tensors[op.inputs[0] ?? -1];
  if (op.opName === 'SOFTMAX' && input) {
    const n = input.shape.reduce((a, d) => a * d, 1);
    if (nonUnitDims(input.shape) > 1 || n > EDGETPU_SOFTMAX_MAX_ELEMENTS) {
      return `softmax supports only a 1-D input of at most ${EDGETPU_SOFTMAX_MAX_ELEMENTS} elements`;
    }
  }
  return null;
}

/** Why one op cannot be mapped, or null. */
export function edgeTpuOpProblem(op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[]): string | null {
  if (!EDGETPU_OPS.has(op.opName)) return `${op.opName} is not in the Edge TPU compiler's supported operations`;
  for (const i of [...op.inputs, ...op.outputs]) {
    const t = i >= 0 ? tensors[i] : undefined;
    const problem = t ? tensorProblem(t) : null;
    if (problem) return `${op.opName}: ${problem}`;
  }
  const limitation = opLimitation(op, tensors);
  return limitation ? `${op.opName}: ${limitation}` : null;
}

const isFloatEdge = (op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[], first: boolean): boolean => {
  const t = tensors[(first ? op.inputs[0] : op.outputs[0]) ?? -1];
  return op.opName === (first ? 'QUANTIZE' : 'DEQUANTIZE') && t?.type === 'FLOAT32';
};

/** Checks subgraph 0 op by op and partitions it as the Edge TPU compiler does; see EdgeTpuReadiness. */
export function checkEdgeTpu(info: TfliteModelInfo): EdgeTpuReadiness {
  const sg = info.subgraphs[0];
  if (!sg || sg.ops.length === 0)
    return { compatible: false, mappedOps: 0, cpuOps: [], reasons: ['the file has no ops'] };
  const cpuOps: EdgeTpuOp[] = [];
  const reasons: string[] = [];
  let mappedOps = 0;
  let fallenBack = false;
  sg.ops.forEach((op, k) => {
    const atStart = mappedOps === 0 && !fallenBack && isFloatEdge(op, sg.tensors, true);
    const atEnd = k === sg.ops.length - 1 && isFloatEdge(op, sg.tensors, false);
    if (atStart || (atEnd && !fallenBack)) {
      cpuOps.push({ index: op.index, opName: op.opName, reason: 'float I/O conversion, runs on the CPU' });
      return;
    }
    const problem = fallenBack ? null : edgeTpuOpProblem(op, sg.tensors);
    if (problem) {
      fallenBack = true;
      reasons.push(`${problem} (op ${op.index}); it and every op after it would run on the CPU`);
    }
    const reason = problem ?? 'follows an op the Edge TPU cannot run (the compiler partitions once)';
    if (fallenBack) cpuOps.push({ index: op.index, opName: op.opName, reason });
    else mappedOps++;
  });
  return { compatible: !fallenBack && mappedOps > 0, mappedOps, cpuOps, reasons };
}
