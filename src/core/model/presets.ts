/**
 * Model presets as data. Every preset takes [N, 28, 28, 1] images scaled to [0, 1] and ends in a
 * 10-way softmax. The TF tutorial's `Reshape((28, 28, 1))` layer is folded into the input shape: it
 * does not change the NHWC memory layout, so the graphs are identical apart from that no-op.
 */

import type { LayerSpec, ModelArchitecture } from './architecture';
import { describeArchitecture } from './layer-shapes';

export type { LayerActivation, LayerSpec } from './architecture';

export type PresetId = 'tutorial' | 'deep' | 'separable';

/** A preset is an architecture with an id and a learner-facing blurb. */
export interface ModelPreset extends ModelArchitecture {
  id: PresetId;
  /** Learner-facing one-liner on why this preset is interesting for quantization. */
  blurb: string;
  layers: LayerSpec[];
}

/** MNIST images as every preset takes them: [28, 28, 1]. */
export const INPUT_SHAPE = [28, 28, 1] as const;

export const PRESETS: Record<PresetId, ModelPreset> = {
  tutorial: {
    id: 'tutorial',
    inputShape: INPUT_SHAPE,
    name: 'TF tutorial CNN',
    blurb:
      'The TensorFlow post-training quantization tutorial model: one 3x3 conv with 12 filters, max pool, dense. 20,410 parameters.',
    layers: [
      { type: 'conv2d', filters: 12, kernel: 3, strides: 1, padding: 'valid', activation: 'relu' },
      { type: 'maxPool2d', pool: 2, strides: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  deep: {
    id: 'deep',
    inputShape: INPUT_SHAPE,
    name: 'Deeper CNN (two conv blocks)',
    blurb: 'Two conv-conv-pool blocks: errors from quantizing each layer add up through the depth.',
    layers: [
      { type: 'conv2d', filters: 16, kernel: 3, strides: 1, padding: 'same', activation: 'relu' },
      { type: 'conv2d', filters: 16, kernel: 3, strides: 1, padding: 'same', activation: 'relu' },
      { type: 'maxPool2d', pool: 2, strides: 2 },
      { type: 'conv2d', filters: 32, kernel: 3, strides: 1, padding: 'same', activation: 'relu' },
      { type: 'conv2d', filters: 32, kernel: 3, strides: 1, padding: 'same', activation: 'relu' },
      { type: 'maxPool2d', pool: 2, strides: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  separable: {
    id: 'separable',
    inputShape: INPUT_SHAPE,
    name: 'Depthwise-separable (MobileNet-style)',
    blurb:
      'Depthwise + pointwise convs with ReLU6, as in MobileNet: depthwise filters have few weights per channel, so per-channel scales matter.',
    layers: [
      { type: 'conv2d', filters: 16, kernel: 3, strides: 2, padding: 'same', activation: 'relu6' },
      { type: 'depthwiseConv2d', kernel: 3, strides: 1, padding: 'same', depthMultiplier: 1, activation: 'relu6' },
      { type: 'conv2d', filters: 32, kernel: 1, strides: 1, padding: 'same', activation: 'relu6' },
      { type: 'depthwiseConv2d', kernel: 3, strides: 2, padding: 'same', depthMultiplier: 1, activation: 'relu6' },
      { type: 'conv2d', filters: 32, kernel: 1, strides: 1, padding: 'same', activation: 'relu6' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export function isPresetId(s: string): s is PresetId {
  return (PRESET_IDS as string[]).includes(s);
}

/** Output shape [h, w, c] after each layer, and trainable parameter count, computed from the spec alone. */
export function describePreset(preset: ModelPreset): { shapes: number[][]; params: number; float32Bytes: number } {
  return describeArchitecture(preset);
}
