/**
 * OperatorCode.version and the model's min_runtime_version, derived from op kinds and tensor dtypes the
 * way TensorFlow's converter does it.
 *
 * Sources (tensorflow/tensorflow): `tensorflow/compiler/mlir/lite/tools/versioning/op_version.cc`
 * (GetBuiltinOperatorVersion) and `.../versioning/runtime_version.cc` (FindMinimumRuntimeVersionForOp).
 *
 * One deliberate difference: upstream tests `filter == int16` for the int16-activation versions of CONV_2D
 * (4), DEPTHWISE_CONV_2D (5) and FULLY_CONNECTED (7), so 16x8 graphs (int16 activations, int8 filters)
 * fall through to version 1 there. runtime_version.cc dates exactly those versions to 2.3.0, the release
 * that added 16x8 kernels, so we tag 16x8 ops with them: a runtime too old for 16x8 kernels then refuses
 * the op at load time instead of failing in Prepare.
 */
import type { DType, Graph, GraphOp } from '../graph/graph';
import { builtinCodeOf, LAB_OP_OPTIONS } from './op-options';
import { BuiltinOperator } from './schema';

/** BuiltinOperator code of each IR op kind (the op kinds are schema names; see op-options.ts). */
export const OP_CODE = Object.fromEntries(
  Object.keys(LAB_OP_OPTIONS).map((kind) => [kind, builtinCodeOf(kind)]),
) as Record<GraphOp['kind'], number>;

/** Version of one op as the converter would compute it from its tensors' dtypes and options. */
export function opVersion(op: GraphOp, graph: Graph): number {
  const dtype = (i: number | undefined): DType | undefined =>
    i === undefined || i < 0 ? undefined : graph.tensors[i]?.dtype;
  const perChannel = (i: number | undefined): boolean =>
    i !== undefined && i >= 0 && (graph.tensors[i]?.quant?.scale.length ?? 0) > 1;
  const input = dtype(op.inputs[0]);
  const filter = dtype(op.inputs[1]);
  const output = dtype(op.outputs[0]);
  const int16Act = input === 'int16' && output === 'int16' && (filter === 'int8' || filter === 'int16');
  const int8 = input === 'int8' && filter === 'int8' && output === 'int8';
  const hybrid = input === 'float32' && filter === 'int8' && output === 'float32';

  switch (op.kind) {
    case 'CONV_2D': {
      const inChannels = graph.tensors[op.inputs[0] ?? -1]?.shape[3];
      const filterChannels = graph.tensors[op.inputs[1] ?? -1]?.shape[3];
      if (inChannels !== undefined && filterChannels !== undefined && inChannels !== filterChannels) return 6;
      if (int16Act) return 4;
      if (int8) return 3;
      if (hybrid) return perChannel(op.inputs[1]) ? 5 : 2;
      return 1;
    }
    case 'DEPTHWISE_CONV_2D':
      if (int16Act) return 5;
      if (hybrid) return perChannel(op.inputs[1]) ? 6 : 4;
      if (int8) return 3;
      if (op.dilationH !== 1 || op.dilationW !== 1) return 2;
      return 1;
    case 'FULLY_CONNECTED':
      if (hybrid && perChannel(op.inputs[1])) return 12;
      if (int16Act) return 7;
      if (op.inputs.length === 2) return 6;
      if (op.keepNumDims) return 5;
      if (int8) return 4;
      if (hybrid) return op.asymmetricQuantizeInputs ? 9 : 3;
      return 1;
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      if (input === 'int16' && output === 'int16') return 3;
      if (input === 'int8') return 2;
      return 1;
    case 'SOFTMAX':
      if (input === 'int16') return 3;
      if (input === 'int8') return 2;
      return 1;
    case 'RESHAPE':
      return 1;
    case 'ADD':
      // op_version.cc: int16 with general (non power-of-two) scales 5, int16 3, int8 2.
      if (input === 'int16') return op.potScaleInt16 ? 3 : 5;
      if (input === 'int8') return 2;
      return 1;
    case 'SUB':
      if (input === 'int16') return op.potScaleInt16 ? 1 : 5;
      if (input === 'int8') return 2;
      return 1;
    case 'MUL': {
      if (input === 'int16') return 4;
      const q = (i: number | undefined) => (i === undefined || i < 0 ? 0 : (graph.tensors[i]?.quant?.scale[0] ?? 0));
      const [s1, s2, so] = [q(op.inputs[0]), q(op.inputs[1]), q(op.outputs[0])];
      if (s1 !== 0 && s2 !== 0 && so !== 0 && (s1 * s2) / so >= 1) return 3;
      if (input === 'int8') return 2;
      return 1;
    }
    case 'LOGISTIC':
    case 'TANH':
      if (input === 'int16' && output === 'int16') return 3;
      if (input === 'int8') return 2;
      return 1;
    case 'MEAN':
    case 'PAD':
    case 'CONCATENATION':
      if (input === 'int16') return 3;
      if (input === 'int8') return 2;
      return 1;
    case 'LEAKY_RELU':
      return input === 'int16' ? 2 : 1;
    case 'HARD_SWISH':
      return 1;
    case 'QUANTIZE':
      if (perChannel(op.outputs[0])) return 3;
      if (output === 'int16') return 2;
      return 1;
    case 'DEQUANTIZE':
      if (input === 'int16' || input === 'float16') return 3;
      if (input === 'int8') return perChannel(op.inputs[0]) ? 5 : 2;
      return 1;
  }
}

/** runtime_version.cc entries for the ops the lab writes: code -> runtime version per op version (index 1..). */
const RUNTIME_VERSIONS: Record<number, readonly string[]> = {
  [BuiltinOperator.AVERAGE_POOL_2D]: ['', '1.5.0', '1.14.0', '2.3.0'],
  [BuiltinOperator.MAX_POOL_2D]: ['', '1.5.0', '1.14.0', '2.3.0'],
  [BuiltinOperator.CONV_2D]: ['', '1.5.0', '1.14.0', '1.14.0', '2.3.0', '2.4.0', '2.9.0', '2.11.0', '2.15.0'],
  [BuiltinOperator.DEPTHWISE_CONV_2D]: ['', '1.5.0', '1.12.0', '1.14.0', '2.2.0', '2.3.0', '2.3.0', '2.11.0'],
  [BuiltinOperator.FULLY_CONNECTED]: [
    '',
    '1.5.0',
    '1.10.0',
    '1.14.0',
    '1.14.0',
    '2.0.0',
    '2.1.0',
    '2.3.0',
    '2.3.0',
    '2.3.0',
    '2.11.0',
    '2.15.0',
    '2.17.0',
    '2.18.0',
    '2.21.0',
  ],
  [BuiltinOperator.ADD]: ['', '1.5.0', '1.14.0', '2.4.0', '2.6.0', '2.6.0'],
  [builtinCodeOf('SUB')]: ['', '1.6.0', '1.14.0', '2.3.0', '2.4.0', '2.4.0'],
  [builtinCodeOf('MUL')]: ['', '1.5.0', '1.14.0', '1.15.0', '2.3.0', '2.6.0'],
  [builtinCodeOf('CONCATENATION')]: ['', '1.5.0', '1.14.0', '2.3.0'],
  [builtinCodeOf('MEAN')]: ['', '1.6.0', '1.14.0', '2.4.0'],
  [builtinCodeOf('PAD')]: ['', '1.5.0', '1.14.0', '2.4.0', '2.6.0'],
  [builtinCodeOf('LOGISTIC')]: ['', '1.14.0', '1.14.0', '2.3.0'],
  [builtinCodeOf('TANH')]: ['', '1.14.0', '1.14.0', '2.3.0'],
  [builtinCodeOf('LEAKY_RELU')]: ['', '1.13.1', '2.3.0'],
  [builtinCodeOf('HARD_SWISH')]: ['', '1.15.0'],
  [BuiltinOperator.RESHAPE]: ['', '1.5.0'],
  [BuiltinOperator.SOFTMAX]: ['', '1.5.0', '1.14.0', '2.3.0'],
  [BuiltinOperator.QUANTIZE]: ['', '1.14.0', '1.15.0', '2.7.0', '2.21.0', '2.21.0', '2.21.0'],
  [BuiltinOperator.DEQUANTIZE]: ['', '1.13.1', '1.14.0', '1.15.0', '2.2.0', '2.7.0', '2.18.0', '2.21.0', '2.22.0'],
};

/** Oldest TFLite runtime that has version `version` of builtin `code`, or undefined when not in the table. */
export function runtimeVersionFor(code: number, version: number): string | undefined {
  const v = RUNTIME_VERSIONS[code]?.[version];
  return v ? v : undefined;
}

/** Numeric comparison of dotted versions ("1.14.0" > "1.5.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The model's min_runtime_version: the newest runtime any of its (op, version) pairs needs, like
 * UpdateMinimumRuntimeVersionForModel. "1.5.0" for a float CNN, "1.14.0" for int8, "2.3.0" for 16x8.
 */
export function minRuntimeVersion(graph: Graph): string {
  let best = '';
  for (const op of graph.ops) {
    const v = runtimeVersionFor(OP_CODE[op.kind], opVersion(op, graph));
    if (v && (best === '' || compareVersions(v, best) > 0)) best = v;
  }
  return best;
}
