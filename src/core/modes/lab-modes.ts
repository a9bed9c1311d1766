/**
 * The lab's modes, declared once: every list of modes (CLI `--modes`, the quantize form, the wizard's
 * leaves, the debugger's choices, report.json's `mode`) is derived from this table. Adding a mode is
 * one entry here plus its conversion.
 */

interface ModeDeclaration {
  /** 'ptq' modes are one post-training conversion of the trained model; 'qat' fine-tunes first. */
  kind: 'ptq' | 'qat';
  title: string;
  /** Learner-facing description. */
  description: string;
  /** Needs representative images to calibrate activation ranges. */
  calibrates: boolean;
  /** Has quantized ops whose per-layer error the debugger can measure. */
  layerDebug: boolean;
  /** Ops can be kept in float (selective quantization) with QUANTIZE/DEQUANTIZE around them. */
  keepFloat: boolean;
  /** Part of a default run (the CLI without --modes, the quantize form's initial choice). */
  byDefault: boolean;
  /**
   * Conv and dense weights stored as TFLite INT4 (TensorType 17): at most 4 bits (recipe.weightBits below 4 is
   * kept). LiteRT.js 2.5.3 runs such CONV_2D and FULLY_CONNECTED weights, hybrid and with int8 activations
   * (src/runtime/litert-int4.test.ts); depthwise weights stay int8 storage holding 4-bit values.
   */
  int4Weights?: boolean;
  /**
   * LiteRT.js runs the file on slow kernels, not XNNPACK's: TFLite's reference kernels for 16x8 (XNNPACK has no
   * int16 activations) and its portable ones for int4 weights. Measured in Node on the 224x224x3 MobileNet of
   * bench/mobilenet-fixture.ts: 16x8 0.9 s an image, int4 2.3 s, dynamic int4 1.5 s, against 0.03 s for int8
   * and 0.1 s for dynamic range (int8 weights: XNNPACK's hybrid kernels, as fast as float32). Runs on images
   * without labels score such a mode on a bounded subset (src/core/pipeline/runtime-subset.ts).
   */
  slowKernels?: boolean;
  /**
   * LiteRT.js runs the file on XNNPACK's float kernels, which ran slower on two threads than on one in the
   * MobileNet bench (224x224x3, 100 images, same page and build, shared 2-core machine at load 9-13): float32
   * 29.3 s on one thread against 43.6 s on two, float16 26.1 s against 28.2 s, while int8 (18.3 -> 13.7 s) and
   * dynamic range (56.4 -> 32.7 s) ran faster on two. A threaded runtime compiles such a file on one thread.
   */
  floatKernels?: boolean;
}

export const LAB_MODES = {
  float32: {
    kind: 'ptq',
    title: 'Float32 (no quantization)',
    description: 'The baseline: every weight and activation is a 32-bit float. Largest file, reference accuracy.',
    calibrates: false,
    layerDebug: false,
    keepFloat: false,
    byDefault: true,
    floatKernels: true,
  },
  dynamic: {
    kind: 'ptq',
    title: 'Dynamic range',
    description:
      'Weights are stored as int8 (about 4x smaller); activations stay float and are quantized on the fly inside ' +
      'conv and dense layers. No representative data needed. Small weight tensors (under 1,024 values) stay float.',
    calibrates: false,
    layerDebug: true,
    keepFloat: false,
    byDefault: true,
  },
  int8: {
    kind: 'ptq',
    title: 'Full integer (int8, float I/O)',
    description:
      'Weights and activations are int8, with activation ranges measured on representative images. The model ' +
      'takes and returns floats: a QUANTIZE op at the input and a DEQUANTIZE op at the output convert them.',
    calibrates: true,
    layerDebug: true,
    keepFloat: true,
    byDefault: true,
  },
  'int8-io': {
    kind: 'ptq',
    title: 'Full integer (int8 input and output)',
    description:
      'Like full integer, but the model takes int8 pixels and returns int8 scores: what microcontrollers and ' +
      'integer-only accelerators (Edge TPU) need. The caller quantizes inputs with the input scale and zero point.',
    calibrates: true,
    layerDebug: true,
    keepFloat: true,
    byDefault: true,
  },
  float16: {
    kind: 'ptq',
    title: 'Float16',
    description:
      'Weights and biases are stored as 16-bit floats (about 2x smaller) and expanded to float32 when the model ' +
      'loads; GPUs can compute in float16 directly. Accuracy is essentially unchanged.',
    calibrates: false,
    layerDebug: false,
    keepFloat: false,
    byDefault: true,
    floatKernels: true,
  },
  int16x8: {
    kind: 'ptq',
    title: '16x8 (int16 activations, int8 weights)',
    description:
      'Activations are int16 and weights int8: much finer activation steps than int8 for a similar file size, at ' +
      'the cost of slower kernels (most accelerators do not support it).',
    calibrates: true,
    layerDebug: true,
    keepFloat: true,
    byDefault: true,
    slowKernels: true,
  },
  'dynamic-int4': {
    kind: 'ptq',
    title: 'Dynamic range, int4 weights',
    description:
      'Weights are stored as 4-bit integers, two to a byte (about 8x smaller than float), with one scale per ' +
      'channel or tensor; activations stay float. Only 15 levels per scale: the error shows, most on hard data.',
    calibrates: false,
    layerDebug: true,
    keepFloat: false,
    byDefault: false,
    int4Weights: true,
    slowKernels: true,
  },
  int4: {
    kind: 'ptq',
    title: 'Full integer, int4 weights (int8 activations)',
    description:
      'Like full integer int8, but conv and dense weights are 4-bit (TFLite INT4, two values a byte). Activations ' +
      'stay int8, calibrated on representative images. The 4-bit rounding error is where algorithms such as ' +
      'AdaRound and bias correction earn their keep.',
    calibrates: true,
    layerDebug: true,
    keepFloat: true,
    byDefault: false,
    int4Weights: true,
    slowKernels: true,
  },
  qat: {
    kind: 'qat',
    title: 'Quantization-aware training (int8)',
    description:
      'Fine-tunes the trained model with fake quantization (straight-through gradients, moving-average ranges), ' +
      'then exports full int8 with float I/O and the learned ranges.',
    calibrates: false,
    layerDebug: false,
    keepFloat: false,
    byDefault: false,
  },
} as const satisfies Record<string, ModeDeclaration>;

/** Every mode name: the CLI's `--modes`, report.json's `mode`, the wizard's leaves. */
export type LabMode = keyof typeof LAB_MODES;

/** Modes made by one post-training conversion (the recipe's `mode`). */
export type QuantMode = { [K in LabMode]: (typeof LAB_MODES)[K]['kind'] extends 'ptq' ? K : never }[LabMode];

/** All mode names, in the table's order. */
export const LAB_MODE_IDS = Object.keys(LAB_MODES) as LabMode[];

/** The post-training modes, in the table's order. */
export const QUANT_MODES = LAB_MODE_IDS.filter((m): m is QuantMode => LAB_MODES[m].kind === 'ptq');

/** The modes of a default run. */
export const DEFAULT_MODES = LAB_MODE_IDS.filter((m) => LAB_MODES[m].byDefault);

/** The post-training modes of a default run (the quantize form's initial choice). */
export const DEFAULT_QUANT_MODES = QUANT_MODES.filter((m) => LAB_MODES[m].byDefault);

/** Post-training modes with per-layer errors to debug. */
export const LAYER_DEBUG_MODES = QUANT_MODES.filter((m) => LAB_MODES[m].layerDebug);

export function isLabMode(s: string): s is LabMode {
  return Object.hasOwn(LAB_MODES, s);
}

export function isQuantMode(s: string): s is QuantMode {
  return isLabMode(s) && LAB_MODES[s].kind === 'ptq';
}

/** Modes that need representative data to calibrate activations. */
export function needsCalibration(mode: LabMode): boolean {
  return LAB_MODES[mode].calibrates;
}

/** Whether the mode stores conv and dense weights as TFLite INT4. */
export function storesInt4Weights(mode: LabMode): boolean {
  const m: ModeDeclaration = LAB_MODES[mode];
  return m.int4Weights === true;
}

/** Whether ops can be kept in float under this mode (selective quantization). */
export function supportsKeepFloat(mode: LabMode): boolean {
  return LAB_MODES[mode].keepFloat;
}

/** Whether LiteRT.js runs `mode` on kernels much slower than XNNPACK's (see ModeDeclaration.slowKernels). */
export function runsOnSlowKernels(mode: LabMode): boolean {
  return (LAB_MODES[mode] as ModeDeclaration).slowKernels === true;
}

/**
 * At most how many XNNPACK threads LiteRT.js should compile `mode`'s file with (see ModeDeclaration.floatKernels),
 * or undefined for as many as the runtime has.
 */
export function runtimeThreadLimit(mode: LabMode): number | undefined {
  return (LAB_MODES[mode] as ModeDeclaration).floatKernels === true ? 1 : undefined;
}
