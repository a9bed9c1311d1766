/**
 * The table of Keras layer classes the lab imports, each translated to lab layers (or to a fused
 * activation, a folded BatchNormalization, or nothing). Anything else is refused with a sentence
 * that names the layer and lists this table.
 */

import type { LayerActivation, LayerSpec } from '../model/architecture';
import { foldBatchNorm, pickWeights, zeroBias, type Role } from './keras-weights';
import type { KerasNode } from './keras-nodes';
import { ModelImportError, type RawWeight } from './model-file';

/** A lab layer with its weights in Keras (= TF.js) layouts. */
export interface ImportedLayer {
  spec: LayerSpec;
  kernel?: RawWeight;
  bias?: RawWeight;
}

export type Translation =
  | { kind: 'layers'; layers: ImportedLayer[] }
  | { kind: 'identity' }
  | { kind: 'activation'; activation: LayerActivation }
  | { kind: 'batchNorm'; fold: (l: ImportedLayer) => ImportedLayer };

export interface TranslateContext {
  node: KerasNode;
  /** Shape of the node's (first) input, without the batch. */
  inputShape: number[];
  /** Shapes of all its inputs (several for Add). */
  inputShapes: number[][];
  /** True when the node reads the model input directly. */
  atInput: boolean;
  weights: RawWeight[] | undefined;
}

type Translate = (ctx: TranslateContext) => Translation;

const fail = (ctx: TranslateContext, what: string): never => {
  throw new ModelImportError(`Layer ${ctx.node.name} (${ctx.node.className}): ${what}.`);
};

/** A Keras int or [int, int] option as one number (the lab's windows are square). */
function square(ctx: TranslateContext, key: string, fallback?: number): number {
  const v = ctx.node.config[key] ?? fallback;
  const [a, b] = Array.isArray(v) ? v : [v, v];
  if (typeof a !== 'number' || a !== b)
    fail(ctx, `${key} ${JSON.stringify(v)} is not square, the lab supports square windows`);
  return a as number;
}

function activationOf(ctx: TranslateContext, value: unknown): LayerActivation {
  const a = value ?? 'linear';
  if (a === 'linear' || a === 'relu' || a === 'relu6' || a === 'softmax') return a;
  return fail(ctx, `activation ${JSON.stringify(a)} is not supported (linear, relu, relu6, softmax are)`);
}

function checkConv(ctx: TranslateContext): 'same' | 'valid' {
  const c = ctx.node.config;
  if (c.data_format && c.data_format !== 'channels_last') fail(ctx, 'only channels_last is supported');
  if (square(ctx, 'dilation_rate', 1) !== 1) fail(ctx, 'dilated convolutions are not supported');
  if ((c.groups ?? 1) !== 1) fail(ctx, 'grouped convolutions are not supported');
  if (c.padding !== 'same' && c.padding !== 'valid') fail(ctx, `padding ${String(c.padding)} is not supported`);
  return c.padding as 'same' | 'valid';
}

const KERNEL: Role = ['kernel'];
const BIAS: Role = ['bias'];
const DEPTHWISE: Role = ['depthwise_kernel', 'kernel'];

function weighted(ctx: TranslateContext, roles: Role[], channels: number): RawWeight[] {
  const useBias = ctx.node.config.use_bias !== false;
  const got = pickWeights(ctx.node.name, ctx.weights, useBias ? [...roles, BIAS] : roles);
  return useBias ? got : [...got, zeroBias(ctx.node.name, channels)];
}

const conv2d: Translate = (ctx) => {
  const padding = checkConv(ctx);
  const filters = Number(ctx.node.config.filters);
  const activation = activationOf(ctx, ctx.node.config.activation);
  const [kernel, bias] = weighted(ctx, [KERNEL], filters);
  const spec: LayerSpec = {
    type: 'conv2d',
    name: ctx.node.name,
    filters,
    kernel: square(ctx, 'kernel_size'),
    strides: square(ctx, 'strides', 1),
    padding,
    activation,
  };
  return { kind: 'layers', layers: [{ spec, kernel, bias }] };
};

function depthwiseSpec(ctx: TranslateContext, name: string, activation: LayerActivation): LayerSpec {
  return {
    type: 'depthwiseConv2d',
    name,
    kernel: square(ctx, 'kernel_size'),
    strides: square(ctx, 'strides', 1),
    padding: checkConv(ctx),
    depthMultiplier: Number(ctx.node.config.depth_multiplier ?? 1),
    activation,
  };
}

const depthwiseConv2d: Translate = (ctx) => {
  const spec = depthwiseSpec(ctx, ctx.node.name, activationOf(ctx, ctx.node.config.activation));
  const channels = ctx.inputShape[2] * Number(ctx.node.config.depth_multiplier ?? 1);
  const [kernel, bias] = weighted(ctx, [DEPTHWISE], channels);
  return { kind: 'layers', layers: [{ spec, kernel, bias }] };
};

/** SeparableConv2D = a depthwise conv (linear, zero bias) then a 1x1 conv with the bias and activation. */
const separableConv2d: Translate = (ctx) => {
  const filters = Number(ctx.node.config.filters);
  const [dw, pw, bias] = weighted(ctx, [DEPTHWISE, ['pointwise_kernel']], filters);
  const depthwise = depthwiseSpec(ctx, `${ctx.node.name}_depthwise`, 'linear');
  const pointwise: LayerSpec = {
    type: 'conv2d',
    name: ctx.node.name,
    filters,
    kernel: 1,
    strides: 1,
    padding: 'valid',
    activation: activationOf(ctx, ctx.node.config.activation),
  };
  const dwBias = zeroBias(depthwise.name as string, dw.shape[2] * dw.shape[3]);
  return {
    kind: 'layers',
    layers: [
      { spec: depthwise, kernel: dw, bias: dwBias },
      { spec: pointwise, kernel: pw, bias },
    ],
  };
};

const dense: Translate = (ctx) => {
  const units = Number(ctx.node.config.units);
  const activation = activationOf(ctx, ctx.node.config.activation);
  const [kernel, bias] = weighted(ctx, [KERNEL], units);
  const spec: LayerSpec = { type: 'dense', name: ctx.node.name, units, activation };
  return { kind: 'layers', layers: [{ spec, kernel, bias }] };
};

/** Keras SAME pooling equals VALID when the window tiles the input exactly (no padding is added). */
function pool(type: 'maxPool2d' | 'avgPool2d'): Translate {
  return (ctx) => {
    const size = square(ctx, 'pool_size', 2);
    const strides = ctx.node.config.strides == null ? size : square(ctx, 'strides');
    const tiles = strides === size && ctx.inputShape[0] % size === 0 && ctx.inputShape[1] % size === 0;
    if (ctx.node.config.padding === 'same' && !tiles)
      fail(ctx, 'SAME padding is supported only when the window tiles the input');
    return { kind: 'layers', layers: [{ spec: { type, name: ctx.node.name, pool: size, strides } }] };
  };
}

/** Global pooling = a pool over the whole (square) feature map, then a flatten unless keepdims. */
function globalPool(type: 'maxPool2d' | 'avgPool2d'): Translate {
  return (ctx) => {
    const [h, w] = ctx.inputShape;
    if (h !== w) fail(ctx, `the feature map ${h}x${w} is not square`);
    const name = ctx.node.name;
    const poolLayer: ImportedLayer = { spec: { type, name: `${name}_pool`, pool: h, strides: h } };
    if (ctx.node.config.keepdims === true) return { kind: 'layers', layers: [{ spec: { ...poolLayer.spec, name } }] };
    return { kind: 'layers', layers: [poolLayer, { spec: { type: 'flatten', name } }] };
  };
}

const flatten: Translate = (ctx) =>
  ctx.inputShape.length === 1
    ? { kind: 'identity' }
    : { kind: 'layers', layers: [{ spec: { type: 'flatten', name: ctx.node.name } }] };

const reshape: Translate = (ctx) => {
  const target = (ctx.node.config.target_shape as number[]).slice();
  const n = ctx.inputShape.reduce((a, b) => a * b, 1);
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const resolved = target.map((d) => (d === -1 ? n / known : d));
  if (resolved.length === ctx.inputShape.length && resolved.every((d, i) => d === ctx.inputShape[i]))
    return { kind: 'identity' };
  return { kind: 'layers', layers: [{ spec: { type: 'reshape', name: ctx.node.name, targetShape: resolved } }] };
};

const batchNorm: Translate = (ctx) => {
  const c = ctx.node.config;
  const axis = Array.isArray(c.axis) ? c.axis[0] : (c.axis ?? -1);
  if (axis !== -1 && axis !== ctx.inputShape.length)
    fail(ctx, `only the channel axis is supported, got axis ${String(axis)}`);
  const roles: Role[] = [
    ...(c.scale !== false ? [['gamma']] : []),
    ...(c.center !== false ? [['beta']] : []),
    ['moving_mean'],
    ['moving_variance'],
  ];
  return {
    kind: 'batchNorm',
    // Weights are read when folding, so a misplaced BatchNormalization is reported as such first.
    fold: (l) => {
      const got = pickWeights(ctx.node.name, ctx.weights, roles);
      const at = (role: string) => got[roles.findIndex((r) => r[0] === role)]?.values;
      const stats = {
        gamma: at('gamma'),
        beta: at('beta'),
        mean: at('moving_mean') as Float32Array,
        variance: at('moving_variance') as Float32Array,
        epsilon: Number(c.epsilon ?? 1e-3),
      };
      return { ...l, ...foldBatchNorm(l.kernel as RawWeight, l.bias as RawWeight, stats) };
    },
  };
};

const activationLayer: Translate = (ctx) => ({
  kind: 'activation',
  activation: activationOf(ctx, ctx.node.config.activation),
});

const reluLayer: Translate = (ctx) => {
  const c = ctx.node.config;
  if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0)
    fail(ctx, 'leaky or thresholded ReLU is not supported');
  if (c.max_value == null) return { kind: 'activation', activation: 'relu' };
  if (c.max_value === 6) return { kind: 'activation', activation: 'relu6' };
  return fail(ctx, `max_value ${String(c.max_value)} is not supported (none or 6 are)`);
};

/** Rescaling(1/255) at the input: the model expects raw pixels, and after it sees what the lab feeds ([0, 1]). */
const rescaling: Translate = (ctx) => {
  const scale = Number(ctx.node.config.scale ?? 1);
  const offset = Number(ctx.node.config.offset ?? 0);
  if (offset === 0 && (scale === 1 || (ctx.atInput && Math.abs(scale * 255 - 1) < 1e-6))) return { kind: 'identity' };
  return fail(ctx, `scale ${scale} offset ${offset} is supported only as 1/255 directly after the input`);
};

const identity: Translate = () => ({ kind: 'identity' });

/** Add of two tensors (TFLite ADD is binary; a three-way Add would be a chain). */
const add: Translate = (ctx) => {
  if (ctx.inputShapes.length !== 2) fail(ctx, `it sums ${ctx.inputShapes.length} inputs; the lab imports Add of two`);
  return { kind: 'layers', layers: [{ spec: { type: 'add', name: ctx.node.name, activation: 'linear' } }] };
};

/** Classes that read several inputs; every other class reads one. */
export const MULTI_INPUT_LAYERS = new Set(['Add']);

/** Every Keras class the lab imports. */
export const KERAS_LAYERS: Record<string, Translate> = {
  Conv2D: conv2d,
  Convolution2D: conv2d,
  DepthwiseConv2D: depthwiseConv2d,
  SeparableConv2D: separableConv2d,
  Dense: dense,
  MaxPooling2D: pool('maxPool2d'),
  MaxPool2D: pool('maxPool2d'),
  AveragePooling2D: pool('avgPool2d'),
  AvgPool2D: pool('avgPool2d'),
  GlobalAveragePooling2D: globalPool('avgPool2d'),
  GlobalMaxPooling2D: globalPool('maxPool2d'),
  Flatten: flatten,
  Reshape: reshape,
  BatchNormalization: batchNorm,
  Activation: activationLayer,
  ReLU: reluLayer,
  Softmax: () => ({ kind: 'activation', activation: 'softmax' }),
  Rescaling: rescaling,
  Add: add,
  Dropout: identity,
  SpatialDropout2D: identity,
  GaussianNoise: identity,
  GaussianDropout: identity,
  AlphaDropout: identity,
  ActivityRegularization: identity,
};

/** The translation of one node, or a sentence naming it and what is supported. */
export function translateLayer(ctx: TranslateContext): Translation {
  const t = KERAS_LAYERS[ctx.node.className];
  if (!t)
    throw new ModelImportError(
      `Layer ${ctx.node.name} is a ${ctx.node.className}, which the lab does not import yet. Supported: ${Object.keys(KERAS_LAYERS).join(', ')}.`,
    );
  return t(ctx);
}
