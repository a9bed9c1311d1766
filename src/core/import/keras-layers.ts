/**
 * The table of Keras layer classes the lab imports, each translated to lab layers (or to a fused
 * activation, a folded BatchNormalization, or nothing). Anything else is refused with a sentence
 * that names the layer and lists this table.
 */

import {
  POINTWISE_ACTIVATIONS,
  type LayerActivation,
  type LayerSpec,
  type PointwiseActivation,
} from '../model/architecture';
import { foldBatchNorm, pickWeights, zeroBias, type Role } from './keras-weights';
import type { KerasNode } from './keras-nodes';
import type { KerasLayerReason } from './import-problem';
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

const fail = (ctx: TranslateContext, reason: KerasLayerReason): never => {
  throw new ModelImportError({ code: 'import-layer', layer: ctx.node.name, className: ctx.node.className, reason });
};

/** A Keras int or [int, int] option as one number (the lab's windows are square). */
function square(ctx: TranslateContext, key: string, fallback?: number): number {
  const v = ctx.node.config[key] ?? fallback;
  const [a, b] = Array.isArray(v) ? v : [v, v];
  if (typeof a !== 'number' || a !== b) fail(ctx, { code: 'not-square', key, value: JSON.stringify(v) });
  return a as number;
}

/** Keras activation names of the pointwise activations (Keras 3 calls swish silu, hard_swish hard_silu). */
const POINTWISE_NAMES: Record<string, PointwiseActivation> = {
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  swish: 'swish',
  silu: 'swish',
  hard_swish: 'hardSwish',
  hard_silu: 'hardSwish',
};
const FUSED_NAMES = ['linear', 'relu', 'relu6', 'softmax'];

/** A Keras activation: one TFLite fuses into the layer (linear, relu, relu6, softmax), or a pointwise one. */
function anyActivation(ctx: TranslateContext, value: unknown): LayerActivation | PointwiseActivation {
  const a = value ?? 'linear';
  if (typeof a === 'string' && FUSED_NAMES.includes(a)) return a as LayerActivation;
  if (typeof a === 'string' && Object.hasOwn(POINTWISE_NAMES, a)) return POINTWISE_NAMES[a];
  return fail(ctx, {
    code: 'activation',
    value: JSON.stringify(a),
    supported: [...FUSED_NAMES, ...Object.keys(POINTWISE_NAMES)],
  });
}

function isPointwise(a: LayerActivation | PointwiseActivation): a is PointwiseActivation {
  return (POINTWISE_ACTIVATIONS as readonly string[]).includes(a);
}

/** The fused part of a layer's activation ('linear' when it is a pointwise one, which follows as its own layer). */
function activationOf(ctx: TranslateContext, value: unknown): LayerActivation {
  const a = anyActivation(ctx, value);
  return isPointwise(a) ? 'linear' : a;
}

/** The layer, then its activation as a layer of its own when TFLite has no fused form for it. */
function withActivation(ctx: TranslateContext, layers: ImportedLayer[]): Translation {
  const a = anyActivation(ctx, ctx.node.config.activation);
  if (!isPointwise(a)) return { kind: 'layers', layers };
  // The activation layer takes the Keras name (later layers and the output refer to it); the layer before
  // it becomes <name>_linear.
  const last = layers[layers.length - 1];
  const linear = { ...last, spec: { ...last.spec, name: `${ctx.node.name}_linear` } as LayerSpec };
  const act: LayerSpec = { type: 'activation', name: ctx.node.name, activation: a };
  return { kind: 'layers', layers: [...layers.slice(0, -1), linear, { spec: act }] };
}

function checkConv(ctx: TranslateContext): 'same' | 'valid' {
  const c = ctx.node.config;
  if (c.data_format && c.data_format !== 'channels_last') fail(ctx, { code: 'channels-last' });
  if (square(ctx, 'dilation_rate', 1) !== 1) fail(ctx, { code: 'dilated' });
  if ((c.groups ?? 1) !== 1) fail(ctx, { code: 'grouped' });
  if (c.padding !== 'same' && c.padding !== 'valid') fail(ctx, { code: 'padding', value: String(c.padding) });
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
  return withActivation(ctx, [{ spec, kernel, bias }]);
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
  return withActivation(ctx, [{ spec, kernel, bias }]);
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
  return withActivation(ctx, [
    { spec: depthwise, kernel: dw, bias: dwBias },
    { spec: pointwise, kernel: pw, bias },
  ]);
};

const dense: Translate = (ctx) => {
  const units = Number(ctx.node.config.units);
  const activation = activationOf(ctx, ctx.node.config.activation);
  const [kernel, bias] = weighted(ctx, [KERNEL], units);
  const spec: LayerSpec = { type: 'dense', name: ctx.node.name, units, activation };
  return withActivation(ctx, [{ spec, kernel, bias }]);
};

/** Keras SAME pooling equals VALID when the window tiles the input exactly (no padding is added). */
function pool(type: 'maxPool2d' | 'avgPool2d'): Translate {
  return (ctx) => {
    const size = square(ctx, 'pool_size', 2);
    const strides = ctx.node.config.strides == null ? size : square(ctx, 'strides');
    const tiles = strides === size && ctx.inputShape[0] % size === 0 && ctx.inputShape[1] % size === 0;
    if (ctx.node.config.padding === 'same' && !tiles) fail(ctx, { code: 'same-padding' });
    return { kind: 'layers', layers: [{ spec: { type, name: ctx.node.name, pool: size, strides } }] };
  };
}

/** GlobalAveragePooling2D = MEAN over H and W, as TF's converter writes it (keepdims kept). */
const globalAvgPool: Translate = (ctx) => {
  if (ctx.inputShape.length !== 3) fail(ctx, { code: 'needs-image', shape: ctx.inputShape });
  if (ctx.node.config.data_format && ctx.node.config.data_format !== 'channels_last')
    fail(ctx, { code: 'channels-last' });
  const keepDims = ctx.node.config.keepdims === true;
  return { kind: 'layers', layers: [{ spec: { type: 'globalAvgPool2d', name: ctx.node.name, keepDims } }] };
};

/** Global pooling = a pool over the whole (square) feature map, then a flatten unless keepdims. */
function globalPool(type: 'maxPool2d' | 'avgPool2d'): Translate {
  return (ctx) => {
    const [h, w] = ctx.inputShape;
    if (h !== w) fail(ctx, { code: 'map-not-square', h, w });
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
  if (axis !== -1 && axis !== ctx.inputShape.length) fail(ctx, { code: 'bn-axis', axis: String(axis) });
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

function pointwiseLayer(ctx: TranslateContext, activation: PointwiseActivation, alpha?: number): Translation {
  const spec: LayerSpec = {
    type: 'activation',
    name: ctx.node.name,
    activation,
    ...(alpha !== undefined && { alpha }),
  };
  return { kind: 'layers', layers: [{ spec }] };
}

const activationLayer: Translate = (ctx) => {
  const a = anyActivation(ctx, ctx.node.config.activation);
  return isPointwise(a) ? pointwiseLayer(ctx, a) : { kind: 'activation', activation: a };
};

/** LeakyReLU: Keras 2 calls the slope alpha (default 0.3), Keras 3 negative_slope (same default). */
const leakyReluLayer: Translate = (ctx) => {
  const c = ctx.node.config;
  return pointwiseLayer(ctx, 'leakyRelu', Number(c.negative_slope ?? c.alpha ?? 0.3));
};

const reluLayer: Translate = (ctx) => {
  const c = ctx.node.config;
  if ((c.threshold ?? 0) !== 0) fail(ctx, { code: 'thresholded-relu' });
  if ((c.negative_slope ?? 0) !== 0) {
    if (c.max_value != null) fail(ctx, { code: 'leaky-max-value' });
    return pointwiseLayer(ctx, 'leakyRelu', Number(c.negative_slope));
  }
  if (c.max_value == null) return { kind: 'activation', activation: 'relu' };
  if (c.max_value === 6) return { kind: 'activation', activation: 'relu6' };
  return fail(ctx, { code: 'relu-max-value', value: String(c.max_value) });
};

/** Rescaling(1/255) at the input: the model expects raw pixels, and after it sees what the lab feeds ([0, 1]). */
const rescaling: Translate = (ctx) => {
  const scale = Number(ctx.node.config.scale ?? 1);
  const offset = Number(ctx.node.config.offset ?? 0);
  if (offset === 0 && (scale === 1 || (ctx.atInput && Math.abs(scale * 255 - 1) < 1e-6))) return { kind: 'identity' };
  return fail(ctx, { code: 'rescaling', scale, offset });
};

const identity: Translate = () => ({ kind: 'identity' });

/** Add of two tensors (TFLite ADD is binary; a three-way Add would be a chain). */
const add: Translate = (ctx) => {
  if (ctx.inputShapes.length !== 2) fail(ctx, { code: 'add-inputs', count: ctx.inputShapes.length });
  return { kind: 'layers', layers: [{ spec: { type: 'add', name: ctx.node.name, activation: 'linear' } }] };
};

/** Subtract and Multiply of two same-shape tensors (TFLite SUB and MUL are binary). */
function binary(type: 'subtract' | 'multiply'): Translate {
  return (ctx) => {
    if (ctx.inputShapes.length !== 2) fail(ctx, { code: 'binary-inputs', count: ctx.inputShapes.length });
    return { kind: 'layers', layers: [{ spec: { type, name: ctx.node.name } }] };
  };
}

/** Concatenate along the channel (last) axis. */
const concatenate: Translate = (ctx) => {
  const axis = Number(ctx.node.config.axis ?? -1);
  if (axis !== -1 && axis !== ctx.inputShape.length) fail(ctx, { code: 'concat-axis', axis });
  return { kind: 'layers', layers: [{ spec: { type: 'concatenate', name: ctx.node.name } }] };
};

/** ZeroPadding2D: padding n, [h, w] or [[top, bottom], [left, right]]. */
const zeroPadding: Translate = (ctx) => {
  const c = ctx.node.config;
  if (c.data_format && c.data_format !== 'channels_last') fail(ctx, { code: 'channels-last' });
  const p = c.padding ?? 1;
  const pair = (v: unknown): [number, number] =>
    Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
  const [[t, b], [l, r]] = Array.isArray(p) ? [pair(p[0]), pair(p[1])] : [pair(p), pair(p)];
  if (![t, b, l, r].every((n) => Number.isInteger(n) && n >= 0))
    fail(ctx, { code: 'padding', value: JSON.stringify(p) });
  return { kind: 'layers', layers: [{ spec: { type: 'zeroPadding2d', name: ctx.node.name, padding: [t, b, l, r] } }] };
};

/** Classes that read several inputs; every other class reads one. */
export const MULTI_INPUT_LAYERS = new Set(['Add', 'Subtract', 'Multiply', 'Concatenate']);

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
  GlobalAveragePooling2D: globalAvgPool,
  GlobalAvgPool2D: globalAvgPool,
  GlobalMaxPooling2D: globalPool('maxPool2d'),
  Flatten: flatten,
  Reshape: reshape,
  BatchNormalization: batchNorm,
  Activation: activationLayer,
  ReLU: reluLayer,
  LeakyReLU: leakyReluLayer,
  Softmax: () => ({ kind: 'activation', activation: 'softmax' }),
  Rescaling: rescaling,
  Add: add,
  Subtract: binary('subtract'),
  Multiply: binary('multiply'),
  Concatenate: concatenate,
  ZeroPadding2D: zeroPadding,
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
    throw new ModelImportError({
      code: 'import-unsupported-layer',
      layer: ctx.node.name,
      className: ctx.node.className,
      supported: Object.keys(KERAS_LAYERS),
    });
  return t(ctx);
}
