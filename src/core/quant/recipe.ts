/**
 * The quantization recipe: data only (serializable, travels with the artifact). Mode names are the CLI's.
 */

export type QuantMode = 'float32' | 'dynamic' | 'int8' | 'int8-io' | 'float16' | 'int16x8';

export const QUANT_MODES: readonly QuantMode[] = ['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8'];

export type CalibrationMethod = 'minmax' | 'percentile' | 'mse';

export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ['minmax', 'percentile', 'mse'];

export interface QuantRecipe {
  mode: QuantMode;
  /** Per-channel int8 weights for CONV_2D (dim 0) and DEPTHWISE_CONV_2D (dim 3). */
  perChannel: boolean;
  /** Per-channel FULLY_CONNECTED weights (dim 0); off by default for the widest runtime support. */
  fcPerChannel: boolean;
  /** Dynamic range: weight tensors with fewer elements stay float, as TF's converter does. */
  dynamicMinElements: number;
  /** Representative images used to calibrate activation ranges (int8, int8-io, int16x8). */
  calibrationSamples: number;
  calibrationMethod: CalibrationMethod;
  /** Percentile kept on each side for 'percentile' calibration, e.g. 99.99. */
  percentile: number;
  /**
   * Selective quantization: op output tensor names (or op indices as strings) whose ops stay float,
   * with DEQUANTIZE / QUANTIZE around them. Empty or absent: quantize everything the mode covers.
   */
  keepFloat?: string[];
}

export const DEFAULT_RECIPE: QuantRecipe = {
  mode: 'int8',
  perChannel: true,
  fcPerChannel: false,
  dynamicMinElements: 1024,
  calibrationSamples: 100,
  calibrationMethod: 'minmax',
  percentile: 99.99,
};

/** Modes that need representative data to calibrate activations. */
export function needsCalibration(mode: QuantMode): boolean {
  return mode === 'int8' || mode === 'int8-io' || mode === 'int16x8';
}

export function isQuantMode(s: string): s is QuantMode {
  return (QUANT_MODES as readonly string[]).includes(s);
}

/** Learner-facing description of each mode. */
export const MODE_INFO: Record<QuantMode, { title: string; description: string }> = {
  float32: {
    title: 'Float32 (no quantization)',
    description: 'The baseline: every weight and activation is a 32-bit float. Largest file, reference accuracy.',
  },
  dynamic: {
    title: 'Dynamic range',
    description:
      'Weights are stored as int8 (about 4x smaller); activations stay float and are quantized on the fly inside ' +
      'conv and dense layers. No representative data needed. Small weight tensors (under 1,024 values) stay float.',
  },
  int8: {
    title: 'Full integer (int8, float I/O)',
    description:
      'Weights and activations are int8, with activation ranges measured on representative images. The model ' +
      'takes and returns floats: a QUANTIZE op at the input and a DEQUANTIZE op at the output convert them.',
  },
  'int8-io': {
    title: 'Full integer (int8 input and output)',
    description:
      'Like full integer, but the model takes int8 pixels and returns int8 scores: what microcontrollers and ' +
      'integer-only accelerators (Edge TPU) need. The caller quantizes inputs with the input scale and zero point.',
  },
  float16: {
    title: 'Float16',
    description:
      'Weights and biases are stored as 16-bit floats (about 2x smaller) and expanded to float32 when the model ' +
      'loads; GPUs can compute in float16 directly. Accuracy is essentially unchanged.',
  },
  int16x8: {
    title: '16x8 (int16 activations, int8 weights)',
    description:
      'Activations are int16 and weights int8: much finer activation steps than int8 for a similar file size, at ' +
      'the cost of slower kernels (most accelerators do not support it).',
  },
};
