import type { QuantMode } from '../modes/lab-modes';
import { defaultsOf, type FieldGroup } from '../settings/fields';

/**
 * The quantization recipe: data only (serializable, travels with the artifact). Mode names are the CLI's.
 */

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
  /** Bits of the symmetric weight grid (8: int8; 4: TFLite INT4; 2..7 simulated or stored in int8). */
  weightBits: number;
  /** Cross-layer equalization before quantizing (Nagel et al. 2019). */
  crossLayerEqualization: boolean;
  /** Empirical bias correction on the calibration images (Nagel et al. 2019, section 4.2). */
  biasCorrection: boolean;
  /** AdaRound: learned up/down rounding per layer on the calibration images (Nagel et al. 2020). */
  adaround: boolean;
  /**
   * Selective quantization: op output tensor names (or op indices as strings) whose ops stay float,
   * with DEQUANTIZE / QUANTIZE around them. Empty or absent: quantize everything the mode covers.
   */
  keepFloat?: string[];
}

/** The recipe's settings (all but the mode and the keep-float list), declared once for the form, URL and CLI. */
export type RecipeSettings = Omit<QuantRecipe, 'mode' | 'keepFloat'>;

export const RECIPE_FIELDS: FieldGroup<RecipeSettings> = {
  calibrationSamples: {
    kind: 'integer',
    label: 'Calibration images',
    help: 'representative training images that calibrate activation ranges',
    min: 1,
    max: 60000,
    default: 100,
    cli: 'calibration',
    url: 'cal',
  },
  calibrationMethod: {
    kind: 'choice',
    label: 'Range method',
    help: 'how a calibrated range is chosen from the observed values',
    options: CALIBRATION_METHODS,
    optionLabels: {
      minmax: 'min/max (what TF’s converter does)',
      percentile: 'percentile (clip rare outliers)',
      mse: 'MSE-optimal (minimise rounding + clipping error)',
    },
    default: 'minmax',
    cli: 'calibration-method',
    url: 'calm',
  },
  percentile: {
    kind: 'number',
    label: 'Percentile',
    help: "percentile kept on each side for 'percentile' calibration",
    min: 50,
    minExclusive: true,
    max: 100,
    step: 0.001,
    default: 99.99,
    cli: 'percentile',
    url: 'pct',
  },
  perChannel: {
    kind: 'boolean',
    label: 'Per-channel conv weights',
    help: 'one int8 scale per output channel of CONV_2D and DEPTHWISE_CONV_2D',
    default: true,
    cli: 'per-channel',
    url: 'pc',
  },
  fcPerChannel: {
    kind: 'boolean',
    label: 'Per-channel dense weights',
    help: 'one scale per FULLY_CONNECTED output unit (needs TFLite 2.17+ for the hybrid kernel)',
    default: false,
    cli: 'fc-per-channel',
    url: 'fcpc',
  },
  weightBits: {
    kind: 'integer',
    label: 'Weight bits',
    help: 'bits of the symmetric weight grid: 8 is int8, 4 is TFLite INT4, fewer are simulated',
    min: 2,
    max: 8,
    default: 8,
    cli: 'weight-bits',
    url: 'wb',
  },
  crossLayerEqualization: {
    kind: 'boolean',
    label: 'Cross-layer equalization',
    help: 'rescale conv -> ReLU -> conv pairs so their per-channel weight ranges match (Nagel et al. 2019)',
    default: false,
    cli: 'cle',
    url: 'cle',
  },
  biasCorrection: {
    kind: 'boolean',
    label: 'Bias correction',
    help: 'subtract the mean output shift each quantized layer adds, measured on the calibration images',
    default: false,
    cli: 'bias-correction',
    url: 'bc',
  },
  adaround: {
    kind: 'boolean',
    label: 'AdaRound',
    help: 'learn per layer whether each weight rounds up or down, on the calibration images (Nagel et al. 2020)',
    default: false,
    cli: 'adaround',
    url: 'ar',
  },
  dynamicMinElements: {
    kind: 'integer',
    label: 'Dynamic range: keep float below',
    help: 'weight tensors with fewer values stay float in dynamic-range mode, as TF’s converter does',
    min: 0,
    max: 1_000_000_000,
    default: 1024,
    cli: 'dynamic-min-elements',
    url: 'dynmin',
  },
};

export const DEFAULT_RECIPE: QuantRecipe = { mode: 'int8', ...defaultsOf(RECIPE_FIELDS) };
