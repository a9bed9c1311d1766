/**
 * Models trained on raw pixels. Many MNIST models from the wild were trained on [0, 255] values with no
 * Rescaling layer, while the lab feeds every model [0, 1] pixels. Such a model is made to read [0, 1]
 * by folding the ×255 into its first weighted layer (conv2d, depthwise or dense: linear in its input),
 * reached through layers that commute with a positive scale (flatten, reshape, pooling, zero padding).
 * The folded model computes the same function of the image, and every stage after the import (graph,
 * calibration, quantization, the written file) sees an ordinary [0, 1] model.
 */
import {
  ARCH_INPUT,
  graphLayerName,
  hasWeights,
  layerInputs,
  tfjsLayerName,
  type LayerType,
  type ModelArchitecture,
} from '../model/architecture';
import type { ImportedModel } from './keras-to-model';

/**
 * How an MNIST-shaped import reads pixels: 'auto' tries raw [0, 255] pixels when [0, 1] ones score near
 * chance (imported-model.ts), '0-1' and '0-255' are the user's choice.
 */
export const PIXEL_CHOICES = ['auto', '0-1', '0-255'] as const;
export type PixelChoice = (typeof PIXEL_CHOICES)[number];

/** The scale a raw-pixel model's input has against the lab's [0, 1] pixels. */
export const RAW_PIXEL_SCALE = 255;

/** Layers between the input and the first weighted one that a positive scale passes through unchanged. */
const SCALE_COMMUTING: ReadonlySet<LayerType> = new Set([
  'flatten',
  'reshape',
  'maxPool2d',
  'avgPool2d',
  'zeroPadding2d',
]);

/**
 * Where the input scale folds: `index`, the first weighted layer, when the input reaches it (and only
 * it) through scale-commuting single-input layers; otherwise `stop`, the layer type the walk from the
 * input stopped at ('input' when the input, or a layer on the way, feeds several layers).
 */
export function rawPixelFoldLayer(arch: ModelArchitecture): { index: number } | { stop: string } {
  let current = ARCH_INPUT;
  for (;;) {
    const readers = arch.layers.flatMap((_, i) => (layerInputs(arch, i).includes(current) ? [i] : []));
    if (readers.length !== 1) return { stop: 'input' };
    const i = readers[0]!;
    const layer = arch.layers[i]!;
    if (layerInputs(arch, i).length !== 1) return { stop: layer.type };
    if (hasWeights(layer)) return { index: i };
    if (!SCALE_COMMUTING.has(layer.type)) return { stop: layer.type };
    current = graphLayerName(layer, i);
  }
}

/**
 * `imported` made to read [0, 1] pixels when it was trained on [0, 255] ones: its first weighted layer's
 * kernel times 255 (the bias unchanged), and `source.input_range` '0-255'. `stop` when the scale cannot
 * be folded (see {@link rawPixelFoldLayer}).
 */
export function foldRawPixels(imported: ImportedModel): { model: ImportedModel } | { stop: string } {
  const at = rawPixelFoldLayer(imported.architecture);
  if ('stop' in at) return at;
  const spec = imported.architecture.layers[at.index]!;
  const kernel = `${tfjsLayerName(spec, at.index)}/${spec.type === 'depthwiseConv2d' ? 'depthwise_kernel' : 'kernel'}`;
  if (!imported.weights.some((w) => w.name === kernel)) return { stop: spec.type };
  const weights = imported.weights.map((w) =>
    w.name === kernel ? { ...w, values: Float32Array.from(w.values, (v) => v * RAW_PIXEL_SCALE) } : w,
  );
  return { model: { ...imported, weights, source: { ...imported.source, input_range: '0-255' } } };
}
