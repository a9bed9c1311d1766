/**
 * Model presets as data. Every preset takes [N, 28, 28, 1] images scaled to [0, 1] and ends in a
 * 10-way softmax. The TF tutorial's `Reshape((28, 28, 1))` layer is folded into the input shape: it
 * does not change the NHWC memory layout, so the graphs are identical apart from that no-op.
 */

export type LayerActivation = 'linear' | 'relu' | 'relu6' | 'softmax';

export type LayerSpec =
  | {
      type: 'conv2d';
      filters: number;
      kernel: number;
      strides: number;
      padding: 'same' | 'valid';
      activation: LayerActivation;
    }
  | {
      type: 'depthwiseConv2d';
      kernel: number;
      strides: number;
      padding: 'same' | 'valid';
      depthMultiplier: number;
      activation: LayerActivation;
    }
  | { type: 'maxPool2d'; pool: number; strides: number }
  | { type: 'avgPool2d'; pool: number; strides: number }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; activation: LayerActivation };

export type PresetId = 'tutorial' | 'deep' | 'separable';

export interface ModelPreset {
  id: PresetId;
  name: string;
  /** Learner-facing one-liner on why this preset is interesting for quantization. */
  blurb: string;
  layers: LayerSpec[];
}

export const INPUT_SHAPE = [28, 28, 1] as const;

export const PRESETS: Record<PresetId, ModelPreset> = {
  tutorial: {
    id: 'tutorial',
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
  let [h, w, c] = INPUT_SHAPE as unknown as number[];
  let params = 0;
  const shapes: number[][] = [];
  const out = (size: number, k: number, s: number, pad: 'same' | 'valid') =>
    pad === 'same' ? Math.ceil(size / s) : Math.floor((size - k) / s) + 1;
  for (const l of preset.layers) {
    switch (l.type) {
      case 'conv2d':
        params += l.kernel * l.kernel * c * l.filters + l.filters;
        h = out(h, l.kernel, l.strides, l.padding);
        w = out(w, l.kernel, l.strides, l.padding);
        c = l.filters;
        break;
      case 'depthwiseConv2d':
        params += l.kernel * l.kernel * c * l.depthMultiplier + c * l.depthMultiplier;
        h = out(h, l.kernel, l.strides, l.padding);
        w = out(w, l.kernel, l.strides, l.padding);
        c = c * l.depthMultiplier;
        break;
      case 'maxPool2d':
      case 'avgPool2d':
        h = out(h, l.pool, l.strides, 'valid');
        w = out(w, l.pool, l.strides, 'valid');
        break;
      case 'flatten':
        c = h * w * c;
        h = 1;
        w = 1;
        break;
      case 'dense':
        params += c * l.units + l.units;
        c = l.units;
        break;
    }
    shapes.push(l.type === 'flatten' || l.type === 'dense' ? [c] : [h, w, c]);
  }
  return { shapes, params, float32Bytes: params * 4 };
}
