/**
 * Data-only description of the parts of the TFLite FlatBuffer schema the lab reads and writes.
 *
 * Source: tensorflow/tensorflow `tensorflow/compiler/mlir/lite/schema/schema.fbs` (the current home of
 * `tensorflow/lite/schema/schema.fbs`; same tables, same ids). Field ids are the 0-based declaration order of
 * each table; a union field takes two ids (its `_type` byte first, then the offset). The vtable byte offset
 * of field id `i` is `4 + 2 * i`. No code here: the writer and reader import these numbers.
 */

/** `file_identifier "TFL3"` in schema.fbs. */
export const FILE_IDENTIFIER = 'TFL3';
/** Model.version: "Version 3: Move buffer data from Model.Subgraph.Tensors to Model.Buffers". */
export const SCHEMA_VERSION = 3;
/** Buffer.data is `[ubyte] (force_align: 16)`. */
export const BUFFER_ALIGNMENT = 16;

/** `enum TensorType : byte`. */
export const TensorType = {
  FLOAT32: 0,
  FLOAT16: 1,
  INT32: 2,
  UINT8: 3,
  INT64: 4,
  STRING: 5,
  BOOL: 6,
  INT16: 7,
  COMPLEX64: 8,
  INT8: 9,
  FLOAT64: 10,
  COMPLEX128: 11,
  UINT64: 12,
  RESOURCE: 13,
  VARIANT: 14,
  UINT32: 15,
  UINT16: 16,
  INT4: 17,
  BFLOAT16: 18,
} as const;

/** TensorType names indexed by id. */
export const TENSOR_TYPE_NAMES: readonly string[] = Object.keys(TensorType);

/** Bytes per element of each TensorType id (0 where the size is not fixed: STRING, RESOURCE, VARIANT, INT4). */
export const TENSOR_TYPE_BYTES: readonly number[] = [4, 2, 4, 1, 8, 0, 1, 2, 8, 1, 8, 16, 8, 0, 0, 4, 2, 0, 2];

/** The `enum BuiltinOperator : int32` codes the lab writes. */
export const BuiltinOperator = {
  ADD: 0,
  AVERAGE_POOL_2D: 1,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  FULLY_CONNECTED: 9,
  MAX_POOL_2D: 17,
  RESHAPE: 22,
  SOFTMAX: 25,
  CUSTOM: 32,
  QUANTIZE: 114,
  /** Codes at or above this live only in OperatorCode.builtin_code; deprecated_builtin_code holds 127. */
  PLACEHOLDER_FOR_GREATER_OP_CODES: 127,
} as const;

/**
 * Every BuiltinOperator name, indexed by code (0..206), in schema.fbs order. Newer schemas add codes
 * above 206 whose names differ between revisions; the reader shows those as `BUILTIN_<code>`.
 */
export const BUILTIN_OPERATOR_NAMES: readonly string[] = [
  'ADD',
  'AVERAGE_POOL_2D',
  'CONCATENATION',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'DEPTH_TO_SPACE',
  'DEQUANTIZE',
  'EMBEDDING_LOOKUP',
  'FLOOR',
  'FULLY_CONNECTED',
  'HASHTABLE_LOOKUP',
  'L2_NORMALIZATION',
  'L2_POOL_2D',
  'LOCAL_RESPONSE_NORMALIZATION',
  'LOGISTIC',
  'LSH_PROJECTION',
  'LSTM',
  'MAX_POOL_2D',
  'MUL',
  'RELU',
  'RELU_N1_TO_1',
  'RELU6',
  'RESHAPE',
  'RESIZE_BILINEAR',
  'RNN',
  'SOFTMAX',
  'SPACE_TO_DEPTH',
  'SVDF',
  'TANH',
  'CONCAT_EMBEDDINGS',
  'SKIP_GRAM',
  'CALL',
  'CUSTOM',
  'EMBEDDING_LOOKUP_SPARSE',
  'PAD',
  'UNIDIRECTIONAL_SEQUENCE_RNN',
  'GATHER',
  'BATCH_TO_SPACE_ND',
  'SPACE_TO_BATCH_ND',
  'TRANSPOSE',
  'MEAN',
  'SUB',
  'DIV',
  'SQUEEZE',
  'UNIDIRECTIONAL_SEQUENCE_LSTM',
  'STRIDED_SLICE',
  'BIDIRECTIONAL_SEQUENCE_RNN',
  'EXP',
  'TOPK_V2',
  'SPLIT',
  'LOG_SOFTMAX',
  'DELEGATE',
  'BIDIRECTIONAL_SEQUENCE_LSTM',
  'CAST',
  'PRELU',
  'MAXIMUM',
  'ARG_MAX',
  'MINIMUM',
  'LESS',
  'NEG',
  'PADV2',
  'GREATER',
  'GREATER_EQUAL',
  'LESS_EQUAL',
  'SELECT',
  'SLICE',
  'SIN',
  'TRANSPOSE_CONV',
  'SPARSE_TO_DENSE',
  'TILE',
  'EXPAND_DIMS',
  'EQUAL',
  'NOT_EQUAL',
  'LOG',
  'SUM',
  'SQRT',
  'RSQRT',
  'SHAPE',
  'POW',
  'ARG_MIN',
  'FAKE_QUANT',
  'REDUCE_PROD',
  'REDUCE_MAX',
  'PACK',
  'LOGICAL_OR',
  'ONE_HOT',
  'LOGICAL_AND',
  'LOGICAL_NOT',
  'UNPACK',
  'REDUCE_MIN',
  'FLOOR_DIV',
  'REDUCE_ANY',
  'SQUARE',
  'ZEROS_LIKE',
  'FILL',
  'FLOOR_MOD',
  'RANGE',
  'RESIZE_NEAREST_NEIGHBOR',
  'LEAKY_RELU',
  'SQUARED_DIFFERENCE',
  'MIRROR_PAD',
  'ABS',
  'SPLIT_V',
  'UNIQUE',
  'CEIL',
  'REVERSE_V2',
  'ADD_N',
  'GATHER_ND',
  'COS',
  'WHERE',
  'RANK',
  'ELU',
  'REVERSE_SEQUENCE',
  'MATRIX_DIAG',
  'QUANTIZE',
  'MATRIX_SET_DIAG',
  'ROUND',
  'HARD_SWISH',
  'IF',
  'WHILE',
  'NON_MAX_SUPPRESSION_V4',
  'NON_MAX_SUPPRESSION_V5',
  'SCATTER_ND',
  'SELECT_V2',
  'DENSIFY',
  'SEGMENT_SUM',
  'BATCH_MATMUL',
  'PLACEHOLDER_FOR_GREATER_OP_CODES',
  'CUMSUM',
  'CALL_ONCE',
  'BROADCAST_TO',
  'RFFT2D',
  'CONV_3D',
  'IMAG',
  'REAL',
  'COMPLEX_ABS',
  'HASHTABLE',
  'HASHTABLE_FIND',
  'HASHTABLE_IMPORT',
  'HASHTABLE_SIZE',
  'REDUCE_ALL',
  'CONV_3D_TRANSPOSE',
  'VAR_HANDLE',
  'READ_VARIABLE',
  'ASSIGN_VARIABLE',
  'BROADCAST_ARGS',
  'RANDOM_STANDARD_NORMAL',
  'BUCKETIZE',
  'RANDOM_UNIFORM',
  'MULTINOMIAL',
  'GELU',
  'DYNAMIC_UPDATE_SLICE',
  'RELU_0_TO_1',
  'UNSORTED_SEGMENT_PROD',
  'UNSORTED_SEGMENT_MAX',
  'UNSORTED_SEGMENT_SUM',
  'ATAN2',
  'UNSORTED_SEGMENT_MIN',
  'SIGN',
  'BITCAST',
  'BITWISE_XOR',
  'RIGHT_SHIFT',
  'STABLEHLO_LOGISTIC',
  'STABLEHLO_ADD',
  'STABLEHLO_DIVIDE',
  'STABLEHLO_MULTIPLY',
  'STABLEHLO_MAXIMUM',
  'STABLEHLO_RESHAPE',
  'STABLEHLO_CLAMP',
  'STABLEHLO_CONCATENATE',
  'STABLEHLO_BROADCAST_IN_DIM',
  'STABLEHLO_CONVOLUTION',
  'STABLEHLO_SLICE',
  'STABLEHLO_CUSTOM_CALL',
  'STABLEHLO_REDUCE',
  'STABLEHLO_ABS',
  'STABLEHLO_AND',
  'STABLEHLO_COSINE',
  'STABLEHLO_EXPONENTIAL',
  'STABLEHLO_FLOOR',
  'STABLEHLO_LOG',
  'STABLEHLO_MINIMUM',
  'STABLEHLO_NEGATE',
  'STABLEHLO_OR',
  'STABLEHLO_POWER',
  'STABLEHLO_REMAINDER',
  'STABLEHLO_RSQRT',
  'STABLEHLO_SELECT',
  'STABLEHLO_SUBTRACT',
  'STABLEHLO_TANH',
  'STABLEHLO_SCATTER',
  'STABLEHLO_COMPARE',
  'STABLEHLO_CONVERT',
  'STABLEHLO_DYNAMIC_SLICE',
  'STABLEHLO_DYNAMIC_UPDATE_SLICE',
  'STABLEHLO_PAD',
  'STABLEHLO_IOTA',
  'STABLEHLO_DOT_GENERAL',
  'STABLEHLO_REDUCE_WINDOW',
  'STABLEHLO_SORT',
  'STABLEHLO_WHILE',
  'STABLEHLO_GATHER',
  'STABLEHLO_TRANSPOSE',
  'DILATE',
  'STABLEHLO_RNG_BIT_GENERATOR',
  'REDUCE_WINDOW',
  'STABLEHLO_COMPOSITE',
];

/** The `union BuiltinOptions` type ids the lab writes (0 is NONE; members count from 1 in declaration order). */
export const BuiltinOptions = {
  NONE: 0,
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  FullyConnectedOptions: 8,
  SoftmaxOptions: 9,
  ReshapeOptions: 17,
  DequantizeOptions: 38,
  QuantizeOptions: 89,
} as const;

/** Every `union BuiltinOptions` member name, indexed by type id (0 = NONE). */
export const BUILTIN_OPTIONS_NAMES: readonly string[] = [
  'NONE',
  'Conv2DOptions',
  'DepthwiseConv2DOptions',
  'ConcatEmbeddingsOptions',
  'LSHProjectionOptions',
  'Pool2DOptions',
  'SVDFOptions',
  'RNNOptions',
  'FullyConnectedOptions',
  'SoftmaxOptions',
  'ConcatenationOptions',
  'AddOptions',
  'L2NormOptions',
  'LocalResponseNormalizationOptions',
  'LSTMOptions',
  'ResizeBilinearOptions',
  'CallOptions',
  'ReshapeOptions',
  'SkipGramOptions',
  'SpaceToDepthOptions',
  'EmbeddingLookupSparseOptions',
  'MulOptions',
  'PadOptions',
  'GatherOptions',
  'BatchToSpaceNDOptions',
  'SpaceToBatchNDOptions',
  'TransposeOptions',
  'ReducerOptions',
  'SubOptions',
  'DivOptions',
  'SqueezeOptions',
  'SequenceRNNOptions',
  'StridedSliceOptions',
  'ExpOptions',
  'TopKV2Options',
  'SplitOptions',
  'LogSoftmaxOptions',
  'CastOptions',
  'DequantizeOptions',
  'MaximumMinimumOptions',
  'ArgMaxOptions',
  'LessOptions',
  'NegOptions',
  'PadV2Options',
  'GreaterOptions',
  'GreaterEqualOptions',
  'LessEqualOptions',
  'SelectOptions',
  'SliceOptions',
  'TransposeConvOptions',
  'SparseToDenseOptions',
  'TileOptions',
  'ExpandDimsOptions',
  'EqualOptions',
  'NotEqualOptions',
  'ShapeOptions',
  'PowOptions',
  'ArgMinOptions',
  'FakeQuantOptions',
  'PackOptions',
  'LogicalOrOptions',
  'OneHotOptions',
  'LogicalAndOptions',
  'LogicalNotOptions',
  'UnpackOptions',
  'FloorDivOptions',
  'SquareOptions',
  'ZerosLikeOptions',
  'FillOptions',
  'BidirectionalSequenceLSTMOptions',
  'BidirectionalSequenceRNNOptions',
  'UnidirectionalSequenceLSTMOptions',
  'FloorModOptions',
  'RangeOptions',
  'ResizeNearestNeighborOptions',
  'LeakyReluOptions',
  'SquaredDifferenceOptions',
  'MirrorPadOptions',
  'AbsOptions',
  'SplitVOptions',
  'UniqueOptions',
  'ReverseV2Options',
  'AddNOptions',
  'GatherNdOptions',
  'CosOptions',
  'WhereOptions',
  'RankOptions',
  'ReverseSequenceOptions',
  'MatrixDiagOptions',
  'QuantizeOptions',
  'MatrixSetDiagOptions',
  'HardSwishOptions',
  'IfOptions',
  'WhileOptions',
  'DepthToSpaceOptions',
  'NonMaxSuppressionV4Options',
  'NonMaxSuppressionV5Options',
  'ScatterNdOptions',
  'SelectV2Options',
  'DensifyOptions',
  'SegmentSumOptions',
  'BatchMatMulOptions',
  'CumsumOptions',
  'CallOnceOptions',
  'BroadcastToOptions',
  'Rfft2dOptions',
  'Conv3DOptions',
  'HashtableOptions',
  'HashtableFindOptions',
  'HashtableImportOptions',
  'HashtableSizeOptions',
  'VarHandleOptions',
  'ReadVariableOptions',
  'AssignVariableOptions',
  'RandomOptions',
  'BucketizeOptions',
  'GeluOptions',
  'DynamicUpdateSliceOptions',
  'UnsortedSegmentProdOptions',
  'UnsortedSegmentMaxOptions',
  'UnsortedSegmentMinOptions',
  'UnsortedSegmentSumOptions',
  'ATan2Options',
  'SignOptions',
  'BitcastOptions',
  'BitwiseXorOptions',
  'RightShiftOptions',
];

/** `enum Padding : byte { SAME, VALID }`. */
export const PADDING_NAMES: readonly string[] = ['SAME', 'VALID'];

/** `enum ActivationFunctionType : byte`. */
export const ACTIVATION_NAMES: readonly string[] = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'];

/** `enum FullyConnectedOptionsWeightsFormat : byte`. */
export const FC_WEIGHTS_FORMAT_NAMES: readonly string[] = ['DEFAULT', 'SHUFFLED4x16INT8'];

// Field ids, table by table, in schema.fbs declaration order.

/** `table Model`. */
export const ModelField = {
  version: 0,
  operator_codes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadata_buffer: 5,
  metadata: 6,
  signature_defs: 7,
} as const;

/** `table OperatorCode`. */
export const OperatorCodeField = { deprecated_builtin_code: 0, custom_code: 1, version: 2, builtin_code: 3 } as const;

/** `table SubGraph`. */
export const SubGraphField = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;

/** `table Tensor`. */
export const TensorField = {
  shape: 0,
  type: 1,
  buffer: 2,
  name: 3,
  quantization: 4,
  is_variable: 5,
  sparsity: 6,
  shape_signature: 7,
  has_rank: 8,
  variant_tensors: 9,
} as const;

/** `table QuantizationParameters` (`details` is a union: type id 4, value id 5). */
export const QuantizationField = {
  min: 0,
  max: 1,
  scale: 2,
  zero_point: 3,
  details_type: 4,
  details: 5,
  quantized_dimension: 6,
} as const;

/** `table Operator` (`builtin_options` is a union: type id 3, value id 4). */
export const OperatorField = {
  opcode_index: 0,
  inputs: 1,
  outputs: 2,
  builtin_options_type: 3,
  builtin_options: 4,
  custom_options: 5,
  custom_options_format: 6,
  mutating_variable_inputs: 7,
  intermediates: 8,
  large_custom_options_offset: 9,
  large_custom_options_size: 10,
  builtin_options_2_type: 11,
  builtin_options_2: 12,
} as const;

/** `table Buffer` (offset/size locate data outside the FlatBuffer in models over 2 GB). */
export const BufferField = { data: 0, offset: 1, size: 2 } as const;

/** `table Metadata`. */
export const MetadataField = { name: 0, buffer: 1 } as const;

/** `table TensorMap`. */
export const TensorMapField = { name: 0, tensor_index: 1 } as const;

/** `table SignatureDef` (id 3 is the deprecated `deprecated_tag`). */
export const SignatureDefField = { inputs: 0, outputs: 1, signature_key: 2, subgraph_index: 4 } as const;

/** `table Conv2DOptions`. */
export const Conv2DOptionsField = {
  padding: 0,
  stride_w: 1,
  stride_h: 2,
  fused_activation_function: 3,
  dilation_w_factor: 4,
  dilation_h_factor: 5,
  quantized_bias_type: 6,
} as const;

/** `table DepthwiseConv2DOptions`. */
export const DepthwiseConv2DOptionsField = {
  padding: 0,
  stride_w: 1,
  stride_h: 2,
  depth_multiplier: 3,
  fused_activation_function: 4,
  dilation_w_factor: 5,
  dilation_h_factor: 6,
} as const;

/** `table Pool2DOptions`. */
export const Pool2DOptionsField = {
  padding: 0,
  stride_w: 1,
  stride_h: 2,
  filter_width: 3,
  filter_height: 4,
  fused_activation_function: 5,
} as const;

/** `table FullyConnectedOptions`. */
export const FullyConnectedOptionsField = {
  fused_activation_function: 0,
  weights_format: 1,
  keep_num_dims: 2,
  asymmetric_quantize_inputs: 3,
  quantized_bias_type: 4,
} as const;

/** `table SoftmaxOptions`. */
export const SoftmaxOptionsField = { beta: 0 } as const;

/** `table ReshapeOptions`. */
export const ReshapeOptionsField = { new_shape: 0 } as const;

/** Model.metadata name the converter uses for the oldest runtime able to run the file (16-byte buffer). */
export const MIN_RUNTIME_VERSION_KEY = 'min_runtime_version';
export const MIN_RUNTIME_VERSION_BYTES = 16;
/** Model.metadata name of the FlatBuffer where TensorFlow's converter records its options (TF 2.7+). */
export const CONVERSION_METADATA_KEY = 'CONVERSION_METADATA';
/** SignatureDef.signature_key the converter writes for the default signature. */
export const DEFAULT_SIGNATURE_KEY = 'serving_default';
