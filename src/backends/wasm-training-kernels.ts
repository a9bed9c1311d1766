import {
  backend_util,
  Conv2DBackpropFilter,
  DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput,
  BatchMatMul,
  getKernel,
  Identity,
  MaxPoolGrad,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { makeWasmBatchMatMulConfig } from './wasm-batch-mat-mul';
import { wasmMaxPoolGradConfig } from './wasm-max-pool-grad';
import { makeWasmSharedIdentityConfig } from './wasm-shared-identity';

/**
 * Gradient kernels that tfjs-backend-wasm 4.22 does not ship, so that every preset trains on WASM.
 *
 * Each one is a composition of kernels the WASM backend already has (XNNPACK conv2d / depthwise
 * conv2d, transpose, pad, reverse, sum), called directly through their kernel functions so that no
 * op is recorded on the gradient tape. The CPU backend's own kernels are the oracle: see
 * wasm-training-kernels.test.ts.
 */

const BACKEND = 'wasm';

/** Kernel names registered by {@link registerWasmTrainingKernels}. */
export const WASM_TRAINING_KERNELS = [
  Conv2DBackpropFilter,
  DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput,
] as const;

/** Calls other WASM kernels and frees every intermediate except the one returned. */
class KernelCalls {
  private readonly made: TensorInfo[] = [];
  constructor(private readonly backend: KernelBackend) {}

  run(name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo {
    const config = getKernel(name, BACKEND);
    if (config == null) throw new Error(`WASM kernel ${name} is missing; cannot build the training kernels`);
    const out = config.kernelFunc({ inputs, attrs, backend: this.backend }) as TensorInfo;
    this.made.push(out);
    return out;
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  slice(x: TensorInfo, size: number[]): TensorInfo {
    if (size.every((s, i) => s === x.shape[i])) return x;
    return this.run('Slice', { x }, { begin: size.map(() => 0), size });
  }

  /** Frees every intermediate except `keep` and returns it. */
  finish(keep: TensorInfo): TensorInfo {
    for (const t of this.made) if (t !== keep) this.backend.disposeData(t.dataId);
    return keep;
  }
}

type Pair = [number, number];
const explicitPad = (top: number, bottom: number, left: number, right: number) =>
  [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ] as [Pair, Pair, Pair, Pair];

/**
 * dW[kh, kw, ci, co] = sum over b, i, j of x[b, i*sh + kh - top, j*sw + kw - left, ci] * dy[b, i, j, co].
 * That is a conv2d whose batch is ci, whose channels are the images b, whose filter is dy (HWIO =
 * [Ho, Wo, B, Co]) and whose dilation is the forward stride: one XNNPACK conv instead of tfjs-cpu's
 * seven nested loops. Most of its ~1.7 ms per tutorial batch is XNNPACK packing dy as conv weights;
 * im2col + matMul (0.6 ms of JS + the same packing) and x-as-filter (N = 1 output channel) were
 * measured slower.
 */
const conv2DBackpropFilter: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: backend_util.PadInfo['type'] | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  if (dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad as 'same',
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const [, h, w, inC] = x.shape;
  const [kh, kw, , outC] = filterShape;
  const { top, left } = info.padInfo;
  // Pad the far side just enough that the conv output covers kh x kw; extra rows are sliced off.
  const bottom = Math.max(0, kh + (info.outHeight - 1) * info.strideHeight - h - top);
  const right = Math.max(0, kw + (info.outWidth - 1) * info.strideWidth - w - left);
  const k = new KernelCalls(backend as KernelBackend);
  const xT = k.transpose(x, [3, 1, 2, 0]); // [Ci, H, W, B]
  const dyT = k.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, B, Co]
  const conv = k.run(
    'Conv2D',
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      pad: explicitPad(top, bottom, left, right),
      dataFormat: 'NHWC',
      dilations: [info.strideHeight, info.strideWidth],
      dimRoundingMode: undefined as unknown as string,
    },
  ); // [Ci, >=kh, >=kw, Co]
  const cropped = k.slice(conv, [inC, kh, kw, outC]);
  return k.finish(k.transpose(cropped, [1, 2, 0, 3]));
};

interface DepthwiseAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function assertNoDilation(d: [number, number] | number | undefined, name: string) {
  if (d != null && !(d === 1 || (Array.isArray(d) && d[0] === 1 && d[1] === 1))) {
    throw new Error(`wasm ${name} supports dilation 1 only (got ${String(d)})`);
  }
}

/**
 * dW[kh, kw, c, m] = sum over b, i, j of x[b, i*sh + kh - top, j*sw + kw - left, c] * dy[b, i, j, c*M + m].
 * As a depthwise conv: one image [1, H, W, B*C] (image b, channel c at b*C + c), filter dy as
 * [Ho, Wo, B*C, M], dilation = forward stride; then sum over the B images.
 */
const depthwiseBackpropFilter: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as DepthwiseAttrs & { filterShape: [number, number, number, number] };
  assertNoDilation(a.dilations, DepthwiseConv2dNativeBackpropFilter);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    a.filterShape,
    a.strides,
    1,
    a.pad as 'same',
    a.dimRoundingMode,
    true,
  );
  const [b, h, w, c] = x.shape;
  const [kh, kw, , m] = a.filterShape;
  const [ho, wo] = [info.outHeight, info.outWidth];
  const { top, left } = info.padInfo;
  const bottom = Math.max(0, kh + (ho - 1) * info.strideHeight - h - top);
  const right = Math.max(0, kw + (wo - 1) * info.strideWidth - w - left);
  const k = new KernelCalls(backend as KernelBackend);
  const xr = k.reshape(k.transpose(x, [1, 2, 0, 3]), [1, h, w, b * c]);
  const dyr = k.reshape(k.transpose(dy, [1, 2, 0, 3]), [ho, wo, b * c, m]);
  const conv = k.run(
    'DepthwiseConv2dNative',
    { x: xr, filter: dyr },
    {
      strides: [1, 1],
      pad: explicitPad(top, bottom, left, right),
      dilations: [info.strideHeight, info.strideWidth],
      dimRoundingMode: undefined as unknown as string,
    },
  ); // [1, >=kh, >=kw, B*C*M], channel b*C*M + c*M + m
  const [oh, ow] = [conv.shape[1], conv.shape[2]];
  const summed = k.run('Sum', { x: k.reshape(conv, [oh, ow, b, c * m]) }, { axis: [2], keepDims: false });
  const cropped = k.slice(summed, [kh, kw, c * m]);
  return k.finish(k.reshape(cropped, [kh, kw, c, m]));
};

/**
 * dx = the transposed depthwise conv of dy: insert (stride - 1) zeros between dy pixels, then a
 * stride-1 depthwise conv with the filter rotated 180 degrees and padding (k - 1 - top); for a
 * channel multiplier M > 1, sum the M output channels of each input channel.
 */
const depthwiseBackpropInput: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const a = attrs as unknown as DepthwiseAttrs & { inputShape: [number, number, number, number] };
  assertNoDilation(a.dilations, DepthwiseConv2dNativeBackpropInput);
  const info = backend_util.computeConv2DInfo(
    a.inputShape,
    filter.shape as [number, number, number, number],
    a.strides,
    1,
    a.pad as 'same',
    a.dimRoundingMode,
    true,
  );
  const [b, h, w, c] = a.inputShape;
  const [kh, kw, , m] = filter.shape;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [ho, wo] = [info.outHeight, info.outWidth];
  const k = new KernelCalls(backend as KernelBackend);
  let dyd = dy;
  if (sh > 1 || sw > 1) {
    const padded = k.run(
      'PadV2',
      { x: k.reshape(dy, [b, ho, 1, wo, 1, c * m]) },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, sh - 1],
          [0, 0],
          [0, sw - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    dyd = k.reshape(padded, [b, ho * sh, wo * sw, c * m]);
  }
  const [hd, wd] = [dyd.shape[1], dyd.shape[2]];
  const padTop = kh - 1 - info.padInfo.top;
  const padLeft = kw - 1 - info.padInfo.left;
  const padBottom = Math.max(0, h - hd - padTop + kh - 1);
  const padRight = Math.max(0, w - wd - padLeft + kw - 1);
  const rotated = k.reshape(k.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, c * m, 1]);
  const conv = k.run(
    'DepthwiseConv2dNative',
    { x: dyd, filter: rotated },
    {
      strides: [1, 1],
      pad: explicitPad(padTop, padBottom, padLeft, padRight),
      dilations: [1, 1],
      dimRoundingMode: undefined as unknown as string,
    },
  ); // [B, >=H, >=W, C*M]
  let dx = k.slice(conv, [b, h, w, c * m]);
  if (m > 1) dx = k.run('Sum', { x: k.reshape(dx, [b, h, w, c, m]) }, { axis: [4], keepDims: false });
  return k.finish(dx);
};

const CONFIGS: KernelConfig[] = [
  { kernelName: Conv2DBackpropFilter, backendName: BACKEND, kernelFunc: conv2DBackpropFilter },
  { kernelName: DepthwiseConv2dNativeBackpropFilter, backendName: BACKEND, kernelFunc: depthwiseBackpropFilter },
  { kernelName: DepthwiseConv2dNativeBackpropInput, backendName: BACKEND, kernelFunc: depthwiseBackpropInput },
];

/**
 * Registers only the gradient kernels tfjs-backend-wasm lacks (without them it cannot train a CNN):
 * stock tfjs-wasm plus the minimum, the bench's reference for `model.fit`. Returns the names registered.
 */
export function registerMissingWasmGradients(): string[] {
  const added: string[] = [];
  for (const config of CONFIGS) {
    if (getKernel(config.kernelName, BACKEND) != null) continue;
    registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

/** Kernels tfjs-backend-wasm has but that are slow for training; replaced by {@link registerWasmTrainingKernels}. */
export const WASM_FASTER_KERNELS = [MaxPoolGrad, BatchMatMul, Identity] as const;

const replaced = new Set<string>();

/**
 * Registers the missing WASM gradient kernels and replaces the slow ones ({@link WASM_FASTER_KERNELS}).
 * Idempotent; a missing kernel that tfjs-backend-wasm already registers (a future version) is left
 * alone. Call after importing '@tensorflow/tfjs-backend-wasm', before or after setBackend('wasm').
 * Returns the names it registered.
 */
export function registerWasmTrainingKernels(): string[] {
  const added = registerMissingWasmGradients();
  const faster: Record<(typeof WASM_FASTER_KERNELS)[number], (original: KernelConfig) => KernelConfig> = {
    [MaxPoolGrad]: () => wasmMaxPoolGradConfig,
    [BatchMatMul]: makeWasmBatchMatMulConfig,
    [Identity]: makeWasmSharedIdentityConfig,
  };
  for (const name of WASM_FASTER_KERNELS) {
    const original = getKernel(name, BACKEND);
    if (original == null || replaced.has(name)) continue;
    unregisterKernel(name, BACKEND);
    registerKernel(faster[name](original));
    replaced.add(name);
    added.push(name);
  }
  return added;
}
