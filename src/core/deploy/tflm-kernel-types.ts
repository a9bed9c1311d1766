/**
 * The tensor types each TFLite Micro reference kernel accepts, as its Prepare/Eval functions check them in
 * tflite-micro (revision 90b983c, `tensorflow/lite/micro/kernels/`). Each rule returns the exact reason (a sentence that follows the op name) a file
 * would fail on the device, in a sentence, or null when the kernel takes these types. Ops outside this table are
 * checked only against the resolver list (tflm-ops.ts).
 */
import type { TfliteOpInfo, TfliteTensorInfo } from '../tflite/read-tflite';

/** The types one op sees: input 0, the weights (input 1), the bias (input 2) and output 0 (type names). */
export interface OpTypes {
  input: string;
  weights?: string;
  bias?: string;
  output: string;
  /** The output's zero point (SOFTMAX int16 needs 0). */
  outputZeroPoint?: number;
}

type KernelRule = (t: OpTypes) => string | null;

/** The sentence for float activations meeting int8 weights: TFLM has no hybrid (dynamic-range) kernels. */
const hybrid = (input: string, weights: string | undefined, source: string, says: string) =>
  `with ${input} input and ${weights} weights is a hybrid (dynamic-range) kernel, which TFLite Micro does not have (${source}: "${says}")`;
const HYBRID_SAYS = 'Hybrid models are not supported on TFLite Micro.';

/** conv_common.cc ConvPrepare; conv.cc Eval (int16 takes int32 or int64 bias, int8 takes int32). */
const conv: KernelRule = ({ input, weights, bias, output }) => {
  if (input !== output) return `input ${input} and output ${output} differ; conv_common.cc requires the same type`;
  const ok =
    (input === 'FLOAT32' && weights === 'FLOAT32') ||
    (input === 'INT16' && weights === 'INT8') ||
    (input === 'INT8' && (weights === 'INT8' || weights === 'INT4'));
  if (!ok) return hybrid(input, weights, 'conv_common.cc', HYBRID_SAYS);
  if (input === 'INT16' && bias && bias !== 'INT32' && bias !== 'INT64')
    return `with int16 input takes an INT32 or INT64 bias, not ${bias} (conv.cc)`;
  if (input === 'INT8' && bias && bias !== 'INT32') return `with int8 input needs an INT32 bias, not ${bias} (conv.cc)`;
  return null;
};

/** depthwise_conv_common.cc DepthwiseConvPrepare; depthwise_conv.cc Eval reads an int64 bias for int16. */
const depthwise: KernelRule = ({ input, weights, bias }) => {
  const ok =
    input === weights ||
    (input === 'INT8' && (weights === 'INT8' || weights === 'INT4')) ||
    (input === 'INT16' && weights === 'INT8');
  if (!ok) return hybrid(input, weights, 'depthwise_conv_common.cc', HYBRID_SAYS);
  if (input === 'INT16' && bias && bias !== 'INT64') {
    return `with int16 input reads an INT64 bias, this file has ${bias} (depthwise_conv.cc)`;
  }
  return null;
};

/** fully_connected.cc FullyConnectedPrepare and Eval. */
const fullyConnected: KernelRule = ({ input, weights, bias, output }) => {
  if (input !== output) return `input ${input} and output ${output} differ; fully_connected.cc requires the same type`;
  const ok =
    (input === 'FLOAT32' && weights === 'FLOAT32') ||
    (input === 'INT8' && (weights === 'INT8' || weights === 'INT4')) ||
    (input === 'INT16' && weights === 'INT8');
  if (!ok) {
    const says = `Input type: ${input.toLowerCase()} with filter type: ${weights?.toLowerCase()} not supported.`;
    return hybrid(input, weights, 'fully_connected.cc', says);
  }
  if (input === 'INT16' && bias && bias !== 'INT32' && bias !== 'INT64')
    return `with int16 input takes an INT32 or INT64 bias, not ${bias} (fully_connected.cc)`;
  return null;
};

/** pooling.cc AverageEval / MaxEval: float32, int8 and int16 only. */
const pooling: KernelRule = ({ input }) =>
  ['FLOAT32', 'INT8', 'INT16'].includes(input) ? null : `takes FLOAT32, INT8 or INT16, not ${input} (pooling.cc)`;

/** softmax_common.cc CalculateSoftmaxParams / InitializeLutForInt16. */
const softmax: KernelRule = ({ input, output, outputZeroPoint }) => {
  if (output === 'INT16') {
    if (input !== 'INT8' && input !== 'INT16') return `with INT16 output needs INT8 or INT16 input, not ${input}`;
    if (input === 'INT16' && outputZeroPoint !== undefined && outputZeroPoint !== 0) {
      return 'with int16 input needs output zero point 0 (softmax_common.cc)';
    }
    return null;
  }
  if (input !== output) return `${input} -> ${output} is not supported (softmax_common.cc)`;
  return ['FLOAT32', 'INT8'].includes(input) ? null : `takes FLOAT32, INT8 or INT16, not ${input}`;
};

/** reshape_common.cc: the output keeps the input's type. */
const reshape: KernelRule = ({ input, output }) =>
  input === output ? null : `changes ${input} to ${output}; reshape_common.cc requires the same type`;

/** quantize_common.cc PrepareQuantizeReference and EvalQuantizeReference: the pairs it implements. */
const QUANTIZE_PAIRS = new Set([
  'FLOAT32>INT8',
  'FLOAT32>INT16',
  'INT16>INT8',
  'INT8>INT8',
  'INT8>UINT8',
  'UINT8>INT8',
  'INT8>INT16',
  'INT8>INT32',
  'INT16>INT16',
  'INT16>INT32',
  'INT32>INT8',
  'INT32>INT16',
]);
const quantize: KernelRule = ({ input, output }) =>
  QUANTIZE_PAIRS.has(`${input}>${output}`) ? null : `${input} -> ${output} is not implemented (quantize_common.cc)`;

/** dequantize_common.cc DequantizePrepare: INT8, INT16 or UINT8 in, FLOAT32 out. */
const dequantize: KernelRule = ({ input, output }) => {
  if (input === 'FLOAT16') {
    return 'from FLOAT16 is not in TFLite Micro: dequantize_common.cc accepts only INT8, INT16 or UINT8 inputs, so float16 weights cannot be expanded on the device';
  }
  if (!['INT8', 'INT16', 'UINT8'].includes(input)) return `from ${input} is not supported (dequantize_common.cc)`;
  return output === 'FLOAT32' ? null : `must output FLOAT32, not ${output}`;
};

const RULES: Readonly<Record<string, KernelRule>> = {
  CONV_2D: conv,
  DEPTHWISE_CONV_2D: depthwise,
  FULLY_CONNECTED: fullyConnected,
  MAX_POOL_2D: pooling,
  AVERAGE_POOL_2D: pooling,
  SOFTMAX: softmax,
  RESHAPE: reshape,
  QUANTIZE: quantize,
  DEQUANTIZE: dequantize,
};

/** The types an op sees, from the inspector's tensor table. */
export function opTypes(op: TfliteOpInfo, tensors: readonly TfliteTensorInfo[]): OpTypes {
  const at = (i: number | undefined) => (i !== undefined && i >= 0 ? tensors[i] : undefined);
  const out = at(op.outputs[0]);
  const types: OpTypes = { input: at(op.inputs[0])?.type ?? 'NONE', output: out?.type ?? 'NONE' };
  const weights = at(op.inputs[1]);
  const bias = at(op.inputs[2]);
  if (weights) types.weights = weights.type;
  if (bias) types.bias = bias.type;
  if (out?.quant?.zeroPoint[0] !== undefined) types.outputZeroPoint = out.quant.zeroPoint[0];
  return types;
}

/** Whether the lab has a type rule for this op (other ops are checked by name only). */
export function hasKernelRule(opName: string): boolean {
  return Object.prototype.hasOwnProperty.call(RULES, opName);
}

/** Why TFLM's kernel for `opName` refuses these types, or null when it takes them (or there is no rule). */
export function checkKernelTypes(opName: string, types: OpTypes): string | null {
  const rule = hasKernelRule(opName) ? RULES[opName] : undefined;
  return rule ? rule(types) : null;
}
