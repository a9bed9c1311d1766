/**
 * A model's architecture as data: an input shape and a list of layers in execution order. A plain
 * chain (Sequential) leaves `inputs` out; a functional DAG names each layer's inputs (earlier layer
 * names, or {@link ARCH_INPUT}). Presets are architectures; an imported model is another one. The
 * architecture is serializable (IndexedDB, workers, JSON), and every stage reads the model from it.
 */

export type LayerActivation = 'linear' | 'relu' | 'relu6' | 'softmax';

/**
 * Activations that TFLite has no fused form for: each is its own layer (and op). swish is x * sigmoid(x)
 * (LOGISTIC then MUL, as TF's converter writes it); hardSwish x * relu6(x + 3) / 6; leakyRelu max(x, alpha x).
 */
export type PointwiseActivation = 'sigmoid' | 'tanh' | 'swish' | 'hardSwish' | 'leakyRelu';

export const POINTWISE_ACTIVATIONS: readonly PointwiseActivation[] = [
  'sigmoid',
  'tanh',
  'swish',
  'hardSwish',
  'leakyRelu',
];

interface LayerBase {
  /** Layer name (graph tensor names and TF.js weight names derive from it); default `${type}_${index}`. */
  name?: string;
  /** Names of the layers feeding this one (functional models); default: the previous layer. */
  inputs?: string[];
}

export type LayerSpec = LayerBase &
  (
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
    | { type: 'reshape'; targetShape: number[] }
    | { type: 'dense'; units: number; activation: LayerActivation }
    /** Elementwise sum of two same-shape inputs (`inputs` names both), with a fused relu/relu6. */
    | { type: 'add'; activation: LayerActivation }
    /** a - b and a * b of two same-shape inputs (`inputs` names both). */
    | { type: 'subtract' }
    | { type: 'multiply' }
    /** Concatenation of its inputs along the channel (last) axis. */
    | { type: 'concatenate' }
    /** Mean over H and W: [h, w, c] -> [c] ([1, 1, c] with keepDims). */
    | { type: 'globalAvgPool2d'; keepDims: boolean }
    /** Zeros around H and W: [top, bottom, left, right]. */
    | { type: 'zeroPadding2d'; padding: [number, number, number, number] }
    /** A pointwise activation; `alpha` is leakyRelu's negative slope. */
    | { type: 'activation'; activation: PointwiseActivation; alpha?: number }
  );

export type LayerType = LayerSpec['type'];

/** Where an imported model came from (report.json `source`). */
export interface ModelSource {
  kind: 'keras-h5' | 'keras' | 'tfjs' | 'tflite';
  /** File name as the user gave it (no directory). */
  file: string;
  /**
   * '0-255': the model was trained on raw pixels; the lab folded ×255 into its first weighted layer
   * (src/core/import/raw-pixels.ts), so it reads [0, 1] like every other model. Absent: it reads [0, 1]
   * (a Rescaling(1/255) at its input included). Snake case: report.json's `source` is this object.
   */
  input_range?: '0-255';
}

export interface ModelArchitecture {
  /** Preset id, or "imported". */
  id: string;
  name: string;
  /** One image, [h, w, c] (NHWC without the batch). */
  inputShape: readonly number[];
  layers: LayerSpec[];
}

/** The name the first layer's input goes by in `inputs`. */
export const ARCH_INPUT = 'input';

/** Layers with a kernel and a bias (in that order) in the weight list. */
export function hasWeights(l: LayerSpec): l is Extract<LayerSpec, { type: 'conv2d' | 'depthwiseConv2d' | 'dense' }> {
  return l.type === 'conv2d' || l.type === 'depthwiseConv2d' || l.type === 'dense';
}

/** Layers reading two or more inputs. */
export const MULTI_INPUT_TYPES: ReadonlySet<LayerType> = new Set(['add', 'subtract', 'multiply', 'concatenate']);

/**
 * Layers whose output carries its own calibrated quantization params in the int8 graph: weighted layers,
 * the binary and concatenation layers, the global mean, and the activations without fixed output params.
 */
export function hasOwnOutputParams(l: LayerSpec): boolean {
  if (hasWeights(l) || MULTI_INPUT_TYPES.has(l.type) || l.type === 'globalAvgPool2d') return true;
  return l.type === 'activation' && l.activation !== 'sigmoid' && l.activation !== 'tanh';
}

/** The layer's name in TF.js (weight names `${name}/kernel`). */
export function tfjsLayerName(l: LayerSpec, index: number): string {
  return l.name ?? `${l.type}_${index}`;
}

/** The layer's name in the graph (tensor names `${name}/w`, `${name}/out`). */
export function graphLayerName(l: LayerSpec, index: number): string {
  return l.name ?? `${l.type.toLowerCase()}_${index}`;
}

/** Names of the layers (or {@link ARCH_INPUT}) feeding layer `index`. */
export function layerInputs(arch: ModelArchitecture, index: number): string[] {
  const l = arch.layers[index];
  if (l.inputs) return l.inputs;
  return [index === 0 ? ARCH_INPUT : graphLayerName(arch.layers[index - 1], index - 1)];
}

/** True when every layer reads only its predecessor (a TF.js Sequential suffices). */
export function isChain(arch: ModelArchitecture): boolean {
  return arch.layers.every((_, i) => {
    const ins = layerInputs(arch, i);
    return ins.length === 1 && ins[0] === (i === 0 ? ARCH_INPUT : graphLayerName(arch.layers[i - 1], i - 1));
  });
}
