/**
 * Why a model file (or a calibration image file) cannot be imported, as data: a code and the names and numbers of
 * the problem. ModelImportError carries it; its message is the English sentence written here (the CLI's), and the
 * page's other languages write their own from the same data (src/ui/i18n/messages/import.zh-TW.ts). A `raw` field
 * is a third-party library's own message (h5wasm, fflate, JSON.parse), quoted as it is.
 */
import { englishShapeProblem, type ShapeProblem } from '../model/shape-problem';
import type { TfliteProblem } from '../tflite/format-problem';

/** Why a Keras layer's settings cannot be imported (`Layer <name> (<class>): <reason>.`). */
export type KerasLayerReason =
  | { code: 'not-square'; key: string; value: string }
  | { code: 'activation'; value: string; supported: string[] }
  | { code: 'channels-last' }
  | { code: 'dilated' }
  | { code: 'grouped' }
  | { code: 'padding'; value: string }
  | { code: 'same-padding' }
  | { code: 'needs-image'; shape: number[] }
  | { code: 'map-not-square'; h: number; w: number }
  | { code: 'bn-axis'; axis: string }
  | { code: 'thresholded-relu' }
  | { code: 'leaky-max-value' }
  | { code: 'relu-max-value'; value: string }
  | { code: 'rescaling'; scale: number; offset: number }
  | { code: 'add-inputs'; count: number }
  | { code: 'binary-inputs'; count: number }
  | { code: 'concat-axis'; axis: number };

/** Why a .tflite operator's settings cannot be imported (`Operator <op> (<layer>): <reason>.`). */
export type TfliteOpReason =
  | { code: 'fused-activation'; activation: string }
  | { code: 'not-square'; what: 'kernel' | 'stride' | 'filter'; h: number; w: number }
  | { code: 'bias-size'; values: number; channels: number }
  | { code: 'dilated' }
  | { code: 'filter-reads'; filter: number; input: number }
  | { code: 'filter-channels'; channels: number; input: number }
  | { code: 'fc-inputs'; weights: number; input: number }
  | { code: 'pool-activation'; activation: string }
  | { code: 'same-padding' }
  | { code: 'softmax-beta'; beta: number }
  | { code: 'add-constant' }
  | { code: 'broadcast' }
  | { code: 'combine-constant' }
  | { code: 'fused-here'; activation: string }
  | { code: 'concat-axis'; axis: number }
  | { code: 'constant-operand' }
  | { code: 'mean-axes'; axes: number[] }
  | { code: 'pad-hw' };

export type ImportProblem =
  | { code: 'import-not-model-file'; file: string }
  | { code: 'import-choose-one' }
  | { code: 'import-not-keras-zip'; file: string }
  | { code: 'import-not-tfjs'; file: string }
  | { code: 'import-tfjs-missing-shard'; file: string }
  | { code: 'import-unsupported-layer'; layer: string; className: string; supported: string[] }
  /** `problem` is the reader's, when it said one; `detail` its English message either way. */
  | { code: 'import-tflite-unreadable'; file: string; problem?: TfliteProblem; detail: string }
  | { code: 'import-tflite-unsupported-op'; file: string; op: string; index: number; supported: string[] }
  /** dynamicRange: float input and output, low-precision weights only (the converter's dynamic-range mode). */
  | { code: 'import-tflite-quantized'; file: string; what: string; dynamicRange?: boolean }
  | { code: 'import-tflite-subgraphs'; file: string; count: number }
  | { code: 'import-tflite-io'; file: string; inputs: number; outputs: number }
  | { code: 'import-tflite-input-type'; file: string; type: string }
  // Reading the container (src/import): the third-party readers' own messages are `raw`.
  | { code: 'import-h5-unreadable'; file: string; raw: string }
  | { code: 'import-zip-unreadable'; file: string; raw: string }
  /** `entry` is the part of `file` that holds the JSON (config.json in a .keras zip, an .h5's model_config). */
  | { code: 'import-json-unreadable'; file: string; entry?: string; raw: string }
  | { code: 'import-h5-not-keras' }
  | { code: 'import-weight-not-float'; weight: string }
  | { code: 'import-weight-missing'; layer: string; weight: string }
  | { code: 'import-tfjs-weight-type'; weight: string; dtype: string; quantized: boolean }
  | { code: 'import-tfjs-graph-model'; file: string }
  /**
   * Raw [0, 255] pixels were chosen, but the model's input does not lead to one weighted layer only through
   * flatten, reshape, pooling or padding; `first`: the layer type the path from the input stopped at
   * ('input' when the input feeds several layers).
   */
  | { code: 'import-raw-pixels-fold'; first: string }
  | { code: 'import-tfjs-shard-short'; weight: string; bytes: number; needed: number }
  // The Keras model config (keras-nodes.ts, known-architectures.ts).
  | { code: 'import-no-keras-config' }
  | { code: 'import-model-class'; className: string }
  | { code: 'import-no-layer-list' }
  | { code: 'import-sequential-input-shape' }
  | { code: 'import-no-layers' }
  | { code: 'import-shared-layer'; layer: string; calls: number }
  | { code: 'import-functional-config' }
  | { code: 'import-several-inputs' }
  | { code: 'import-nested-model'; layer: string; className: string }
  | { code: 'import-several-outputs' }
  | { code: 'import-no-input-layer' }
  | { code: 'import-weights-only'; layers: string[] }
  // Translating Keras layers (keras-to-model.ts, keras-layers.ts, keras-weights.ts).
  | { code: 'import-input-shape'; shape: number[] }
  | { code: 'import-output-not-last'; output: string }
  | { code: 'import-layer-reads'; layer: string; input: string }
  | { code: 'import-layer-inputs'; layer: string; className: string; count: number }
  | { code: 'import-fusion-target'; layer: string; className: string; batchNorm: boolean; follows: string }
  | { code: 'import-duplicate-name'; name: string }
  | { code: 'import-layer'; layer: string; className: string; reason: KerasLayerReason }
  | { code: 'import-layer-shape'; problem: ShapeProblem }
  | { code: 'import-weight-count'; layer: string; got: string[]; expected: string[] }
  | { code: 'import-batchnorm-channels'; channels: number; before: number }
  // Translating .tflite operators (tflite-to-model.ts).
  /** Like import-tflite-unreadable, from the strict reader; `where` is its place in the file, if it said one. */
  | { code: 'import-tflite-graph'; file: string; problem?: TfliteProblem; where?: string; detail: string }
  | { code: 'import-tflite-input-shape'; file: string; shape: number[] }
  | { code: 'import-tflite-output-not-last'; file: string }
  | { code: 'import-tflite-op'; op: string; layer: string; reason: TfliteOpReason }
  | { code: 'import-tflite-op-reads'; index: number; op: string; tensor: string }
  | { code: 'import-tflite-op-constant'; index: number; op: string; input: number; int32: boolean }
  | { code: 'import-tflite-op-fuse'; index: number; op: string }
  | { code: 'import-tflite-op-shape'; index: number; op: string; problem: ShapeProblem }
  | { code: 'import-tflite-op-output'; index: number; op: string; inFile: number[]; inLab: number[] }
  // Calibration images (npy.ts for the CLI, calibration-pixels.ts for the page's decoded images).
  | { code: 'import-npy-fortran'; file: string }
  | { code: 'import-npy-dtype'; file: string; dtype?: string }
  | { code: 'import-npy-not-float'; file: string }
  | { code: 'import-npy-count'; file: string; values: number; shape: number[]; per: number }
  /** The CLI was not given the calibration images of a model whose input is not MNIST. */
  | { code: 'import-needs-image-file'; shape: number[] }
  /** The CLI's --calibration-images folder holds no PNG file. */
  | { code: 'import-no-png'; dir: string }
  | { code: 'import-image-input'; shape: number[] }
  | { code: 'import-image-pixels'; bytes: number; width: number; height: number }
  | { code: 'import-image-values'; image: number; values: number; per: number };

export type ImportProblemCode = ImportProblem['code'];

type Sentences<U extends { code: string }> = { [K in U['code']]: (p: Extract<U, { code: K }>) => string };

const dims = (s: readonly number[]) => `[${s.join(', ')}]`;

const KERAS_REASONS: Sentences<KerasLayerReason> = {
  'not-square': (r) => `${r.key} ${r.value} is not square, the lab supports square windows`,
  activation: (r) => `activation ${r.value} is not supported (${r.supported.join(', ')} are)`,
  'channels-last': () => 'only channels_last is supported',
  dilated: () => 'dilated convolutions are not supported',
  grouped: () => 'grouped convolutions are not supported',
  padding: (r) => `padding ${r.value} is not supported`,
  'same-padding': () => 'SAME padding is supported only when the window tiles the input',
  'needs-image': (r) => `it needs an [h, w, c] input, got ${dims(r.shape)}`,
  'map-not-square': (r) => `the feature map ${r.h}x${r.w} is not square`,
  'bn-axis': (r) => `only the channel axis is supported, got axis ${r.axis}`,
  'thresholded-relu': () => 'thresholded ReLU is not supported',
  'leaky-max-value': () => 'a leaky ReLU with max_value is not supported',
  'relu-max-value': (r) => `max_value ${r.value} is not supported (none or 6 are)`,
  rescaling: (r) => `scale ${r.scale} offset ${r.offset} is supported only as 1/255 directly after the input`,
  'add-inputs': (r) => `it sums ${r.count} inputs; the lab imports Add of two`,
  'binary-inputs': (r) => `it reads ${r.count} inputs; the lab imports two`,
  'concat-axis': (r) => `only the last axis is supported, got axis ${r.axis}`,
};

const OP_REASONS: Sentences<TfliteOpReason> = {
  'fused-activation': (r) => `fused activation ${r.activation} is not supported (NONE, RELU, RELU6 are)`,
  'not-square': (r) => `${r.what} ${r.h}x${r.w} is not square; the lab supports square windows`,
  'bias-size': (r) => `the bias has ${r.values} values for ${r.channels} channels`,
  dilated: () => 'dilated convolutions are not supported',
  'filter-reads': (r) => `the filter reads ${r.filter} channels of ${r.input}`,
  'filter-channels': (r) => `the filter has ${r.channels} channels for ${r.input} input channels`,
  'fc-inputs': (r) => `the weights take ${r.weights} inputs, the input has ${r.input}`,
  'pool-activation': (r) => `a fused ${r.activation} on pooling is not supported`,
  'same-padding': () => 'SAME padding is supported only when the window tiles the input',
  'softmax-beta': (r) => `beta ${r.beta} is not supported (1 is)`,
  'add-constant': () => 'adding a constant is not supported (the lab adds two computed tensors)',
  broadcast: () => 'broadcasting is not supported (both inputs must have one shape)',
  'combine-constant': () => 'a constant operand is not supported (the lab combines two computed tensors)',
  'fused-here': (r) => `a fused ${r.activation} is not supported here`,
  'concat-axis': (r) => `axis ${r.axis} is not supported (the channel axis is)`,
  'constant-operand': () => 'a constant operand is not supported',
  'mean-axes': (r) => `the mean over axes [${r.axes.join(',')}] is not supported (over H and W, [1, 2], is)`,
  'pad-hw': () => 'only padding of H and W is supported',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SENTENCES: Sentences<ImportProblem> = {
  'import-not-model-file': (p) =>
    `${p.file} is not a model file the lab reads: choose a Keras .h5 or .keras, a TF.js model.json with its .bin files, or a float32 .tflite.`,
  'import-choose-one': () => 'Choose one model file (or a model.json with its .bin files).',
  'import-not-keras-zip': (p) =>
    `${p.file} is a zip but not a Keras 3 .keras file (it needs config.json and model.weights.h5).`,
  'import-not-tfjs': (p) => `${p.file} is not a TF.js Layers model (it needs modelTopology and weightsManifest).`,
  'import-tfjs-missing-shard': (p) => `model.json needs ${p.file}; choose it together with model.json.`,
  'import-unsupported-layer': (p) =>
    `Layer ${p.layer} is a ${p.className}, which the lab does not import yet. Supported: ${p.supported.join(', ')}.`,
  'import-tflite-unreadable': (p) => `${p.file} is not a readable .tflite file: ${p.detail}.`,
  'import-tflite-unsupported-op': (p) =>
    `${p.file} uses ${p.op} (operator ${p.index}), which the lab does not import yet. Supported: ${p.supported.join(', ')}.`,
  'import-tflite-quantized': (p) =>
    `${p.file} is already quantized (${p.dynamicRange ? `dynamic range: float input and output, weights like ${p.what}` : p.what}); the lab imports float32 .tflite files. Open it in the inspector to run and inspect it instead.`,
  'import-tflite-subgraphs': (p) => `${p.file} has ${p.count} subgraphs; the lab imports a single-subgraph model.`,
  'import-tflite-io': (p) =>
    `${p.file} has ${p.inputs} inputs and ${p.outputs} outputs; the lab imports one input and one output.`,
  'import-tflite-input-type': (p) => `${p.file} takes a ${p.type} input; the lab imports models with a float32 input.`,
  'import-h5-unreadable': (p) => `${p.file} starts like an HDF5 file, but h5wasm cannot read it: ${p.raw}.`,
  'import-zip-unreadable': (p) => `${p.file} starts like a zip file, but it cannot be unzipped: ${p.raw}.`,
  'import-json-unreadable': (p) => `${p.entry ? `${p.entry} in ` : ''}${p.file} is not valid JSON: ${p.raw}.`,
  'import-h5-not-keras': () =>
    'The HDF5 file is not a Keras model: it has no model_config or layer_names attribute (save it with model.save or save_weights).',
  'import-weight-not-float': (p) => `Weight ${p.weight} is not an array of floats.`,
  'import-weight-missing': (p) => `Layer ${p.layer} lists weight ${p.weight}, which the file does not hold.`,
  'import-tfjs-weight-type': (p) =>
    `Weight ${p.weight} is ${p.quantized ? 'quantized' : p.dtype}; the lab imports float32 TF.js models.`,
  'import-raw-pixels-fold': (p) =>
    `Raw [0, 255] pixels can be read only by a model whose input reaches one conv2d, depthwise or dense layer through flatten, reshape, pooling or zero padding; this one's path stops at ${p.first === 'input' ? 'its input, which feeds several layers' : p.first}. Choose [0, 1] or automatic.`,
  'import-tfjs-graph-model': (p) =>
    `${p.file} is a TF.js graph model (converted from a SavedModel or a frozen graph); the lab imports TF.js Layers models (tensorflowjs_converter --output_format tfjs_layers_model, or model.save in TF.js).`,
  'import-tfjs-shard-short': (p) =>
    `The .bin files hold ${p.bytes} bytes, but weight ${p.weight} ends at byte ${p.needed}: choose the .bin files model.json lists, unchanged.`,
  'import-no-keras-config': () => 'The file has no Keras model config (expected {"class_name", "config"}).',
  'import-model-class': (p) => `The model is a ${p.className}; the lab imports Sequential and functional Keras models.`,
  'import-no-layer-list': () => 'The model config has no list of layers.',
  'import-sequential-input-shape': () => 'The Sequential model does not say its input shape.',
  'import-no-layers': () => 'The model has no layers.',
  'import-shared-layer': (p) =>
    `Layer ${p.layer} is shared (called ${p.calls} times); the lab imports layers called once.`,
  'import-functional-config': () => 'The functional model config is not an object.',
  'import-several-inputs': () => 'The model has several inputs; the lab imports one image input.',
  'import-nested-model': (p) => `Layer ${p.layer} is a nested ${p.className}; save the model flattened.`,
  'import-several-outputs': () => 'The model has several outputs; the lab imports one.',
  'import-no-input-layer': () => 'The functional model has no InputLayer with a shape.',
  'import-weights-only': (p) =>
    `The file holds only weights (${p.layers.join(', ') || 'none'}) and no model config; the lab recognises weights-only files of the TF tutorial CNN (conv2d 3x3x1x12, dense 2028x10). Save the whole model with model.save().`,
  'import-input-shape': (p) =>
    `The model takes ${dims(p.shape)} inputs; the lab imports image models: [h, w, c], or 28x28 grayscale as [784], [28, 28] or [28, 28, 1].`,
  'import-output-not-last': (p) =>
    `The model's output ${p.output} is not its last computed layer; the lab needs it to be.`,
  'import-layer-reads': (p) => `Layer ${p.layer} reads ${p.input}, which comes later or not at all.`,
  'import-layer-inputs': (p) => `Layer ${p.layer} (${p.className}) has ${p.count} inputs; it takes one.`,
  'import-fusion-target': (p) =>
    `Layer ${p.layer} (${p.className}) must directly follow a linear Conv2D, DepthwiseConv2D or Dense${p.batchNorm ? '' : ' (or Add)'} that nothing else reads; it follows ${p.follows}.`,
  'import-duplicate-name': (p) => `Two layers are named ${p.name}.`,
  'import-layer': (p) => `Layer ${p.layer} (${p.className}): ${englishKerasReason(p.reason)}.`,
  'import-layer-shape': (p) => `${capital(englishShapeProblem(p.problem))}.`,
  'import-weight-count': (p) =>
    `Layer ${p.layer} has ${p.got.length} weight array(s) (${p.got.join(', ') || 'none'}); expected ${p.expected.join(', ')}.`,
  'import-batchnorm-channels': (p) => `BatchNormalization has ${p.channels} channels, the layer before it ${p.before}.`,
  'import-tflite-graph': (p) => `${p.file} cannot be imported: ${p.detail}.`,
  'import-tflite-input-shape': (p) =>
    `${p.file} takes ${dims(p.shape)} inputs; the lab imports image models ([h, w, c], [h, w] or [784]).`,
  'import-tflite-output-not-last': (p) =>
    `${p.file}: the graph output is not its last computed layer; the lab needs it to be.`,
  'import-tflite-op': (p) => `Operator ${p.op} (${p.layer}): ${englishOpReason(p.reason)}.`,
  'import-tflite-op-reads': (p) =>
    `Operator ${p.index} (${p.op}) reads tensor ${p.tensor}, which nothing computed before it.`,
  'import-tflite-op-constant': (p) =>
    `Operator ${p.index} (${p.op}): input ${p.input} must be ${p.int32 ? 'an int32' : 'a'} constant.`,
  'import-tflite-op-fuse': (p) =>
    `Operator ${p.index} (${p.op}) must directly follow a FULLY_CONNECTED without activation that nothing else reads.`,
  'import-tflite-op-shape': (p) => `Operator ${p.index} (${p.op}): ${englishShapeProblem(p.problem)}.`,
  'import-tflite-op-output': (p) =>
    `Operator ${p.index} (${p.op}) gives ${dims(p.inFile)} in the file but ${dims(p.inLab)} in the lab.`,
  'import-npy-fortran': (p) => `${p.file} is in Fortran order; save it in C order.`,
  'import-npy-dtype': (p) =>
    `${p.file} holds ${p.dtype ?? 'an unknown type'}; the lab reads float32 (<f4) or uint8 (|u1) .npy files.`,
  'import-npy-not-float': (p) => `${p.file} is neither a .npy file nor raw float32 values.`,
  'import-npy-count': (p) =>
    `${p.file} has ${p.values} values, not a whole number of ${dims(p.shape)} images (${p.per} values each).`,
  'import-needs-image-file': (p) =>
    `The model takes ${dims(p.shape)} images, not MNIST: give its images with --calibration-images DIR (a folder of PNG files) or FILE (.npy or raw float32, [n, ${p.shape.join(', ')}]); JPEG is decoded in the page.`,
  'import-no-png': (p) => `${p.dir} holds no .png file: put the calibration images there as PNG files.`,
  'import-image-input': (p) => `A model input of ${dims(p.shape)} is not an image (H, W, 1 or 3 channels).`,
  'import-image-pixels': (p) => `${p.bytes} bytes are not ${p.width}x${p.height} RGBA pixels.`,
  'import-image-values': (p) => `Image ${p.image} has ${p.values} values, not ${p.per}.`,
};

/** The English reason a Keras layer's settings are refused. */
export function englishKerasReason(r: KerasLayerReason): string {
  return (KERAS_REASONS[r.code] as (r: KerasLayerReason) => string)(r);
}

/** The English reason a .tflite operator's settings are refused. */
export function englishOpReason(r: TfliteOpReason): string {
  return (OP_REASONS[r.code] as (r: TfliteOpReason) => string)(r);
}

/** The English sentence of an import problem. */
export function englishImportProblem(p: ImportProblem): string {
  return (SENTENCES[p.code] as (p: ImportProblem) => string)(p);
}

/** The reader's problem and message of a .tflite file that could not be read, for `import-tflite-unreadable`. */
export function readerProblem(e: unknown): { problem?: TfliteProblem; detail: string } {
  const problem = (e as { problem?: TfliteProblem } | null)?.problem;
  const detail = e instanceof Error ? e.message : String(e);
  return problem ? { problem, detail } : { detail };
}

/** A third-party library's message, for a `raw` field. */
export function rawMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');
}
