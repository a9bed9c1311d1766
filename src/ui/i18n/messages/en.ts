import type { CompressTuning } from '../../../core/compress/compress-fields';
import type { DatasetId } from '../../../core/mnist/datasets';
import type { PresetId } from '../../../core/model/presets';
import type { LabMode } from '../../../core/modes/lab-modes';
import type { QatTuning } from '../../../core/qat/qat-settings';
import type { RecipeSettings } from '../../../core/quant/recipe';
import type { TrainSettings } from '../../../core/train/settings';
import { englishWizardTree } from './wizard-tree';

/** A settings field's UI text, keyed in the tables by the declaration's key (the core keeps its English for the CLI). */
interface FieldText {
  label: string;
  help: string;
}

/**
 * Every English string of the page, grouped by section. This object is the source of the keys: the zh-TW
 * table must have exactly the same shape (see {@link Messages}), so a missing or extra key fails the typecheck.
 * Interpolations use i18next's `{{name}}`; rich text uses `<strong>`, `<code>`, `<em>` (rendered with <Rich>).
 * Tables keyed by a core declaration (fields, modes, presets, datasets) are `satisfies Record<...>` of its keys,
 * so adding a field, mode or preset without its text fails the typecheck.
 */
export const en = {
  app: {
    title: 'Quantization Lab',
    tagline:
      'Train a small CNN on real MNIST in this tab, quantize it with every TensorFlow Lite mode, and download .tflite files the TFLite runtime runs. Nothing leaves your browser.',
    modelForgotten: 'The saved model was deleted from this browser.',
    storeFailed: {
      read: 'Could not read the saved model:',
      save: 'Could not save the model for the next visit:',
      delete: 'Could not delete the saved model:',
    },
  },
  language: {
    label: 'Language',
  },
  backend: {
    label: 'Compute backend',
    auto: 'Automatic (fastest available)',
    webgpu: 'WebGPU',
    wasm: 'WebAssembly (SIMD)',
    cpu: 'Plain JavaScript (CPU)',
    running: 'running on {{name}}: <reason>{{reason}}</reason>',
    starting: 'starting…',
  },
  units: {
    seconds: '{{n}} s',
    minutesSeconds: '{{m}} min {{s}} s',
    pp: '{{n}} pp',
  },
  common: {
    cancel: 'Cancel',
    trainFirst: 'Train a model first.',
    mode: 'Mode',
  },
  data: {
    ready: 'MNIST loaded from this site: {{train}} training and {{test}} test images.',
    downloadAria: 'MNIST download',
    loading: 'Loading MNIST…',
    loadingBytes: 'Loading MNIST ({{loaded}} of {{total}} MB)…',
  },
  offline: {
    updateReady:
      'A new version of the lab is ready. It is not applied while you work: reload when your current run has finished.',
    reloadNow: 'Reload now',
    ready: 'The lab now works offline: the app, its WASM runtimes and MNIST are stored in this browser.',
    ok: 'OK',
  },
  fields: {
    train: {
      dataset: { label: 'Dataset', help: 'images to train on and test with' },
      preset: { label: 'Model', help: 'architecture to train' },
      epochs: { label: 'Epochs', help: 'training epochs' },
      batchSize: { label: 'Batch size', help: 'images per gradient step' },
      learningRate: { label: 'Learning rate', help: 'optimizer step size' },
      optimizer: { label: 'Optimizer', help: 'how gradients update the weights' },
      trainLimit: { label: 'Training images', help: 'use the first N of the 60,000 shuffled training images' },
      seed: { label: 'Seed', help: 'seeds weight init and shuffling' },
      workers: {
        label: 'Training workers',
        help: 'in the browser, 2 splits every batch across two workers (both cores); 1 trains in one (the CLI always uses one)',
      },
    } satisfies Record<keyof TrainSettings, FieldText>,
    recipe: {
      calibrationSamples: {
        label: 'Calibration images',
        help: 'representative training images that calibrate activation ranges',
      },
      calibrationMethod: { label: 'Range method', help: 'how a calibrated range is chosen from the observed values' },
      percentile: { label: 'Percentile', help: "percentile kept on each side for 'percentile' calibration" },
      perChannel: {
        label: 'Per-channel conv weights',
        help: 'one int8 scale per output channel of CONV_2D and DEPTHWISE_CONV_2D',
      },
      fcPerChannel: {
        label: 'Per-channel dense weights',
        help: 'one scale per FULLY_CONNECTED output unit (needs TFLite 2.17+ for the hybrid kernel)',
      },
      weightBits: {
        label: 'Weight bits',
        help: 'bits of the symmetric weight grid: 8 is int8, 4 is TFLite INT4, fewer are simulated',
      },
      crossLayerEqualization: {
        label: 'Cross-layer equalization',
        help: 'rescale conv -> ReLU -> conv pairs so their per-channel weight ranges match (Nagel et al. 2019)',
      },
      biasCorrection: {
        label: 'Bias correction',
        help: 'subtract the mean output shift each quantized layer adds, measured on the calibration images',
      },
      adaround: {
        label: 'AdaRound',
        help: 'learn per layer whether each weight rounds up or down, on the calibration images (Nagel et al. 2020)',
      },
      dynamicMinElements: {
        label: 'Dynamic range: keep float below',
        help: 'weight tensors with fewer values stay float in dynamic-range mode, as TF’s converter does',
      },
    } satisfies Record<keyof RecipeSettings, FieldText>,
    qat: {
      epochs: { label: 'QAT epochs', help: 'quantization-aware fine-tuning epochs for mode qat' },
      learningRate: { label: 'QAT learning rate', help: 'Adam step size while fine-tuning with fake quantization' },
    } satisfies Record<keyof QatTuning, FieldText>,
    compress: {
      pruneSparsity: {
        label: 'Target sparsity',
        help: 'magnitude pruning after training to this fraction of zeros (0 = no pruning)',
      },
      pruneInitialSparsity: {
        label: 'Initial sparsity',
        help: 'where the polynomial schedule starts (capped at the target)',
      },
      pruneEpochs: { label: 'Pruning epochs', help: 'fine-tuning epochs while pruning' },
      pruneSchedule: {
        label: 'Pruning schedule',
        help: 'TFMOT PolynomialDecay (power 3) or ConstantSparsity, mask updated every 100 steps',
      },
      pruneLayers: { label: 'Compressed layers', help: 'which kernels are pruned and clustered (biases never are)' },
      fineTuneImages: { label: 'Fine-tuning images', help: 'training images per pruning or clustering epoch' },
      clusters: {
        label: 'Clusters',
        help: 'weight clustering after pruning into this many shared values per kernel (0 = off; TFMOT: 8 to 64)',
      },
      clusterInit: { label: 'Centroid start', help: "TFMOT's centroid initialisation" },
      clusterEpochs: { label: 'Clustering epochs', help: 'centroid fine-tuning epochs' },
      preserveSparsity: { label: 'Preserve sparsity', help: 'keep pruned zeros at zero and out of the clusters' },
    } satisfies Record<keyof CompressTuning, FieldText>,
  },
  /** Display names of choice fields' options, by field key and option id. */
  fieldOptions: {
    calibrationMethod: {
      minmax: 'min/max (what TF’s converter does)',
      percentile: 'percentile (clip rare outliers)',
      mse: 'MSE-optimal (minimise rounding + clipping error)',
    },
    pruneSchedule: { polynomial: 'polynomial decay (TFMOT, power 3)', constant: 'constant sparsity' },
    pruneLayers: { all: 'every conv and dense kernel', dense: 'the dense layers only' },
    clusterInit: { density: "density-based (by the weights' CDF)", linear: 'linear (evenly spaced)' },
    clustersOff: 'off',
  },
  presets: {
    tutorial: {
      name: 'TF tutorial CNN',
      blurb:
        'The TensorFlow post-training quantization tutorial model: one 3x3 conv with 12 filters, max pool, dense. 20,410 parameters.',
    },
    deep: {
      name: 'Deeper CNN (two conv blocks)',
      blurb: 'Two conv-conv-pool blocks: errors from quantizing each layer add up through the depth.',
    },
    separable: {
      name: 'Depthwise-separable (MobileNet-style)',
      blurb:
        'Depthwise + pointwise convs with ReLU6, as in MobileNet: depthwise filters have few weights per channel, so per-channel scales matter.',
    },
  } satisfies Record<PresetId, { name: string; blurb: string }>,
  modes: {
    float32: {
      title: 'Float32 (no quantization)',
      description: 'The baseline: every weight and activation is a 32-bit float. Largest file, reference accuracy.',
    },
    dynamic: {
      title: 'Dynamic range',
      description:
        'Weights are stored as int8 (about 4x smaller); activations stay float and are quantized on the fly inside conv and dense layers. No representative data needed. Small weight tensors (under 1,024 values) stay float.',
    },
    int8: {
      title: 'Full integer (int8, float I/O)',
      description:
        'Weights and activations are int8, with activation ranges measured on representative images. The model takes and returns floats: a QUANTIZE op at the input and a DEQUANTIZE op at the output convert them.',
    },
    'int8-io': {
      title: 'Full integer (int8 input and output)',
      description:
        'Like full integer, but the model takes int8 pixels and returns int8 scores: what microcontrollers and integer-only accelerators (Edge TPU) need. The caller quantizes inputs with the input scale and zero point.',
    },
    float16: {
      title: 'Float16',
      description:
        'Weights and biases are stored as 16-bit floats (about 2x smaller) and expanded to float32 when the model loads; GPUs can compute in float16 directly. Accuracy is essentially unchanged.',
    },
    int16x8: {
      title: '16x8 (int16 activations, int8 weights)',
      description:
        'Activations are int16 and weights int8: much finer activation steps than int8 for a similar file size, at the cost of slower kernels (most accelerators do not support it).',
    },
    'dynamic-int4': {
      title: 'Dynamic range, int4 weights',
      description:
        'Weights are stored as 4-bit integers, two to a byte (about 8x smaller than float), with one scale per channel or tensor; activations stay float. Only 15 levels per scale: the error shows, most on hard data.',
    },
    int4: {
      title: 'Full integer, int4 weights (int8 activations)',
      description:
        'Like full integer int8, but conv and dense weights are 4-bit (TFLite INT4, two values a byte). Activations stay int8, calibrated on representative images. The 4-bit rounding error is where algorithms such as AdaRound and bias correction earn their keep.',
    },
    qat: {
      title: 'Quantization-aware training (int8)',
      description:
        'Fine-tunes the trained model with fake quantization (straight-through gradients, moving-average ranges), then exports full int8 with float I/O and the learned ranges.',
    },
  } satisfies Record<LabMode, { title: string; description: string }>,
  train: {
    title: '1. Train a CNN on MNIST',
    train: 'Train',
    trainAgain: 'Train again',
    cancelling: 'Cancelling…',
    reset: 'Reset (forget model)',
    progressAria: 'training progress',
    status:
      'epoch {{epoch}}/{{epochs}}, batch {{batch}}/{{batches}} · loss {{loss}} · accuracy {{accuracy}} · {{elapsed}} elapsed',
    statusLeft: ', about {{eta}} left',
    cancelled: 'Training cancelled. The model keeps the weights of the last completed epoch',
    cancelledNone: ' (none completed: the initial weights)',
    workersTwo:
      'Training on two workers, one per core: each computes the gradient of half of every batch, and both apply the same combined step.',
    workersOne: 'Training on one worker: {{reason}}',
    workersWhy: {
      setting: 'the "Training workers" setting is 1.',
      cores: 'this device reports a single CPU core.',
      backend: 'the {{backend}} backend does not split batches across workers (only WASM and CPU do).',
      start: 'the second worker could not start ({{detail}}).',
    },
    summary:
      '{{name}}: test accuracy on all 10,000 test images <acc>{{accuracy}}</acc> after {{epochs}} epoch(s), {{seconds}} of training on {{backend}}{{trainer}}.',
    /** How the steps ran (TrainedModel.trainer), appended to the summary; absent: nothing. */
    trainer: {
      'fused-simd': ', every step in one fused WebAssembly SIMD kernel (forward, backward and optimizer)',
      tfjs: ', step by step through TF.js ops',
    },
    presetInfo: '{{blurb}} <strong>{{params}}</strong> parameters, <strong>{{kib}} KiB</strong> of float32 weights.',
  },
  trainCharts: {
    loss: 'Loss (cross-entropy)',
    accuracy: 'Accuracy',
    epoch: 'epoch',
    epochAt: 'epoch {{x}}',
    batch: 'batch',
    epochMean: 'epoch mean',
    trainEpoch: 'train (epoch)',
    test: 'test',
  },
  import: {
    label:
      'Or bring your own model (Keras <code>.h5</code> or <code>.keras</code>, TF.js <code>model.json</code> with its <code>.bin</code> files, or a float32 <code>.tflite</code>):',
    reading: 'Reading the model and scoring it on the 10,000 test images…',
    summary:
      'Imported from <strong>{{file}}</strong> ({{kind}}): {{layers}} layers, {{params}} parameters. Every stage below (quantization, QAT, the debugger, drawing, confusion, downloads) now works on this model.',
    rawPixels:
      'It reads raw [0, 255] pixels (as chosen, or found because it scored near chance on [0, 1] ones and well on [0, 255] ones): the lab folds the ×255 into its first weighted layer, and the model and its files read [0, 1] pixels like every lab model.',
    pixels: 'Pixels the model was trained on:',
    pixelChoice: {
      auto: 'automatic ([0, 1], or [0, 255] when it scores near chance on [0, 1])',
      '0-1': '[0, 1]',
      '0-255': 'raw [0, 255]',
    },
    forgetUnlabelled: 'Remove this model',
    unlabelledForgotten: 'The model is removed from this browser; its kept runs stay in the runs list.',
    summaryUnlabelled:
      'Imported from <strong>{{file}}</strong> ({{kind}}): {{layers}} layers, {{params}} parameters, input {{shape}}. It does not take MNIST images, so it is quantized here on your own images; the stages below keep working on the MNIST model.',
  },
  calibration: {
    needsImages:
      'This model takes <strong>{{shape}}</strong> images, not MNIST. Choose or drop its calibration images (PNG or JPEG, several at once): each is resized to {{size}} ({{channels}}) and scaled to the input range below, and every post-training mode is calibrated on them.',
    label: 'Calibration images (PNG or JPEG):',
    dropAgain:
      'This model was kept from your last visit, but its calibration images were not (they can be hundreds of megabytes): choose or drop them again to quantize it.',
    downloadAll: 'Download all ({{count}} files and report.json, .zip)',
    drop: 'Drop images here',
    range: 'Input range the model expects:',
    ranges: {
      '0-1': '[0, 1] (pixel / 255)',
      '-1-1': '[-1, 1] (pixel / 127.5 - 1, as MobileNet)',
      '0-255': '[0, 255] (raw pixels)',
    },
    channels: { gray: 'grayscale', rgb: 'RGB' },
    decoding: 'Decoding image {{done}} of {{total}}…',
    ready: '<strong>{{count}}</strong> calibration images, resized to {{size}}, in {{range}}.',
    refused: 'Skipped, not a PNG or JPEG image the browser can decode: {{files}}.',
    none: 'None of the {{count}} chosen file(s) is a PNG or JPEG image the browser can decode; the calibration images are unchanged.',
    tooMany: 'Only the first {{max}} images are kept.',
    decodeCancelled: 'Decoding cancelled; the calibration images are unchanged.',
    run: 'Quantize into {{count}} modes with these images',
    cancel: 'Cancel',
    noModes: 'Choose at least one post-training mode in the quantization settings below.',
    stepReference: 'Float model (TF.js) on image {{done}} of {{total}}: its outputs and the activation ranges…',
    stepConvert: '{{mode}} ({{index}}/{{total}}): calibrating, quantizing and writing the file…',
    stepRun: '{{mode}} ({{index}}/{{total}}): running the file in LiteRT.js on every image…',
    stepRunSubset:
      '{{mode}} ({{index}}/{{total}}): running the file in LiteRT.js on the first {{count}} images (its kernels are slow here)…',
    subset: 'on the first {{count}} images: LiteRT.js runs this mode on slow kernels',
    scoredBy:
      'No labels, so no accuracy: each file is scored by its <strong>agreement with the float model</strong> on the {{count}} calibration images. Top-1 agreement is the share of images whose top class is the same; output SNR is the signal-to-noise ratio of the outputs in dB (higher is closer).',
    cancelled: 'Cancelled: the modes finished so far are kept.',
    failed: 'The run stopped:',
    mode: 'Mode',
    size: 'Size',
    top1: 'Top-1 agreement',
    snr: 'Output SNR',
    latency: 'Latency (median)',
    file: 'File',
    identical: 'identical',
    int16x8Alloc:
      'LiteRT.js could not allocate the 16x8 file for a model this size (its int16 activations and int64 biases need more memory than this runtime lays out); the other modes are unaffected. The file itself is valid: the TFLite runtime on a phone or a desktop runs it.',
  },
  compress: {
    title: 'Prune and cluster before quantizing',
    failed: 'The compression stopped:',
    explainer1:
      "<strong>Pruning</strong> sets the smallest weights to exactly zero while the network fine-tunes, so it can adjust the weights that remain (TensorFlow Model Optimization's magnitude pruning: sparsity rises from 50% to the target along a cubic curve, and the mask is updated every 100 steps). <strong>Clustering</strong> then lets each layer use only a few distinct values (8 to 64), fine-tuning those shared values.",
    explainer2:
      '<strong>A pruned file is not smaller by itself.</strong> A .tflite file stores every weight, zero or not: a zero takes the same byte (int8) or four bytes (float32) as any other value, so the raw size does not change. What changes is how predictable the bytes are. <strong>gzip</strong> (the same DEFLATE compression web servers and app stores apply) replaces long runs and repeated patterns with short references, so a file full of zeros and a handful of repeated values compresses far better. The gzip size is what the file costs to download or ship inside a compressed app bundle; once loaded, the model takes its raw size in memory again.',
    explainer3:
      "<strong>Skipping zeros at run time</strong> needs a sparse format and kernels for it. TFLite's schema has one (a tensor's <code>sparsity</code> field: compressed rows and block maps), and TFLite's CPU kernels can run a sparse fully-connected layer, but the lab writes dense tensors: it measures compressed size, not sparse speed, and has not measured whether LiteRT.js runs sparse tensors. XNNPACK, the engine that runs these files in LiteRT.js, has sparse kernels only for float 1x1 convolutions (MobileNet-like networks), so on this CNN a pruned file runs exactly as fast as an unpruned one.",
    cancel: 'Cancel (keeps the last completed step)',
    already: "The lab's model is already compressed; running again compresses it further.",
    prune: 'Prune',
    cluster: 'Cluster',
    pruneAndCluster: 'Prune and cluster',
    step: 'Step {{step}} ({{stage}}): sparsity {{sparsity}}, batch accuracy {{accuracy}}',
    cancelled: 'Cancelled: the model keeps the last completed step.',
    pruned:
      'Pruned <m>{{sparsity}}</m> of the weights in {{layers}} to exactly zero; TF.js test accuracy {{accuracy}}.',
    clustered:
      'Clustered {{layers}} into at most {{n}} shared values per kernel{{zeros}}; TF.js test accuracy {{accuracy}}.',
    zerosKept: ' (zeros kept)',
    nowTheModel:
      "This is now the lab's model: quantize it below, and compare the gzip column of the results with an unpruned run.",
    chartCaption: 'Sparsity of the pruned kernels and batch accuracy, per optimizer step',
    chartStep: 'step {{x}}',
    sparsity: 'sparsity',
    batchAccuracy: 'batch accuracy',
    sweepCaption:
      'Accuracy in the runtime against gzip size (KiB), every file measured in this session. Prune to several sparsities and quantize each to trace the trade-off; the accuracy axis does not start at zero.',
    seriesZeros: '{{p}} zeros',
    seriesClusters: ', {{n}} clusters',
    gzipSize: 'gzip size',
    accuracy: 'accuracy',
  },
  quant: {
    title: '2. Quantize and compare',
    run: 'Quantize, export and measure {{count}} mode(s)',
    exportFloat: 'Export float32 only',
    modesAria: 'modes',
    recipeHint:
      'TensorFlow’s converter leaves weight tensors with fewer than 1,024 values in float in dynamic-range mode, which is why the tutorial’s 108-weight conv layer is “not quantized” there. Set the threshold to 0 to quantize every layer. Dense weights are per-tensor by default: per-channel dense weights need a newer runtime (TFLite 2.17+ for the hybrid kernel).',
    cancelled: 'Cancelled; the files finished before the cancel are kept below.',
    histogramTitle: 'Weights before and after quantization',
    step: { convert: 'converting and simulating', runtime: 'running in the TFLite runtime' },
  },
  results: {
    floatReference:
      "Float model before conversion: <strong>{{accuracy}}</strong> on the {{count}} MNIST test images, measured in {{engine}}. “vs float” compares each file's runtime accuracy with this number, in percentage points.",
    colMode: 'Mode',
    colSize: 'File size',
    colGzip: 'gzip size',
    colGzipTitle: 'The file after gzip level 9: what it costs to download; pruned zeros and shared values shrink it',
    colRatio: '× float32',
    colRatioTitle: 'bytes / float32 file bytes',
    colAccuracy: 'Accuracy (runtime)',
    colDelta: 'vs float',
    colSimulated: 'Accuracy (lab simulation)',
    colSimulatedTitle: "The lab's own simulation of the quantized arithmetic",
    colLatency: 'Latency median / p90',
    colLatencyTitle: 'Median and 90th percentile of single-image inference times',
    colEngine: 'Engine',
    colEngineTitle: 'What ran the .tflite file for the runtime accuracy and the latency',
    colDownload: 'Download',
    bytesTitle: '{{n}} bytes',
    tfjsAgreement: '{{p}} same as TF.js',
    tfjsAgreementTitle: 'Share of test images where this file and the trained TF.js model predict the same digit',
    simAgreement: '{{p}} agree',
    simAgreementTitle: 'Share of test images where simulation and runtime predict the same digit',
    runs: '{{n}} runs',
    gzipTitle: 'bytes after gzip -9',
    ofRaw: '{{p}} of raw',
    downloadTitle: 'Download {{file}}',
    notInSession: 'File not available in this session',
    downloadAll: 'Download all ({{n}} .tflite + report.json)',
    downloadFailed: 'The zip could not be made:',
    missing: 'Not available in this session: {{modes}}.',
  },
  charts: {
    accuracyCaption:
      'Test accuracy per mode. Red line: float model in {{engine}}, {{accuracy}}. The axis starts at {{start}}, not 0.',
    runtime: 'runtime',
    simulation: 'lab simulation',
    sizeCaption: 'File size per mode (KiB), raw and after gzip. Labels: raw size relative to the float32 file.',
    fileSize: 'file size',
    gzip: 'gzip',
    sizeAccuracyCaption: 'Size vs runtime accuracy: up and to the left is better. Red line: float model, {{accuracy}}.',
    size: 'size',
    accuracy: 'accuracy',
    modes: 'modes',
    latencyCaption: 'Latency per image (ms), measured in {{engines}}. Lower is better.',
    median: 'median',
    p90: 'p90',
  },
  histogram: {
    caption:
      'Weights of one layer before (float) and after {{label}} quantization, dequantized back to real numbers. Quantized weights can only take a few values, so their histogram turns into spikes.',
    layer: 'Layer',
    layerOption: '{{name}} ({{n}} weights)',
    bins: 'Bins',
    error:
      '{{distinctFloat}} distinct float values → {{distinctQuantized}} after quantization. Largest rounding error {{max}}, RMS error {{rms}}.',
    weightsFrom: 'weights from {{x}}',
    float: 'float',
    quantized: 'quantized',
  },
  qat: {
    title: '3. Quantization-aware training (QAT)',
    hint: 'QAT fine-tunes the trained model while simulating int8 in the forward pass: weights are rounded to their int8 grid per channel and activations to ranges tracked by a moving average, and gradients pass straight through the rounding. The network learns weights that survive rounding; the file is then exported as full int8 with the ranges it learned, instead of ranges calibrated after the fact.',
    run: 'Run QAT and export int8',
    progress: 'QAT epoch {{epoch}}/{{epochs}}, batch {{batch}}/{{batches}} · loss {{loss}} · about {{eta}} left',
    result:
      'QAT int8 in LiteRT.js: <acc>{{accuracy}}</acc>{{ptq}}{{float}}. The file (<code>qat</code> row above) can be downloaded from the results table.',
    ptq: ' · post-training int8: {{accuracy}}',
    summaryEnglish: 'This run was kept by an older version of the lab; its summary:',
    float: ' · float (TF.js): {{accuracy}}',
  },
  wizard: {
    title: '4. Which mode should I use?',
    open: 'Ask the wizard',
    close: 'Close the wizard',
    restart: 'Start over',
    tolerance: 'Accuracy drop you can accept (percentage points)',
    recommendation: 'Recommendation:',
    size: 'Size',
    speed: 'Speed',
    accuracy: 'Accuracy',
    hardware: 'Hardware',
    run: 'Run {{mode}} on my model (with {{others}})',
    measuring: 'Measuring…',
    trainFirst: 'Train a model first: the wizard measures your own model.',
    pathAria: 'Path through the decision tree',
    pathStep: '{{label}}: <strong>{{short}}</strong>',
    measured: 'Measured on your model',
    colMode: 'Mode',
    colAccuracy: 'Accuracy',
    colDrop: 'Drop vs float (points)',
    colSize: 'Size',
    colLatency: 'Latency (median)',
    floatLine: 'Float model (TF.js): {{accuracy}} on the 10,000 test images.',
    ok: 'OK',
    info: 'Note',
    warn: 'Check',
    recommended: ' (recommended)',
    smaller: ' ({{x}}x smaller)',
    notMeasured: 'not measured',
  },
  /** The wizard's questions, answers and leaves by the core tree's ids (see wizard-tree.ts). */
  wizardTree: englishWizardTree(),
  debugger: {
    title: '5. Per-layer quantization debugger',
    failed: 'The per-layer analysis stopped:',
    hint: 'Like TensorFlow’s QuantizationDebugger: the quantized model and the float model run on the same test images, and every op’s output is compared with what the float op computes from the same input. Layers that lose the most can be kept in float and the model exported again (mixed precision).',
    testImages: 'Test images',
    analyse: 'Analyse layers',
    running: 'Quantizing ({{mode}}) and comparing every layer…',
    ruleSummary: 'How to read RMSE / scale',
    rule: 'A quantized layer stores each output as a whole number of steps; the step size is the layer’s <em>scale</em>. Rounding to the nearest step is off by at most half a step, and on average the error behaves like a value spread evenly between −½ and +½ a step, whose root mean square is 1/√12 ≈ <strong>0.289</strong> steps. So a layer whose RMSE / scale is near 0.29 (or below, since exact values such as ReLU zeros add no error) loses only what rounding must lose. Well above that, above <strong>{{flag}}</strong>, something else is wrong: usually the calibrated range clips large values, which then all collapse onto the end of the range. Such rows are highlighted.',
    flagged:
      '{{n}} layer(s) above {{flag}}: {{layers}}. Their range may clip values or be too coarse; try another calibration method, or keep them in float below.',
    healthy: 'No layer above {{flag}}: every quantized output stays close to rounding-only error.',
    dynamicHint:
      'Dynamic range keeps activations in float, so outputs have no scale and no RMSE / scale; compare RMSE and SNR instead. Selective quantization applies to the full-integer modes.',
    samplesLine:
      '{{n}} test images, {{mode}}. Accumulated: both models run from the image, so errors from earlier layers are included.',
    exportMixed: 'Export {{mode}}-mixed with {{n}} layer(s) in float',
    exportHint:
      'The file is measured in the TFLite runtime and added to the results table as <code>{{mode}}-mixed</code>, next to the fully quantized modes: compare its size and accuracy.',
    chartCaption:
      'RMSE / scale per layer: dark bars are this layer alone, light bars include the error carried in from earlier layers. Red line: the {{flag}} flag; grey line: {{rounding}}, pure rounding.',
    thisLayer: 'this layer alone',
    accumulated: 'accumulated from the image',
    keepFloat: 'Keep float',
    keepFloatTitle: 'Keep this op in float32 in the mixed-precision export',
    layer: 'Layer',
    op: 'Op',
    storedAs: 'Stored as',
    storedAsTitle: 'Output dtype; weights dtype after the slash',
    elements: 'Elements',
    elementsTitle: 'Values compared: output size × images',
    rmseTitle: "Root mean squared error, in the layer's output units",
    maxAbs: 'Max abs error',
    meanError: 'Mean error',
    meanErrorTitle: 'Average signed error: non-zero means a bias',
    snrTitle: 'Signal-to-noise ratio: 10 log10(output power / error power); higher is better',
    scale: 'Scale',
    scaleTitle: 'Output scale: the real value of one integer step',
    rmseScaleTitle: "RMSE divided by the scale, this layer alone (TF's per-layer number)",
    accumulatedCol: 'RMSE / scale, accumulated',
    accumulatedTitle: 'RMSE / scale when both models run from the image (errors from earlier layers included)',
    keepAria: 'keep {{name}} in float',
    flagTitle: 'RMSE / scale above 0.7',
    flag: '⚠ flagged',
  },
  draw: {
    title: '6. Draw a digit',
    failed: 'This file could not classify the drawing:',
    hint: 'Draw a digit from 0 to 9 with a mouse, finger or pen. After each stroke the drawing is shrunk to fit a 20×20 box and centred by its centre of mass in 28×28 pixels, the way the MNIST images were made, and every exported .tflite file classifies it. The predictions come from LiteRT.js, the real TensorFlow Lite runtime, running each file in this browser.',
    canvasAria: 'Drawing area: draw one digit',
    clear: 'Clear',
    previewAria: 'The 28×28 input the models see',
    preview: 'what the models see (28×28)',
    quantizeFirst: 'Quantize the trained model first: each exported file will then classify your drawing.',
    drawSomething: 'Draw something to see each file’s prediction.',
    empty: 'The canvas is empty: draw something.',
    predictions: 'Predictions from LiteRT.js, one per exported file:',
    probabilitiesAria: '{{mode}} class probabilities',
  },
  confusion: {
    title: '7. Where each mode goes wrong',
    quantizeFirst: 'Quantize the trained model first: each file’s test-set predictions from LiteRT.js show up here.',
    loading: 'Loading the test set…',
    testSetFailed: 'The test set could not be loaded:',
    mismatch: '{{mode}} has {{predictions}} predictions for {{labels}} test labels.',
    hint: 'The {{count}} MNIST test images as <code>{{mode}}</code> classified them in LiteRT.js ({{accuracy}} correct). Each row is the true digit, each column the predicted one: the blue diagonal counts right answers, red cells are mistakes.',
    wrongVsFloat: 'Test digits {{mode}} gets wrong that {{floatMode}} gets right',
    wrong: 'Test digits {{mode}} gets wrong',
    noneVsFloat: 'None: quantizing to {{mode}} did not break any test digit that {{floatMode}} classifies correctly.',
    none: 'None.',
    count: '{{n}} digit(s)',
    end: '.',
    firstShown: ', the first {{n}} shown',
    notExported: " ({{floatMode}} was not exported, so these are all of {{mode}}'s mistakes.)",
    matrixAria: 'Confusion matrix of {{mode}}: rows are the true digit, columns the prediction',
    corner: 'true ↓ / predicted →',
    cell: 'true {{t}}, predicted {{p}}: {{n}} image(s)',
    cellShare: ', {{share}} of the {{t}}s',
    digitAria: 'Test image {{i}}, a {{label}}',
    true: 'true',
  },
  inspector: {
    title: '8. Inspect any .tflite file',
    hint: 'Drop a .tflite file here, or choose one: one exported above, or one written by TensorFlow’s converter. The file stays in your browser. If it takes one 28 × 28 image and returns 10 scores, it is also run on the 10,000 MNIST test images in the TFLite runtime and joins the comparison above (table, charts, confusion matrix, drawing).',
    modelFile: 'Model file',
    empty: '{{file}} is empty (0 bytes); a .tflite model has at least a header and one subgraph.',
    tooBig: '{{file}} is {{size}}; the inspector reads files up to {{max}}.',
    readFailed: 'Could not read {{file}}:',
    unreadable: '{{file}} is not a readable .tflite model:',
    run: {
      pinnedNote:
        "The file has a dynamic batch (-1 in shape_signature, as TensorFlow's converter keeps Keras's None batch), which LiteRT.js refuses; it was run from a copy with the batch pinned to 1 on {{count}} tensor(s). Nothing else changed: same size, same weights.",
      pinnedDownload: 'Download the pinned copy ({{file}})',
      notRun: 'Not run on MNIST.',
      feed: 'Input feed:',
      why: 'Why:',
      output: 'Output:',
      pixelRange: 'Pixel range',
      progressAria: 'Runtime evaluation',
      running: 'Running {{percent}} of the test images in the TFLite runtime…',
      failed: 'The TFLite runtime could not run {{file}}:',
      accuracy:
        'Accuracy <strong>{{accuracy}}</strong> on {{count}} test images; latency {{median}} median, {{p90}} p90 ({{runs}} runs).',
      stop: '.',
      engine: 'Run by <engine>{{engine}}</engine>.',
      added: 'Added to the comparison as file:{{file}} (results table, charts, confusion matrix, draw a digit).',
    },
    view: {
      unknownOps: 'Operators the lab does not know: {{ops}}. The TFLite runtime may not run them either.',
      subgraphOps: 'Subgraph {{index}}{{name}}: operators',
      operators: 'Operators',
      tensors: 'Tensors',
      someSubgraphs: 'Showing 4 of {{count}} subgraphs.',
      metadata: 'Metadata',
      noMetadata: 'No metadata entries.',
      metadataEntry: ': buffer {{buffer}}, {{size}} bytes',
      weightHistogram: 'Weight histogram',
      warnings: '<strong>{{count}} warning(s)</strong>: the file is readable but looks unusual.',
      moreWarnings: '…and {{count}} more.',
      remarks: '{{count}} remark(s): normal habits of TensorFlow’s converter, nothing to fix',
    },
    summary: {
      file: 'File',
      schema: 'Schema version',
      description: 'Description',
      minRuntime: 'Minimum runtime',
      graph: 'Graph',
      graphCounts: '{{subgraphs}} subgraph(s), {{ops}} op(s), {{tensors}} tensor(s), {{buffers}} buffer(s)',
      signatures: 'Signatures',
      none: 'none',
      notDeclared: 'not declared',
      noKey: '(no key)',
      signatureSubgraph: '(subgraph {{index}}):',
    },
    table: {
      operator: 'Operator',
      version: 'Version',
      options: 'Options',
      io: 'Inputs → outputs',
      firstOps: 'Showing the first {{shown}} of {{count}} operators.',
      name: 'Name',
      type: 'Type',
      shape: 'Shape',
      bytes: 'Bytes',
      scale: 'Scale',
      zeroPoint: 'Zero point',
      axis: 'Axis',
      unnamed: '(unnamed)',
      input: 'input',
      output: 'output',
      signatureTitle: 'shape_signature: -1 is only known at run time',
      signature: 'signature',
      activation: '(activation)',
      firstTensors: 'Showing the first {{shown}} of {{count}} tensors.',
    },
    histogram: {
      none: 'The file has no constant numeric tensors to plot.',
      caption: 'Values stored in one constant tensor',
      dequantized: ', dequantized to real numbers (scale × (q − zero point))',
      spikes: '. Quantized weights can only take a few values, so their histogram is made of spikes.',
      tensor: 'Tensor',
      stored: 'stored integers',
      range: '{{count}} values from {{min}} to {{max}}.',
      cannot: 'Cannot plot this tensor:',
      noReading: '{{type}} data has no numeric reading.',
      noFinite: 'the tensor has no finite values.',
    },
  },
  deploy: {
    title: '9. Ship it to a device',
    hint: "Arena: the tensor arena TFLite Micro's greedy planner needs for the activations. RAM adds an estimate of the interpreter's own allocations; flash is the model file (TFLite Micro's code is extra).",
    quantizeFirst: 'Quantize the model or inspect a file to check it for a device.',
    liveTensorsOf: 'Live tensors of',
    target: 'Target',
    targetOption: '{{name}} ({{ram}} KB RAM, {{flash}} flash)',
    custom: 'Custom…',
    ramKb: 'RAM (KB)',
    flashKb: 'Flash (KB)',
    colFile: 'File',
    colArena: 'Arena (bytes)',
    colRam: 'RAM with interpreter (est.)',
    colFlash: 'Flash (bytes)',
    colFits: 'On this target',
    colDownload: 'Download',
    yes: 'yes',
    no: 'no',
    edgeCpuOps: 'yes ({{ops}} on CPU)',
    edgeNo: 'no ({{n}} ops map)',
    fits: 'fits ({{kb}} RAM spare)',
    doesNotFit: 'does not fit ({{kb}})',
    cannotRun: 'cannot run',
    cSource: 'C source (.zip)',
    cSourceTitle: 'model_data.h, model_data.cc and main.cc for TFLite Micro',
    inputsStep: 'inputs',
    liveCaption:
      '{{mode}}: tensors live at each step (bytes, 16-byte aligned). The greedy plan needs {{arena}} bytes; the most live at once is {{peak}}.',
  },
  datasets: {
    label: 'Dataset',
    help: 'images to train on and test with',
    mnist: 'MNIST digits',
    fashion: 'Fashion-MNIST',
    loading: 'Loading {{name}}',
    loadingBytes: 'Loading {{name}} ({{loaded}} of {{total}} MB)',
    ready: '{{name}} loaded from this site: {{train}} training and {{test}} test images.',
    fetchedOnDemand:
      'Fashion-MNIST is not stored for offline use with the page: it is fetched from this site the first time you choose it (about 30 MB).',
    offline:
      'You are offline and Fashion-MNIST has not been fetched in this browser yet. Go online once and choose it again, or switch back to MNIST.',
    mismatch:
      'The stored model was trained on {{model}}, so it is not evaluated on {{current}}: its classes mean different things. Train a new model here, or switch the dataset back to {{model}} to keep working with it.',
    fashionClasses: {
      tshirt: 'T-shirt/top',
      trouser: 'Trouser',
      pullover: 'Pullover',
      dress: 'Dress',
      coat: 'Coat',
      sandal: 'Sandal',
      shirt: 'Shirt',
      sneaker: 'Sneaker',
      bag: 'Bag',
      ankleBoot: 'Ankle boot',
    },
  } satisfies Record<DatasetId, string> & Record<string, unknown>,
  explore: {
    title: 'Bit-width explorer: how few bits are enough?',
    intro:
      'Weights are rounded to a symmetric grid of 8 down to 2 bits, with one scale per output channel or one per tensor, and the whole model is run by the lab’s own integer path (simulation, not LiteRT.js) on the test set. Fewer bits mean a coarser grid: watch where each line falls off.',
    noModel: 'Train or import a model first.',
    activations: 'Activation bits',
    activations8: '8 (int8)',
    activations16: '16 (16x8)',
    testImages: 'Test images',
    run: 'Run the sweep',
    cancel: 'Cancel',
    progress: '{{done}} of {{total}} bit-widths measured',
    cancelled: 'Sweep cancelled; the points measured so far are kept.',
    failed: 'The sweep failed: {{message}}',
    chartCaption: 'Simulated accuracy against weight bits ({{activations}}-bit activations), one line per granularity.',
    bitsAxis: 'weight bits',
    accuracyAxis: 'accuracy',
    perChannel: 'per-channel',
    perTensor: 'per-tensor',
    histogramTitle: 'One layer’s weights on the {{bits}}-bit grid',
    histogramBits: 'Grid bits',
    granularity: 'Granularity',
    quantizedLabel: '{{bits}}-bit {{granularity}}',
    gridNote: 'The dashed lines are the {{levels}} levels of the per-tensor grid.',
    gridNotePerChannel: 'Per-channel: each output channel has its own grid, so no single set of levels is drawn.',
    pointTitle: '{{granularity}}, {{bits}} bits: {{accuracy}}',
  },
  repair: {
    title: 'The wizard’s repair proposals',
    intro:
      'Where a measured drop is larger than your tolerance, the wizard names the kind of drop and the algorithm that fixes it.',
    none: 'No measured mode loses more than your tolerance: nothing to repair.',
    tolerance: 'Accuracy drop you can accept (percentage points)',
    run: 'Try it',
    drop: '{{mode}} loses {{points}} points.',
    cle: 'Per-tensor weights on a depthwise layer: its channels have very different ranges, so one scale rounds the small ones to zero. Cross-layer equalization rescales the channels to match (Nagel et al. 2019).',
    biasCorrection:
      'The quantized layers shift their outputs on average (a systematic bias). Bias correction subtracts the shift measured on the calibration images.',
    adaround:
      'With {{bits}}-bit weights, rounding each weight to the nearest level loses too much. AdaRound learns, layer by layer, whether each weight rounds up or down (Nagel et al. 2020).',
    perChannel:
      'With {{bits}}-bit weights and one scale per tensor, the widest channel sets the grid for all. Give every output channel its own scale.',
    keepFloat:
      'One layer, {{layer}}, carries most of the error (the debugger found it). Keep it in float and quantize the rest.',
  },
  graph: {
    title: 'The model as a graph',
    intro:
      'Every op of the model, left to right, with the shape of the tensor on each edge. After the per-layer debugger has run, each node is shaded by its quantization error. Click a node (or focus it and press Enter) for its numbers.',
    source: 'Graph of',
    labModel: 'the lab’s model',
    inspected: 'inspected file {{name}}',
    noModel: 'Train or import a model, or inspect a .tflite file, to see its graph.',
    ariaLabel: 'Graph of {{name}}: {{count}} ops',
    legendNoErrors: 'Run the per-layer debugger to colour the nodes by their error.',
    legend: 'Shade: error relative to the output scale (light is small, dark red is large).',
    details: 'Node {{name}}',
    op: 'Op',
    output: 'Output shape',
    error: 'Error (RMSE / scale)',
    rmse: 'RMSE',
    noError: 'not measured yet',
    weights: 'Weights',
    weightStats: '{{count}} values, min {{min}}, max {{max}}, mean |w| {{meanAbs}}',
    noWeights: 'no weights',
    keepFloat: 'Keep in float',
    keepFloatHelp: 'The mixed-precision export quantizes everything else and leaves this op in float.',
    kept: 'Kept in float: {{names}}',
    export: 'Export mixed precision',
    exporting: 'Exporting…',
    fileWeights: '{{type}} {{shape}}, {{bytes}} bytes',
    inspectedOnly: 'Keep-in-float applies to the lab’s own model, not to inspected files.',
  },
  runs: {
    title: 'Runs kept in this browser',
    hint: 'Every training and every quantization is kept here with its settings, its numbers and its files, so you can reload the page, compare two runs, or take one to another computer as a zip.',
    empty: 'No runs yet: train a model or quantize one and it appears here.',
    kind_training: 'training',
    kind_quantization: 'quantization',
    kind_imported: 'imported',
    columns: {
      pick: 'Compare',
      name: 'Name',
      date: 'Date',
      model: 'Model',
      kind: 'Kind',
      floatAccuracy: 'Float accuracy',
      modes: 'Modes',
      smallest: 'Smallest file',
      actions: 'Actions',
    },
    pickLabel: 'Compare {{name}}',
    smallest: '{{mode}}: {{bytes}} B at {{accuracy}}',
    smallestAgreement: '{{mode}}: {{bytes}} B, top-1 agreement {{top1}}, output SNR {{snr}}',
    noLabels: 'no labels',
    identical: 'identical',
    none: '–',
    rename: 'Rename',
    renameLabel: 'New name for {{name}}',
    save: 'Save',
    cancel: 'Cancel',
    delete: 'Delete',
    export: 'Export zip',
    import: 'Import a run (.zip from “Download all” or “Export zip”)',
    storage: 'The runs hold {{runs}}; this site uses {{usage}} of the {{quota}} the browser allows.',
    storageRunsOnly: 'The runs hold {{runs}}.',
    pickTwo: 'Tick two runs to compare them side by side.',
    compare: {
      title: '{{a}} against {{b}}',
      metric: 'Mode',
      floatAccuracy: 'Float model accuracy',
      size: 'File size',
      accuracy: 'Accuracy (runtime)',
      latency: 'Latency median',
      chartTitle: 'Runtime accuracy per mode',
      missing: 'not in this run',
      agreement: '{{top1}} top-1 agreement',
    },
    importErrors: {
      notZip: 'This file is not a zip archive (or it is damaged). Nothing was imported.',
      noReport: 'This zip has no report.json, so it was not written by Quantization Lab. Nothing was imported.',
      notLabReport: 'The report.json in this zip is not a Quantization Lab report. Nothing was imported.',
      missingFile: 'report.json lists {{file}}, but the zip does not hold it. Nothing was imported.',
      notTflite: '{{file}} in this zip is not a .tflite file. Nothing was imported.',
      store: 'The browser could not read or save the runs: {{detail}}',
    },
  },
  tour: {
    start: 'Guided first run',
    dialogLabel: 'Guided tour',
    step: 'Step {{n}} of {{total}}',
    next: 'Next',
    back: 'Back',
    skip: 'Skip the tour',
    done: 'Finish',
    steps: {
      train: {
        title: 'Train a model',
        body: 'Press “Train” to teach a small CNN to read handwritten digits. One epoch takes under a minute. The test accuracy shown afterwards is the share of 10,000 unseen MNIST images it gets right: this float32 model is the reference every quantized file is measured against.',
      },
      quantize: {
        title: 'Quantize it',
        body: 'Press “Quantize, export and measure” to turn the model into .tflite files, one per mode: dynamic range quantization, full integer quantization (int8), float16 and others. In the table, “File size” is the model size on disk, “× float32” how much smaller it got, “Accuracy (runtime)” what the real TFLite runtime scores, “vs float” the change in percentage points, and “Latency” the time for one image.',
      },
      qat: {
        title: 'Quantization-aware training',
        body: 'When full integer quantization loses too much accuracy, QAT fine-tunes the model while simulating int8, so the weights learn to live with rounding. Compare its accuracy with plain int8 here.',
      },
      wizard: {
        title: 'Which mode should I use?',
        body: 'Answer a few questions about your device and how much accuracy you can give up, and the wizard recommends a mode from the numbers you just measured.',
      },
      draw: {
        title: 'Try it on your own digit',
        body: 'Draw a digit and every exported file classifies it in the TFLite runtime, so you can see where a quantized model and the float model disagree.',
      },
      runs: {
        title: 'Keep and compare runs',
        body: 'Each run is kept in this browser. Tick two to compare them side by side, export one as a zip, or import a zip back.',
      },
    },
  },
  keyboard: {
    drawHint:
      'With a keyboard: Tab to the drawing area, draw with the arrow keys (Shift and an arrow moves the pen without ink), then press Enter to classify the digit.',
  },
};

/** The shape every language's table has: the English table's keys, each a string. */
export type Messages = DeepStrings<typeof en>;

type DeepStrings<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends string | undefined ? T[K] : DeepStrings<T[K]>;
};
