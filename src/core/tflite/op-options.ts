/**
 * Per-op options, declared once as data: every `table XxxOptions` of schema.fbs the lab decodes (field names,
 * field ids, scalar types, defaults, enum names), and for each of the lab's own op kinds which table it
 * carries and which IR property maps to which schema field. The writer, the strict reader and the inspector
 * all derive from these tables; adding an op is one entry here.
 *
 * Source: tensorflow/tensorflow `tensorflow/compiler/mlir/lite/schema/schema.fbs`. Field ids are the 0-based
 * declaration order of each table (deprecated fields keep their id: ResizeBilinearOptions starts at 2).
 * Defaults are the schema's (`= 1` where written, else 0 / false / empty).
 */
import type { OpKind } from '../graph/graph';
import {
  ACTIVATION_NAMES,
  BUILTIN_OPERATOR_NAMES,
  BUILTIN_OPTIONS_NAMES,
  FC_WEIGHTS_FORMAT_NAMES,
  PADDING_NAMES,
  TENSOR_TYPE_NAMES,
} from './schema';

/** A decoded option value: numbers, booleans, enum names, or int lists. */
export type TfliteOptionValue = number | boolean | string | number[];

/**
 * Scalar or vector type of one option field: `byte`/`int`/`float`/`bool` as in schema.fbs, `ints` for
 * `[int]`, `enum` for a byte enum decoded to its names (Padding, ActivationFunctionType, TensorType, ...).
 */
export type OptionFieldType = 'byte' | 'int' | 'float' | 'bool' | 'ints' | 'enum';

export interface OptionField {
  name: string;
  /** Field id in the table (0-based declaration order in schema.fbs). */
  id: number;
  type: OptionFieldType;
  /** Enum value names indexed by value (type `enum` only). */
  names?: readonly string[];
  /** Schema default: a number for scalars (the enum value for enums), false for bools, [] for lists. */
  default: number | boolean | number[];
}

export interface OptionTable {
  /** `union BuiltinOptions` member name, e.g. "Conv2DOptions". */
  name: string;
  /** Its union type id (index in BUILTIN_OPTIONS_NAMES). */
  typeId: number;
  fields: readonly OptionField[];
}

const enumField = (name: string, id: number, names: readonly string[], dflt = 0): OptionField => ({
  name,
  id,
  type: 'enum',
  names,
  default: dflt,
});
const int = (name: string, id: number, dflt = 0): OptionField => ({ name, id, type: 'int', default: dflt });
const bool = (name: string, id: number, dflt = false): OptionField => ({ name, id, type: 'bool', default: dflt });
const float = (name: string, id: number, dflt = 0): OptionField => ({ name, id, type: 'float', default: dflt });
const ints = (name: string, id: number): OptionField => ({ name, id, type: 'ints', default: [] });
const padding = (id: number) => enumField('padding', id, PADDING_NAMES);
const activation = (id: number) => enumField('fused_activation_function', id, ACTIVATION_NAMES);
const tensorType = (name: string, id: number) => enumField(name, id, TENSOR_TYPE_NAMES);
/** `enum MirrorPadMode : byte { REFLECT, SYMMETRIC }`. */
const MIRROR_PAD_MODE_NAMES = ['REFLECT', 'SYMMETRIC'] as const;

/** Field lists by options table name, each in schema.fbs declaration order. */
const FIELDS: Record<string, readonly OptionField[]> = {
  Conv2DOptions: [
    padding(0),
    int('stride_w', 1),
    int('stride_h', 2),
    activation(3),
    int('dilation_w_factor', 4, 1),
    int('dilation_h_factor', 5, 1),
    tensorType('quantized_bias_type', 6),
  ],
  DepthwiseConv2DOptions: [
    padding(0),
    int('stride_w', 1),
    int('stride_h', 2),
    int('depth_multiplier', 3),
    activation(4),
    int('dilation_w_factor', 5, 1),
    int('dilation_h_factor', 6, 1),
  ],
  Pool2DOptions: [
    padding(0),
    int('stride_w', 1),
    int('stride_h', 2),
    int('filter_width', 3),
    int('filter_height', 4),
    activation(5),
  ],
  FullyConnectedOptions: [
    activation(0),
    enumField('weights_format', 1, FC_WEIGHTS_FORMAT_NAMES),
    bool('keep_num_dims', 2),
    bool('asymmetric_quantize_inputs', 3),
    tensorType('quantized_bias_type', 4),
  ],
  SoftmaxOptions: [float('beta', 0)],
  ConcatenationOptions: [int('axis', 0), activation(1)],
  AddOptions: [activation(0), bool('pot_scale_int16', 1, true)],
  SubOptions: [activation(0), bool('pot_scale_int16', 1, true)],
  MulOptions: [activation(0)],
  DivOptions: [activation(0)],
  L2NormOptions: [activation(0)],
  ReshapeOptions: [ints('new_shape', 0)],
  ReducerOptions: [bool('keep_dims', 0)],
  SqueezeOptions: [ints('squeeze_dims', 0)],
  StridedSliceOptions: [
    int('begin_mask', 0),
    int('end_mask', 1),
    int('ellipsis_mask', 2),
    int('new_axis_mask', 3),
    int('shrink_axis_mask', 4),
    bool('offset', 5),
  ],
  CastOptions: [tensorType('in_data_type', 0), tensorType('out_data_type', 1)],
  ShapeOptions: [tensorType('out_type', 0)],
  PackOptions: [int('values_count', 0), int('axis', 1)],
  UnpackOptions: [int('num', 0), int('axis', 1)],
  GatherOptions: [int('axis', 0), int('batch_dims', 1)],
  SplitOptions: [int('num_splits', 0)],
  SplitVOptions: [int('num_splits', 0)],
  ArgMaxOptions: [tensorType('output_type', 0)],
  ArgMinOptions: [tensorType('output_type', 0)],
  LeakyReluOptions: [float('alpha', 0)],
  GeluOptions: [bool('approximate', 0)],
  MirrorPadOptions: [enumField('mode', 0, MIRROR_PAD_MODE_NAMES)],
  DepthToSpaceOptions: [int('block_size', 0)],
  SpaceToDepthOptions: [int('block_size', 0)],
  ResizeBilinearOptions: [bool('align_corners', 2), bool('half_pixel_centers', 3)],
  ResizeNearestNeighborOptions: [bool('align_corners', 0), bool('half_pixel_centers', 1)],
  TransposeConvOptions: [
    padding(0),
    int('stride_w', 1),
    int('stride_h', 2),
    activation(3),
    tensorType('quantized_bias_type', 4),
  ],
  BatchMatMulOptions: [bool('adj_x', 0), bool('adj_y', 1), bool('asymmetric_quantize_inputs', 2)],
  LocalResponseNormalizationOptions: [int('radius', 0), float('bias', 1), float('alpha', 2), float('beta', 3)],
  // Tables without fields: the op carries them to say "no options".
  QuantizeOptions: [],
  DequantizeOptions: [],
  PadOptions: [],
  PadV2Options: [],
  TransposeOptions: [],
  ExpandDimsOptions: [],
  HardSwishOptions: [],
  MaximumMinimumOptions: [],
  LogSoftmaxOptions: [],
  SliceOptions: [],
  TileOptions: [],
  ExpOptions: [],
  NegOptions: [],
  AbsOptions: [],
  RankOptions: [],
  FillOptions: [],
  ZerosLikeOptions: [],
  SquareOptions: [],
  SelectOptions: [],
  SelectV2Options: [],
  LessOptions: [],
  GreaterOptions: [],
  EqualOptions: [],
  NotEqualOptions: [],
  LessEqualOptions: [],
  GreaterEqualOptions: [],
};

/** Every options table the lab decodes, keyed by union member name. */
export const OPTION_TABLES: Readonly<Record<string, OptionTable>> = Object.fromEntries(
  Object.entries(FIELDS).map(([name, fields]) => {
    const typeId = BUILTIN_OPTIONS_NAMES.indexOf(name);
    if (typeId < 0) throw new Error(`op-options: ${name} is not a BuiltinOptions member`);
    return [name, { name, typeId, fields }];
  }),
);

/** The same tables keyed by union type id. */
export const OPTION_TABLES_BY_TYPE: ReadonlyMap<number, OptionTable> = new Map(
  Object.values(OPTION_TABLES).map((t) => [t.typeId, t]),
);

/** Schema defaults of a table, decoded (enum names, not numbers): what a reader assumes when a field is absent. */
export function defaultOptions(table: OptionTable): Record<string, TfliteOptionValue> {
  return Object.fromEntries(table.fields.map((f) => [f.name, decodeDefault(f)]));
}

function decodeDefault(f: OptionField): TfliteOptionValue {
  if (f.type === 'enum') return f.names?.[f.default as number] ?? String(f.default);
  return Array.isArray(f.default) ? [...f.default] : f.default;
}

/** How one of the lab's op kinds maps to its options table. */
export interface LabOpOptions {
  /** The options table the op carries (absent for ops the schema gives none, e.g. LOGISTIC, TANH). */
  table?: OptionTable;
  /** IR property name -> schema field name. Schema fields not listed are written as their defaults. */
  fields: Readonly<Record<string, string>>;
  /** Values the lab's IR can hold, per schema field; a file with anything else is not a lab graph. */
  allowed?: Readonly<Record<string, readonly TfliteOptionValue[]>>;
}

/** Fused activations the lab's IR models (graph.ts `Activation`). */
const LAB_ACTIVATIONS = ['NONE', 'RELU', 'RELU6'];
const ACT = { fused_activation_function: LAB_ACTIVATIONS };
const WINDOW = { padding: 'padding', strideH: 'stride_h', strideW: 'stride_w' };
const DILATION = { dilationH: 'dilation_h_factor', dilationW: 'dilation_w_factor' };

/** For each lab op kind: its options table, the IR <-> schema field mapping, and the values it allows. */
export const LAB_OP_OPTIONS: Readonly<Record<OpKind, LabOpOptions>> = {
  CONV_2D: {
    table: OPTION_TABLES.Conv2DOptions!,
    fields: { ...WINDOW, ...DILATION, activation: 'fused_activation_function' },
    allowed: ACT,
  },
  DEPTHWISE_CONV_2D: {
    table: OPTION_TABLES.DepthwiseConv2DOptions!,
    fields: { ...WINDOW, ...DILATION, depthMultiplier: 'depth_multiplier', activation: 'fused_activation_function' },
    allowed: ACT,
  },
  MAX_POOL_2D: {
    table: OPTION_TABLES.Pool2DOptions!,
    fields: { ...WINDOW, filterH: 'filter_height', filterW: 'filter_width', activation: 'fused_activation_function' },
    allowed: ACT,
  },
  AVERAGE_POOL_2D: {
    table: OPTION_TABLES.Pool2DOptions!,
    fields: { ...WINDOW, filterH: 'filter_height', filterW: 'filter_width', activation: 'fused_activation_function' },
    allowed: ACT,
  },
  RESHAPE: { table: OPTION_TABLES.ReshapeOptions!, fields: { newShape: 'new_shape' } },
  FULLY_CONNECTED: {
    table: OPTION_TABLES.FullyConnectedOptions!,
    fields: {
      activation: 'fused_activation_function',
      keepNumDims: 'keep_num_dims',
      asymmetricQuantizeInputs: 'asymmetric_quantize_inputs',
    },
    allowed: { ...ACT, weights_format: ['DEFAULT'] },
  },
  SOFTMAX: { table: OPTION_TABLES.SoftmaxOptions!, fields: { beta: 'beta' } },
  ADD: {
    table: OPTION_TABLES.AddOptions!,
    fields: { activation: 'fused_activation_function', potScaleInt16: 'pot_scale_int16' },
    allowed: ACT,
  },
  SUB: {
    table: OPTION_TABLES.SubOptions!,
    fields: { activation: 'fused_activation_function', potScaleInt16: 'pot_scale_int16' },
    allowed: ACT,
  },
  MUL: { table: OPTION_TABLES.MulOptions!, fields: { activation: 'fused_activation_function' }, allowed: ACT },
  CONCATENATION: {
    table: OPTION_TABLES.ConcatenationOptions!,
    fields: { axis: 'axis', activation: 'fused_activation_function' },
    allowed: ACT,
  },
  MEAN: { table: OPTION_TABLES.ReducerOptions!, fields: { keepDims: 'keep_dims' } },
  PAD: { table: OPTION_TABLES.PadOptions!, fields: {} },
  LEAKY_RELU: { table: OPTION_TABLES.LeakyReluOptions!, fields: { alpha: 'alpha' } },
  LOGISTIC: { fields: {} },
  TANH: { fields: {} },
  HARD_SWISH: { table: OPTION_TABLES.HardSwishOptions!, fields: {} },
  QUANTIZE: { table: OPTION_TABLES.QuantizeOptions!, fields: {} },
  DEQUANTIZE: { table: OPTION_TABLES.DequantizeOptions!, fields: {} },
};

/** BuiltinOperator code of a builtin op name ("CONV_2D" -> 3); -1 when the name is not in the schema. */
export function builtinCodeOf(opName: string): number {
  return BUILTIN_OPERATOR_NAMES.indexOf(opName);
}
