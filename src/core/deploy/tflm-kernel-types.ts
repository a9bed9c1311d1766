/**
 * The tensor types each TFLite Micro reference kernel accepts, as its Prepare/Eval functions check them in
 * tflite-micro (revision 90b983c, `tensorflow/lite/micro/kernels/`). Each rule returns the exact reason a file
 * would fail on the device, as data (deploy-problem.ts writes the words that follow the op name), or null when the
 * kernel takes these types. Ops outside this table are
 * checked only against the resolver list (tflm-ops.ts).
 */
import type { TfliteOpInfo, TfliteTensorInfo } from '../tflite/read-tflite';
import type { KernelTypeProblem } from './deploy-problem';

/** The types one op sees: input 0, the weights (input 1), the bias (input 2) and output 0 (type names). */
export interface OpTypes {
  input: string;
  weights?: string;
  bias?: string;
  output: string;
  /** The output's zero point (SOFTMAX int16 needs 0). */
  outputZeroPoint?: number;
}

type KernelRule = (t: OpTypes) => KernelTypeProblem | null;

/** Float activations meeting int8 weights: TFLM has no hybrid (dynamic-range) kernels. */
const hybrid = (input: string, weights: string | undefined, source: string, says: string): KernelTypeProblem => ({
  code: 'hybrid',
  input,
  ...(weights !== undefined && { weights }),
  source,
  says,
});
const ioDiffer = (input: string, output: string, source: string): KernelTypeProblem => ({
  code: 'io-differ',
  input,
  output,
  source,
});
const HYBRID_SAYS = 'Hybrid models are not supported on TFLite Micro.';

/** conv_common.cc ConvPrepare; conv.cc Eval (int16 takes int32 or int64 bias, int8 takes int32). */
const conv: KernelRule = ({ input, weights, bias, output }) => {
  if (input !== output) return ioDiffer(input, output, 'conv_common.cc');
  const ok =
    (input === 'FLOAT32' && weights === 'FLOAT32') ||
    (input === 'INT16' && weights === 'INT8') ||
    (input === 'INT8' && (weights === 'INT8' || weights === 'INT4'));
  if (!ok) return hybrid(input, weights, 'conv_common.cc', HYBRID_SAYS);
  if (input === 'INT16' && bias && bias !== 'INT32' && bias !== 'INT64')
    return { code: 'bias-int32-or-int64', bias, source: 'conv.cc' };
  if (input === 'INT8' && bias && bias !== 'INT32') return { code: 'bias-int32', bias, source: 'conv.cc' };
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
    return { code: 'bias-reads-int64', bias, source: 'depthwise_conv.cc' };
  }
  return null;
};

/** fully_connected.cc FullyConnectedPrepare and Eval. */
const fullyConnected: KernelRule = ({ input, weights, bias, output }) => {
  if (input !== output) return ioDiffer(input, output, 'fully_connected.cc');
  const ok =
    (input === 'FLOAT32' && weights === 'FLOAT32') ||
    (input === 'INT8' && (weights === 'INT8' || weights === 'INT4')) ||
    (input === 'INT16' && weights === 'INT8');
  if (!ok) {
    const says = `Input type: ${input.toLowerCase()} with filter type: ${weights?.toLowerCase()} not supported.`;
    return hybrid(input, weights, 'fully_connected.cc', says);
  }
  if (input === 'INT16' && bias && bias !== 'INT32' && bias !== 'INT64')
    return { code: 'bias-int32-or-int64', bias, source: 'fully_connected.cc' };
  return null;
};

/** pooling.cc AverageEval / MaxEval: float32, int8 and int16 only. */
const pooling: KernelRule = ({ input }) =>
  ['FLOAT32', 'INT8', 'INT16'].includes(input)
    ? null
    : { code: 'input-types', allowed: ['FLOAT32', 'INT8', 'INT16'], input, source: 'pooling.cc' };

/** softmax_common.cc CalculateSoftmaxParams / InitializeLutForInt16. */
const softmax: KernelRule = ({ input, output, outputZeroPoint }) => {
  if (output === 'INT16') {
    if (input !== 'INT8' && input !== 'INT16') return { code: 'int16-output-input', input };
    if (input === 'INT16' && outputZeroPoint !== undefined && outputZeroPoint !== 0) {
      return { code: 'int16-zero-point', source: 'softmax_common.cc' };
    }
    return null;
  }
  if (input !== output)
    return { code: 'pair-unsupported', input, output, source: 'softmax_common.cc', implemented: false };
  return ['FLOAT32', 'INT8'].includes(input)
    ? null
    : { code: 'input-types', allowed: ['FLOAT32', 'INT8', 'INT16'], input };
};

/** reshape_common.cc: the output keeps the input's type. */
const reshape: KernelRule = ({ input, output }) =>
  input === output ? null : { code: 'type-changes', input, output, source: 'reshape_common.cc' };

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
  QUANTIZE_PAIRS.has(`${input}>${output}`)
    ? null
    : { code: 'pair-unsupported', input, output, source: 'quantize_common.cc', implemented: true };

/** dequantize_common.cc DequantizePrepare: INT8, INT16 or UINT8 in, FLOAT32 out. */
const dequantize: KernelRule = ({ input, output }) => {
  if (input === 'FLOAT16') {
    return { code: 'from-float16', source: 'dequantize_common.cc' };
  }
  if (!['INT8', 'INT16', 'UINT8'].includes(input))
    return { code: 'from-unsupported', input, source: 'dequantize_common.cc' };
  return output === 'FLOAT32' ? null : { code: 'output-float32', output };
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
export function checkKernelTypes(opName: string, types: OpTypes): KernelTypeProblem | null {
  const rule = hasKernelRule(opName) ? RULES[opName] : undefined;
  return rule ? rule(types) : null;
}
