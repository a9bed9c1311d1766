import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { BackendWhy } from '../../backends/select-backend';
import { keepErrorData } from '../../bridge/coded-errors';
import type { CompressProblem } from '../../core/compress/compress-problem';
import type { DeployProblem } from '../../core/deploy/deploy-problem';
import type { ImportProblem, KerasLayerReason, TfliteOpReason } from '../../core/import/import-problem';
import type { ShapeProblem } from '../../core/model/shape-problem';
import type { DatasetProblem } from '../../core/mnist/dataset-problem';
import { ModelImportError } from '../../core/import/model-file';
import type { TfliteProblem } from '../../core/tflite/format-problem';
import type { InspectNote } from '../../core/tflite/inspect-notes';
import type { FeedReason, FeedText, IoMismatch, ModelNote } from '../../core/tflite/model-notes';
import { inspectTflite } from '../../core/tflite/inspect-tflite';
import { TfliteFormatError } from '../../core/tflite/errors';
import type { RuntimeProblem } from '../../runtime/runtime-errors';
import { checkDivergence, LossWatch, TrainingDivergedError, type TrainProblem } from '../../core/train/divergence';
import { DEFAULT_RECIPE, RECIPE_FIELDS } from '../../core/quant/recipe';
import { defaultsOf, fieldProblems } from '../../core/settings/fields';
import { QAT_LINE_SAMPLES } from '../../core/qat/testing/qat-lines';
import { TRAIN_FIELDS, validateTrainSettings } from '../../core/train/settings';
import {
  coreFailure,
  failureText,
  fieldProblemText,
  fieldProblemsText,
  problemText,
  problemsText,
  qatLineText,
  type CoreProblem,
} from './core-text';
import { feedLabelText, feedReasonText, inspectNoteText, modelNoteText, outputScoresText } from './model-kind-text';
import { zhTW } from './messages/zh-TW';
import { backendWhyZh } from './messages/backend.zh-TW';

/** One sample per code: a new code without a sample (and so without a checked zh-TW sentence) fails the typecheck. */
type Samples<U extends { code: string }> = { [K in U['code']]: Extract<U, { code: K }> };

const DEPLOY: Samples<DeployProblem> = {
  'tflm-custom-op': { code: 'tflm-custom-op', name: 'TFLite_Detection_PostProcess', ops: [7, 9] },
  'tflm-no-kernel': { code: 'tflm-no-kernel', op: 'GATHER_ND', ops: [3] },
  'tflm-kernel-types': {
    code: 'tflm-kernel-types',
    op: 'DEQUANTIZE',
    problem: { code: 'from-float16', source: 'dequantize_common.cc' },
    ops: [0, 2],
  },
  'ram-short': { code: 'ram-short', ramBytes: 40960, target: 'ESP32', ramKb: 32 },
  'flash-short': { code: 'flash-short', flashBytes: 409600, target: 'ESP32', flashKb: 256 },
  'edgetpu-no-ops': { code: 'edgetpu-no-ops' },
  'edgetpu-fallback': {
    code: 'edgetpu-fallback',
    problem: { code: 'tensor-type', op: 'CONV_2D', tensor: 'conv/w', type: 'FLOAT32' },
    index: 4,
  },
};

const TFLITE: Samples<TfliteProblem> = {
  'tflite-unsupported-op': { code: 'tflite-unsupported-op', op: 'GATHER' },
  'tflite-options-mismatch': {
    code: 'tflite-options-mismatch',
    op: 'ADD',
    carries: 'MulOptions',
    expected: 'AddOptions',
  },
  'tflite-missing-option': { code: 'tflite-missing-option', option: 'stride_w' },
  'tflite-option-type': { code: 'tflite-option-type', option: 'stride_w', type: 'int' },
  'tflite-unsupported-option': { code: 'tflite-unsupported-option', option: 'padding', value: 'REFLECT' },
  'tflite-tensor-type': { code: 'tflite-tensor-type', type: 'COMPLEX64' },
  'tflite-dynamic-shape': { code: 'tflite-dynamic-shape', shape: [-1, 28, 28, 1] },
  'tflite-buffer-shape': {
    code: 'tflite-buffer-shape',
    buffer: 3,
    bytes: 12,
    shape: [2, 3],
    dtype: 'float32',
    expected: 24,
  },
  'tflite-scales-zero-points': { code: 'tflite-scales-zero-points', scales: 3, zeroPoints: 2 },
  'tflite-quant-dim-rank': { code: 'tflite-quant-dim-rank', dim: 5, rank: 4 },
  'tflite-scales-dim': { code: 'tflite-scales-dim', scales: 3, dim: 0, size: 12 },
  'tflite-schema-version': { code: 'tflite-schema-version', version: 2 },
  'tflite-subgraphs': { code: 'tflite-subgraphs', count: 3 },
  'tflite-buffer0': { code: 'tflite-buffer0' },
  'tflite-tensor-index': { code: 'tflite-tensor-index', index: 40, count: 12 },
  'tflite-buffer-past-end': { code: 'tflite-buffer-past-end', buffer: 2, bytes: 5000, fileBytes: 4096 },
  'tflite-shared-buffers': { code: 'tflite-shared-buffers' },
  'tflite-metadata-buffer': { code: 'tflite-metadata-buffer', name: 'min_runtime_version', buffer: 9 },
  'tflite-too-short': { code: 'tflite-too-short', bytes: 4 },
  'tflite-identifier': { code: 'tflite-identifier', identifier: 'XXXX' },
  'tflite-root-offset': { code: 'tflite-root-offset', root: 9000, fileBytes: 4096 },
  'tflite-unreadable': { code: 'tflite-unreadable', detail: 'RangeError' },
  'tflite-tensor-data-past-end': { code: 'tflite-tensor-data-past-end', tensor: 'conv/w' },
  'tflite-too-complex': { code: 'tflite-too-complex' },
  'tflite-truncated': { code: 'tflite-truncated', bytes: 8, offset: 4090, fileBytes: 4096 },
  'tflite-vtable-size': { code: 'tflite-vtable-size', size: 3 },
  'tflite-inline-size': { code: 'tflite-inline-size', size: 2 },
  'tflite-vector-past-end': { code: 'tflite-vector-past-end', what: 'buffers[1].data', bytes: 9000, fileBytes: 4096 },
  'tflite-field-outside': { code: 'tflite-field-outside', field: 6 },
  'tflite-io-index': { code: 'tflite-io-index', role: 'input', index: 7 },
  'tflite-io-type': { code: 'tflite-io-type', role: 'output', tensor: 'scores', type: 'STRING' },
  'tflite-no-subgraph': { code: 'tflite-no-subgraph' },
};

const supported = ['Conv2D', 'Dense'];
const rank: ShapeProblem = { code: 'shape-rank', layer: 'dense', type: 'dense', rank: 1, got: [26, 26, 12] };
const IMPORT: Samples<ImportProblem> = {
  'import-not-model-file': { code: 'import-not-model-file', file: 'junk.h5' },
  'import-choose-one': { code: 'import-choose-one' },
  'import-not-keras-zip': { code: 'import-not-keras-zip', file: 'm.keras' },
  'import-not-tfjs': { code: 'import-not-tfjs', file: 'model.json' },
  'import-tfjs-missing-shard': { code: 'import-tfjs-missing-shard', file: 'group1-shard1of1.bin' },
  'import-unsupported-layer': { code: 'import-unsupported-layer', layer: 'lstm', className: 'LSTM', supported },
  'import-tflite-unreadable': {
    code: 'import-tflite-unreadable',
    file: 'half.tflite',
    problem: { code: 'tflite-truncated', bytes: 8, offset: 4090, fileBytes: 4096 },
    detail: 'truncated: 8 bytes at offset 4090 run past the end of the file (4096 bytes)',
  },
  'import-tflite-unsupported-op': {
    code: 'import-tflite-unsupported-op',
    file: 'm.tflite',
    op: 'GATHER',
    index: 3,
    supported: ['CONV_2D'],
  },
  'import-tflite-quantized': {
    code: 'import-tflite-quantized',
    file: 'm.tflite',
    what: 'INT8 tensor dense/MatMul',
    dynamicRange: true,
  },
  'import-tflite-subgraphs': { code: 'import-tflite-subgraphs', file: 'm.tflite', count: 2 },
  'import-tflite-io': { code: 'import-tflite-io', file: 'm.tflite', inputs: 2, outputs: 3 },
  'import-tflite-input-type': { code: 'import-tflite-input-type', file: 'm.tflite', type: 'UINT8' },
  'import-h5-unreadable': { code: 'import-h5-unreadable', file: 'm.h5', raw: 'Unable to open file' },
  'import-zip-unreadable': { code: 'import-zip-unreadable', file: 'm.keras', raw: 'invalid zip data' },
  'import-json-unreadable': {
    code: 'import-json-unreadable',
    file: 'm.keras',
    entry: 'config.json',
    raw: 'Unexpected end of JSON input',
  },
  'import-h5-not-keras': { code: 'import-h5-not-keras' },
  'import-weight-not-float': { code: 'import-weight-not-float', weight: 'dense/kernel:0' },
  'import-weight-missing': { code: 'import-weight-missing', layer: 'dense', weight: 'dense/bias:0' },
  'import-tfjs-weight-type': {
    code: 'import-tfjs-weight-type',
    weight: 'dense/kernel',
    dtype: 'int32',
    quantized: false,
  },
  'import-tfjs-graph-model': { code: 'import-tfjs-graph-model', file: 'model.json' },
  'import-raw-pixels-fold': { code: 'import-raw-pixels-fold', first: 'activation' },
  'import-tfjs-shard-short': { code: 'import-tfjs-shard-short', weight: 'dense/kernel', bytes: 4000, needed: 31400 },
  'import-no-keras-config': { code: 'import-no-keras-config' },
  'import-model-class': { code: 'import-model-class', className: 'MyModel' },
  'import-no-layer-list': { code: 'import-no-layer-list' },
  'import-sequential-input-shape': { code: 'import-sequential-input-shape' },
  'import-no-layers': { code: 'import-no-layers' },
  'import-shared-layer': { code: 'import-shared-layer', layer: 'conv2d', calls: 2 },
  'import-functional-config': { code: 'import-functional-config' },
  'import-several-inputs': { code: 'import-several-inputs' },
  'import-nested-model': { code: 'import-nested-model', layer: 'backbone', className: 'Functional' },
  'import-several-outputs': { code: 'import-several-outputs' },
  'import-no-input-layer': { code: 'import-no-input-layer' },
  'import-weights-only': { code: 'import-weights-only', layers: ['conv2d', 'dense', 'dense_1'] },
  'import-input-shape': { code: 'import-input-shape', shape: [10] },
  'import-output-not-last': { code: 'import-output-not-last', output: 'dense' },
  'import-layer-reads': { code: 'import-layer-reads', layer: 'add', input: 'conv2d_3' },
  'import-layer-inputs': { code: 'import-layer-inputs', layer: 'dense', className: 'Dense', count: 2 },
  'import-fusion-target': {
    code: 'import-fusion-target',
    layer: 'batch_normalization',
    className: 'BatchNormalization',
    batchNorm: true,
    follows: 'max_pooling2d',
  },
  'import-duplicate-name': { code: 'import-duplicate-name', name: 'dense' },
  'import-layer': {
    code: 'import-layer',
    layer: 'conv2d',
    className: 'Conv2D',
    reason: { code: 'not-square', key: 'kernel_size', value: '[3,5]' },
  },
  'import-layer-shape': { code: 'import-layer-shape', problem: rank },
  'import-weight-count': { code: 'import-weight-count', layer: 'dense', got: ['vars/0'], expected: ['kernel', 'bias'] },
  'import-batchnorm-channels': { code: 'import-batchnorm-channels', channels: 16, before: 12 },
  'import-tflite-graph': {
    code: 'import-tflite-graph',
    file: 'm.tflite',
    problem: { code: 'tflite-unsupported-option', option: 'padding', value: 'REFLECT' },
    where: 'subgraphs[0].operators[2]',
    detail: 'unsupported padding value REFLECT (at subgraphs[0].operators[2])',
  },
  'import-tflite-input-shape': { code: 'import-tflite-input-shape', file: 'm.tflite', shape: [10] },
  'import-tflite-output-not-last': { code: 'import-tflite-output-not-last', file: 'm.tflite' },
  'import-tflite-op': {
    code: 'import-tflite-op',
    op: 'CONV_2D',
    layer: 'conv2d',
    reason: { code: 'not-square', what: 'stride', h: 1, w: 2 },
  },
  'import-tflite-op-reads': { code: 'import-tflite-op-reads', index: 4, op: 'ADD', tensor: 'x1' },
  'import-tflite-op-constant': { code: 'import-tflite-op-constant', index: 2, op: 'MEAN', input: 1, int32: true },
  'import-tflite-op-fuse': { code: 'import-tflite-op-fuse', index: 5, op: 'SOFTMAX' },
  'import-tflite-op-shape': { code: 'import-tflite-op-shape', index: 3, op: 'FULLY_CONNECTED', problem: rank },
  'import-tflite-op-output': {
    code: 'import-tflite-op-output',
    index: 1,
    op: 'MAX_POOL_2D',
    inFile: [13, 13, 12],
    inLab: [12, 12, 12],
  },
  'import-npy-fortran': { code: 'import-npy-fortran', file: 'x.npy' },
  'import-npy-dtype': { code: 'import-npy-dtype', file: 'x.npy', dtype: '<f8' },
  'import-npy-not-float': { code: 'import-npy-not-float', file: 'x.bin' },
  'import-npy-count': { code: 'import-npy-count', file: 'x.npy', values: 100, shape: [2, 2, 3], per: 12 },
  'import-needs-image-file': { code: 'import-needs-image-file', shape: [32, 32, 3] },
  'import-no-png': { code: 'import-no-png', dir: 'images' },
  'import-image-input': { code: 'import-image-input', shape: [8, 8, 4] },
  'import-image-pixels': { code: 'import-image-pixels', bytes: 8, width: 3, height: 3 },
  'import-image-values': { code: 'import-image-values', image: 2, values: 3, per: 12 },
};

/** Every reason a Keras layer or a .tflite operator is refused, and every shape problem, inside its sentence. */
const KERAS_REASONS: Samples<KerasLayerReason> = {
  'not-square': { code: 'not-square', key: 'pool_size', value: '[2,3]' },
  activation: { code: 'activation', value: '"gelu"', supported: ['linear', 'relu'] },
  'channels-last': { code: 'channels-last' },
  dilated: { code: 'dilated' },
  grouped: { code: 'grouped' },
  padding: { code: 'padding', value: 'causal' },
  'same-padding': { code: 'same-padding' },
  'needs-image': { code: 'needs-image', shape: [64] },
  'map-not-square': { code: 'map-not-square', h: 7, w: 5 },
  'bn-axis': { code: 'bn-axis', axis: '1' },
  'thresholded-relu': { code: 'thresholded-relu' },
  'leaky-max-value': { code: 'leaky-max-value' },
  'relu-max-value': { code: 'relu-max-value', value: '4' },
  rescaling: { code: 'rescaling', scale: 2, offset: -1 },
  'add-inputs': { code: 'add-inputs', count: 3 },
  'binary-inputs': { code: 'binary-inputs', count: 3 },
  'concat-axis': { code: 'concat-axis', axis: 1 },
};
const OP_REASONS: Samples<TfliteOpReason> = {
  'fused-activation': { code: 'fused-activation', activation: 'TANH' },
  'not-square': { code: 'not-square', what: 'kernel', h: 3, w: 5 },
  'bias-size': { code: 'bias-size', values: 8, channels: 12 },
  dilated: { code: 'dilated' },
  'filter-reads': { code: 'filter-reads', filter: 3, input: 1 },
  'filter-channels': { code: 'filter-channels', channels: 7, input: 3 },
  'fc-inputs': { code: 'fc-inputs', weights: 2028, input: 2000 },
  'pool-activation': { code: 'pool-activation', activation: 'RELU' },
  'same-padding': { code: 'same-padding' },
  'softmax-beta': { code: 'softmax-beta', beta: 2 },
  'add-constant': { code: 'add-constant' },
  broadcast: { code: 'broadcast' },
  'combine-constant': { code: 'combine-constant' },
  'fused-here': { code: 'fused-here', activation: 'RELU6' },
  'concat-axis': { code: 'concat-axis', axis: 1 },
  'constant-operand': { code: 'constant-operand' },
  'mean-axes': { code: 'mean-axes', axes: [1, 3] },
  'pad-hw': { code: 'pad-hw' },
};
const SHAPES: Samples<ShapeProblem> = {
  'shape-rank': rank,
  'shape-reshape': { code: 'shape-reshape', layer: 'reshape', from: [26, 26, 12], to: [5] },
  'shape-binary': {
    code: 'shape-binary',
    layer: 'add',
    type: 'add',
    got: [
      [4, 4, 8],
      [4, 4, 6],
    ],
  },
  'shape-concat': {
    code: 'shape-concat',
    layer: 'concatenate',
    got: [
      [4, 4, 8],
      [2, 2, 8],
    ],
  },
  'shape-reads': { code: 'shape-reads', layer: 'dense', input: 'nowhere' },
};
const IMPORT_NESTED: ImportProblem[] = [
  ...Object.values(KERAS_REASONS).map((reason): ImportProblem => ({
    code: 'import-layer',
    layer: 'layer_1',
    className: 'Conv2D',
    reason,
  })),
  ...Object.values(OP_REASONS).map((reason): ImportProblem => ({
    code: 'import-tflite-op',
    op: 'CONV_2D',
    layer: 'conv2d',
    reason,
  })),
  ...Object.values(SHAPES).map((problem): ImportProblem => ({ code: 'import-layer-shape', problem })),
  { code: 'import-tflite-unreadable', file: 'bad.tflite', detail: 'RangeError: offset is out of bounds' },
  { code: 'import-tflite-graph', file: 'bad.tflite', detail: 'RangeError: offset is out of bounds' },
  { code: 'import-tfjs-weight-type', weight: 'dense/kernel', dtype: 'float32', quantized: true },
  { code: 'import-npy-dtype', file: 'x.npy' },
  { code: 'import-weights-only', layers: [] },
  { code: 'import-json-unreadable', file: 'model.json', raw: 'Unexpected token } in JSON at position 9' },
];

/** Every string a problem carries (names, file names, raw messages): identifiers a zh-TW sentence may quote. */
function carried(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.flatMap(carried);
  return typeof x === 'object' && x !== null ? Object.values(x).flatMap(carried) : [];
}

/**
 * Latin words a zh-TW import sentence may hold besides what its problem carries: formats, libraries, Keras
 * classes, options, ops and API names the English sentence also writes as identifiers.
 */
const IDENTIFIERS = new Set(
  (
    'Keras TF js HDF5 h5 keras tflite json bin zip model save save_weights model_config layer_names config weights ' +
    'modelTopology weightsManifest class_name JSON InputLayer Sequential Conv2D DepthwiseConv2D Dense Add ReLU ' +
    'BatchNormalization FULLY_CONNECTED NONE RELU RELU6 SAME channels_last max_value scale offset beta leaky ' +
    'kernel Layers float32 int32 uint8 f4 u1 npy Fortran C RGBA H W h w c n ' +
    'conv2d depthwise flatten reshape dense CNN MNIST concatenate PNG png JPEG FILE DIR h5wasm SavedModel tensorflowjs_converter tfjs_layers_model'
  ).split(' '),
);

/** The Latin words of a zh-TW sentence that are neither carried by its problem nor known identifiers. */
function englishWords(zh: string, p: unknown): string[] {
  let rest = zh;
  for (const s of carried(p).sort((a, b) => b.length - a.length)) rest = rest.split(s).join(' ');
  // A command-line flag is an identifier; "3x5" is a size, not a word.
  rest = rest.replace(/--[a-z_-]+/g, ' ');
  return (rest.match(/(?<![0-9])[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => !IDENTIFIERS.has(w));
}

describe('import sentences in zh-TW', () => {
  it.each([...Object.values(IMPORT), ...IMPORT_NESTED].map((p) => [p.code, p] as const))(
    '%s has no English words but identifiers',
    (_code, p) => {
      const zh = problemText(p, 'zh-TW');
      const en = problemText(p, 'en');
      expect(zh.text).toMatch(CJK);
      expect(englishWords(zh.text, p), zh.text).toEqual([]);
      // The numbers of the English sentence are all there (a raw message is shown after the zh-TW sentence).
      const shown = `${zh.text}${zh.raw ?? ''}`;
      for (const n of en.text.match(/\d+(?:\.\d+)?/g) ?? []) expect(shown, en.text).toContain(n);
    },
  );

  it('a third-party message is kept as it is, after the zh-TW sentence, and only there', () => {
    const p = IMPORT['import-json-unreadable'];
    expect(problemText(p, 'en').text).toBe('config.json in m.keras is not valid JSON: Unexpected end of JSON input.');
    const zh = problemText(p, 'zh-TW');
    expect(zh.raw).toBe('Unexpected end of JSON input');
    expect(zh.text).not.toContain(zh.raw);
    expect(problemsText([p], 'zh-TW')).toBe(`${zh.text}${zh.raw}`);
    expect(problemText(IMPORT['import-tflite-graph'], 'zh-TW').raw).toBeUndefined();
  });
});

const stage = 'compile the model' as const;
const RUNTIME: Samples<RuntimeProblem> = {
  'litert-custom-op': { code: 'litert-custom-op', stage, op: 'edgetpu-custom-op' },
  'litert-no-kernel': { code: 'litert-no-kernel', stage, op: 'GELU', version: '2' },
  'litert-allocate': { code: 'litert-allocate', stage },
  'litert-dynamic-shape': { code: 'litert-dynamic-shape', stage },
  'litert-element-type': { code: 'litert-element-type', stage, type: 'kLiteRtElementTypeFloat64' },
  'litert-other': { code: 'litert-other', stage, quote: '' },
  'litert-io-count': { code: 'litert-io-count', inputs: 2, outputs: 1 },
  'litert-no-model': { code: 'litert-no-model' },
  'litert-io-size': { code: 'litert-io-size', role: 'input', tensor: 'x', runtimeBytes: 3136, fileBytes: 784 },
  'litert-deleted': { code: 'litert-deleted' },
  'litert-input-size': { code: 'litert-input-size', bytes: 784, expected: 3136 },
  'litert-output-count': { code: 'litert-output-count', outputs: 2 },
};

const TRAIN: Samples<TrainProblem> = {
  'train-loss-nonfinite': {
    code: 'train-loss-nonfinite',
    loss: 'NaN',
    epoch: 1,
    batch: 3,
    learningRate: 0.5,
    optimizer: 'adam',
    next: 0.001,
  },
  'train-loss-exploded': {
    code: 'train-loss-exploded',
    epoch: 2,
    batch: 41,
    window: 20,
    mean: '7.12',
    factor: 3,
    reference: '2.30',
    against: 'uniform',
    learningRate: 0.3,
    optimizer: 'sgd',
    next: 0.05,
  },
};

const DATASET: Samples<DatasetProblem> = {
  'dataset-idx-too-short': { code: 'dataset-idx-too-short', bytes: 5 },
  'dataset-idx-magic': { code: 'dataset-idx-magic', magic: '0x801', expected: '0x803' },
  'dataset-idx-not-bytes': { code: 'dataset-idx-not-bytes', magic: '0xd03' },
  'dataset-idx-rank': { code: 'dataset-idx-rank', rank: 7 },
  'dataset-idx-truncated-header': { code: 'dataset-idx-truncated-header' },
  'dataset-idx-data': { code: 'dataset-idx-data', declared: 47040000, holds: 1000 },
  'dataset-image-rank': { code: 'dataset-image-rank', rank: 2 },
  'dataset-count-mismatch': { code: 'dataset-count-mismatch', images: 60000, labels: 10000 },
  'dataset-gzip': { code: 'dataset-gzip', file: '/data/mnist-test.qlm', detail: 'invalid block type' },
  'dataset-too-short': { code: 'dataset-too-short', file: '/data/mnist-test.qlm', bytes: 9 },
  'dataset-magic': { code: 'dataset-magic', magic: 'PK\u0003\u0004' },
  'dataset-image-size': { code: 'dataset-image-size', file: '/data/mnist-test.qlm', rows: 32, cols: 32 },
  'dataset-truncated': { code: 'dataset-truncated', file: '/data/mnist-test.qlm', bytes: 4000, need: 7850016 },
  'dataset-label': { code: 'dataset-label', file: '/data/mnist-test.qlm', label: 12, index: 345 },
  'dataset-missing': { code: 'dataset-missing', file: '/data/mnist-train.qlm', status: 404 },
  'dataset-fetch': { code: 'dataset-fetch', url: 'http://localhost/data/mnist-train.qlm', detail: 'Failed to fetch' },
};

const COMPRESS: Samples<CompressProblem> = {
  'compress-integer': { code: 'compress-integer', setting: 'clusters', min: 2, max: 256, got: 1 },
  'compress-learning-rate': { code: 'compress-learning-rate', got: 3 },
  'compress-layers': { code: 'compress-layers', got: 'conv' },
  'compress-sparsity': { code: 'compress-sparsity', got: 1.2 },
  'compress-initial-sparsity': { code: 'compress-initial-sparsity', sparsity: 0.5, got: 0.7 },
  'compress-schedule': { code: 'compress-schedule', got: 'cosine' },
  'compress-frequency': { code: 'compress-frequency', got: 0 },
  'compress-centroid-init': { code: 'compress-centroid-init', got: 'random' },
  'compress-nothing': { code: 'compress-nothing' },
  'compress-invalid': {
    code: 'compress-invalid',
    stage: 'clustering',
    problems: [{ code: 'compress-integer', setting: 'epochs', min: 1, max: 50, got: 0 }],
  },
  'compress-imported-model': { code: 'compress-imported-model' },
};

const ALL: CoreProblem[] = [DEPLOY, TFLITE, IMPORT, RUNTIME, TRAIN, DATASET, COMPRESS].flatMap(
  (s) => Object.values(s) as CoreProblem[],
);
const CJK = /[\u4e00-\u9fff]/;

describe('core sentences in both languages', () => {
  it.each(ALL.map((p) => [p.code, p] as const))('%s', (_code, p) => {
    const en = problemText(p, 'en');
    const zh = problemText(p, 'zh-TW');
    expect(en.english).toBe(true);
    expect(en.text.length).toBeGreaterThan(5);
    expect(zh.english).toBe(false);
    expect(zh.text).toMatch(CJK);
    // The same numbers in both sentences (none dropped in translation).
    for (const n of en.text.match(/\d+(?:\.\d+)?/g) ?? []) expect(zh.text, en.text).toContain(n);
  });

  it('an error without a problem stays English', () => {
    expect(failureText(coreFailure(new Error('boom')), 'zh-TW')).toEqual({ text: 'boom', english: true });
  });

  it('a reader error keeps its English message for the CLI, and the page writes zh-TW from its problem', () => {
    let thrown: unknown;
    try {
      inspectTflite(new Uint8Array(4));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TfliteFormatError);
    const failure = coreFailure(thrown);
    expect(failure.message).toBe('truncated: 4 bytes, a .tflite file has at least 8');
    expect(failureText(failure, 'en').text).toBe(failure.message);
    expect(failureText(failure, 'zh-TW')).toEqual({
      text: '檔案被截斷：只有 4 位元組，.tflite 檔至少有 8 位元組',
      english: false,
    });
  });
});

describe('keepErrorData', () => {
  it('a coded error thrown in a worker arrives with its problem and context', async () => {
    keepErrorData();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(
      {
        fail: () => {
          throw new TfliteFormatError({ code: 'tflite-vtable-size', size: 3 }, 'subgraphs[0]');
        },
        failImport: () => {
          throw new ModelImportError({ code: 'import-not-model-file', file: 'junk.h5' });
        },
      },
      port1,
    );
    const remote = Comlink.wrap<{ fail: () => void; failImport: () => void }>(port2);
    const caught = await remote.fail().catch((e: unknown) => e);
    expect(coreFailure(caught)).toEqual({
      message: 'malformed table: vtable size 3 (at subgraphs[0])',
      problem: { code: 'tflite-vtable-size', size: 3 },
      where: 'subgraphs[0]',
    });
    const imported = await remote.failImport().catch((e: unknown) => e);
    expect(failureText(coreFailure(imported), 'zh-TW').text).toContain('junk.h5 不是實驗室能讀取的模型檔');
    port1.close();
    port2.close();
  });
});

describe('backend reason in zh-TW', () => {
  it.each<[string, BackendWhy]>([
    ['auto webgpu', { pick: { code: 'auto-webgpu', adapter: 'nvidia ampere' } }],
    ['auto wasm', { pick: { code: 'auto-wasm', probe: 'software-adapter', adapter: 'google swiftshader' } }],
    ['no gpu', { pick: { code: 'auto-wasm', probe: 'no-navigator-gpu' } }],
    ['fallback', { pick: { code: 'chosen', preference: 'webgpu' }, failed: [{ name: 'webgpu', error: 'lost' }] }],
  ])('%s', (_label, why) => {
    const zh = backendWhyZh(why);
    expect(zh).toMatch(CJK);
    if (why.pick.code === 'auto-webgpu') expect(zh).toContain(why.pick.adapter);
    for (const f of why.failed ?? []) expect(zh).toContain(f.name);
  });
});

describe('a diverging run', () => {
  it('the core error keeps its English message and carries the problem the page writes in zh-TW', () => {
    const ctx = { epoch: 0, batch: 2, learningRate: 0.5, optimizer: 'adam' as const };
    const e = checkDivergence(new LossWatch(), NaN, ctx);
    expect(e).toBeInstanceOf(TrainingDivergedError);
    expect(e!.message).toBe(
      'Loss became NaN at epoch 1, batch 3: the learning rate 0.5 is too high for adam; try 0.001',
    );
    const zh = failureText(coreFailure(e), 'zh-TW');
    expect(zh.english).toBe(false);
    expect(zh.text).toBe('在第 1 個 epoch、第 3 個批次，損失變成了 NaN：學習率 0.5 對 adam 來說太高；請試試 0.001');
  });
});

describe('settings problems in both languages', () => {
  // One invalid value of each kind of field, checked by the real declarations.
  const train = fieldProblems(TRAIN_FIELDS, {
    ...defaultsOf(TRAIN_FIELDS),
    epochs: 0,
    learningRate: 0,
    optimizer: 'nope' as never,
  });
  const recipe = fieldProblems(RECIPE_FIELDS, { ...DEFAULT_RECIPE, perChannel: 'yes' as never });
  it.each([...train, ...recipe].map((p) => [`${p.key} (${p.bounds.kind})`, p] as const))('%s', (_k, p) => {
    const en = fieldProblemText(p, 'en');
    const label =
      (zhTW.fields.train as Record<string, { label: string }>)[p.key]?.label ??
      (zhTW.fields.recipe as Record<string, { label: string }>)[p.key]!.label;
    const zh = fieldProblemText(p, 'zh-TW', label);
    expect(en).toContain(p.label.toLowerCase());
    expect(zh).toMatch(CJK);
    expect(zh).toContain(label);
    expect(zh).not.toContain(p.label);
    for (const n of en.match(/\d+(?:\.\d+)?/g) ?? []) expect(zh, en).toContain(n);
  });

  it('every kind of field is covered, and the English stays the CLI sentence', () => {
    expect(new Set([...train, ...recipe].map((p) => p.bounds.kind))).toEqual(
      new Set(['integer', 'number', 'choice', 'boolean']),
    );
    const bad = { ...defaultsOf(TRAIN_FIELDS), epochs: 0, learningRate: 0, optimizer: 'nope' as never };
    expect(fieldProblemsText(train, 'en', zhTW.fields.train)).toBe(validateTrainSettings(bad).join('; '));
    expect(validateTrainSettings(bad)[0]).toBe('epochs must be an integer from 1 to 100 (got 0)');
    expect(fieldProblemsText(train, 'zh-TW', zhTW.fields.train).split('；')).toHaveLength(3);
  });
});

describe('QAT summary lines in both languages', () => {
  it.each(Object.values(QAT_LINE_SAMPLES).map((l) => [l.code, l] as const))('%s', (_code, l) => {
    const en = qatLineText(l, 'en');
    const zh = qatLineText(l, 'zh-TW');
    expect(en).not.toMatch(CJK);
    expect(zh).toMatch(CJK);
    for (const n of en.match(/\d+(?:[.,]\d+)*/g) ?? []) expect(zh, en).toContain(n);
  });
});

const io = { inputs: [{ type: 'FLOAT32', shape: [1, 320, 320, 3] }], outputs: [{ missing: 7 }] };
const MODEL_NOTES: Samples<ModelNote> = {
  'kind-no-subgraph': { code: 'kind-no-subgraph' },
  'kind-missing-io': { code: 'kind-missing-io' },
  'kind-not-mnist': {
    code: 'kind-not-mnist',
    why: { code: 'io-shape', role: 'input', shape: [1, 32, 32, 3], elements: 784 },
  },
  'kind-pin-failed': { code: 'kind-pin-failed', detail: 'shape_signature has 2 entries' },
  'kind-edgetpu': { code: 'kind-edgetpu' },
  'kind-edgetpu-ops': { code: 'kind-edgetpu-ops', tpuOps: 1, ops: 3, programBytes: 204800 },
  'kind-edgetpu-cpu': { code: 'kind-edgetpu-cpu', ops: ['QUANTIZE', 'DEQUANTIZE'] },
  'kind-edgetpu-coral': { code: 'kind-edgetpu-coral' },
  'kind-custom': { code: 'kind-custom', ops: ['TFLite_Detection_PostProcess'] },
  'kind-custom-why': { code: 'kind-custom-why' },
  'kind-detector': { code: 'kind-detector', outputs: 4 },
  'kind-multi-io': { code: 'kind-multi-io', inputs: 2, outputs: 3 },
  'kind-detector-why': { code: 'kind-detector-why' },
  'kind-multi-io-why': { code: 'kind-multi-io-why' },
  'kind-io': { code: 'kind-io', ...io },
};
const MISMATCHES: Samples<IoMismatch> = {
  'io-shape': { code: 'io-shape', role: 'output', shape: [1, 1001], elements: 10 },
  'io-type': { code: 'io-type', role: 'input', type: 'STRING' },
  'io-no-quant': { code: 'io-no-quant', role: 'input', type: 'INT8' },
};
const FEED_REASONS: Samples<FeedReason> = {
  'feed-chosen': { code: 'feed-chosen' },
  'feed-rescales': { code: 'feed-rescales' },
  'feed-float-guess': { code: 'feed-float-guess' },
  'feed-raw-uint8': { code: 'feed-raw-uint8' },
  'feed-quant-range': { code: 'feed-quant-range', maxReal: 1.004, range: '0-1' },
};

describe('the inspector description of a file in both languages', () => {
  const notes = [
    ...Object.values(MODEL_NOTES),
    ...Object.values(MISMATCHES).map((why): ModelNote => ({ code: 'kind-not-mnist', why })),
  ];
  const numbers = (s: string) => (s.replace(/,(?=\d{3})/g, '').match(/\d+(?:\.\d+)?/g) ?? []).sort();
  it.each(notes.map((p) => [p.code, p] as const))('%s', (_code, p) => {
    const en = modelNoteText(p, 'en');
    const zh = modelNoteText(p, 'zh-TW');
    expect(en).not.toMatch(CJK);
    expect(zh).toMatch(CJK);
    expect(numbers(zh), en).toEqual(numbers(en));
  });

  it.each(Object.values(FEED_REASONS).map((p) => [p.code, p] as const))('%s', (_code, p) => {
    expect(feedReasonText(p, 'zh-TW')).toMatch(CJK);
    expect(numbers(feedReasonText(p, 'zh-TW'))).toEqual(numbers(feedReasonText(p, 'en')));
  });

  it.each<[string, FeedText]>([
    ['float', { type: 'FLOAT32', shape: [1, 28, 28, 1], range: '0-255' }],
    ['raw uint8', { type: 'UINT8', shape: [1, 28, 28], range: '0-255' }],
    ['quantized', { type: 'INT8', shape: [1, 784], range: '0-1', quant: { scale: 0.0039215689, zeroPoint: -128 } }],
  ])('the %s feed and its output', (_what, f) => {
    const zh = feedLabelText(f, 'zh-TW');
    expect(zh).toMatch(CJK);
    expect(numbers(zh)).toEqual(numbers(feedLabelText(f, 'en')));
    const scores = { type: f.type, softmax: true, ...(f.quant && { quant: f.quant }) };
    expect(numbers(outputScoresText(scores, 'zh-TW'))).toEqual(numbers(outputScoresText(scores, 'en')));
  });
});

const INSPECT_NOTES: Samples<InspectNote> = {
  'note-tensor-buffer': { code: 'note-tensor-buffer', where: 'subgraphs[0].tensors[3]', buffer: 40, buffers: 12 },
  'note-tensor-bytes': {
    code: 'note-tensor-bytes',
    where: 'subgraphs[0].tensors[3]',
    name: 'conv/w',
    bytes: 100,
    shape: [3, 3, 1, 12],
    type: 'FLOAT32',
    expected: 432,
  },
  'note-tensor-index': { code: 'note-tensor-index', where: 'subgraphs[0].operators[2].inputs', index: 99, tensors: 14 },
  'note-opcode': { code: 'note-opcode', where: 'subgraphs[0].operators[2]', opcode: 9, codes: 5 },
  'note-schema-version': { code: 'note-schema-version', version: 2 },
  'note-no-buffers': { code: 'note-no-buffers' },
  'note-buffer0': { code: 'note-buffer0' },
  'note-metadata-buffer': { code: 'note-metadata-buffer', name: 'min_runtime_version', buffer: 30, buffers: 12 },
  'note-unaligned': { code: 'note-unaligned', count: 11, buffers: 15, first: [1, 2, 3, 4, 5, 6, 7, 8], alignment: 16 },
  'note-conversion-metadata': { code: 'note-conversion-metadata', name: 'CONVERSION_METADATA', bytes: 472 },
};

describe('the inspector warnings and remarks in both languages', () => {
  it.each(Object.values(INSPECT_NOTES).map((p) => [p.code, p] as const))('%s', (_code, p) => {
    const en = inspectNoteText(p, 'en');
    const zh = inspectNoteText(p, 'zh-TW');
    expect(zh).toMatch(CJK);
    const numbers = (s: string) => (s.match(/\d+/g) ?? []).sort();
    expect(numbers(zh), en).toEqual(numbers(en));
  });
});
