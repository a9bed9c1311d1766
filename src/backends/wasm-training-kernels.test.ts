import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels, WASM_FASTER_KERNELS, WASM_TRAINING_KERNELS } from './wasm-training-kernels';

/** Largest absolute difference allowed between WASM and the CPU oracle (float32 sums of <= ~2,000 terms of O(1)). */
const TOL = 2e-4;

type Pad = 'valid' | 'same' | number;
interface ConvCase {
  name: string;
  x: [number, number, number, number];
  /** [kh, kw, inC, outC] for conv2d, [kh, kw, inC, multiplier] for depthwise. */
  filter: [number, number, number, number];
  stride: number;
  pad: Pad;
}

const CONV_CASES: ConvCase[] = [
  { name: 'tutorial 3x3 valid', x: [4, 28, 28, 1], filter: [3, 3, 1, 12], stride: 1, pad: 'valid' },
  { name: 'same 3x3, 3 channels', x: [2, 9, 9, 3], filter: [3, 3, 3, 5], stride: 1, pad: 'same' },
  { name: 'stride 2 same, odd size', x: [3, 11, 11, 2], filter: [3, 3, 2, 4], stride: 2, pad: 'same' },
  { name: 'stride 2 valid, leftover row', x: [2, 10, 10, 2], filter: [3, 3, 2, 3], stride: 2, pad: 'valid' },
  { name: 'stride 3, 5x5, even size', x: [2, 12, 12, 2], filter: [5, 5, 2, 3], stride: 3, pad: 'same' },
  { name: '1x1 pointwise', x: [3, 7, 7, 4], filter: [1, 1, 4, 6], stride: 1, pad: 'same' },
  { name: 'non-square 2x3, explicit pad 1', x: [2, 8, 6, 2], filter: [2, 3, 2, 2], stride: 1, pad: 1 },
];

/** Deterministic pseudo-random values in [-1, 1). */
function randomValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `f` on a backend with the same inputs and returns its outputs as arrays. */
async function onBackend(name: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(name);
  return tf.tidy(f).map((t) => {
    const v = t.dataSync() as Float32Array;
    t.dispose();
    return v;
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function compare(f: () => tf.Tensor[]): Promise<number> {
  const cpu = await onBackend('cpu', f);
  const wasm = await onBackend('wasm', f);
  expect(wasm.length).toBe(cpu.length);
  let worst = 0;
  cpu.forEach((c, i) => (worst = Math.max(worst, maxAbsDiff(c, wasm[i]))));
  return worst;
}

function outShape(c: ConvCase, depthwise: boolean): number[] {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.stride, 1, c.pad as 'same', undefined, depthwise);
  return info.outShape;
}

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('registerWasmTrainingKernels', () => {
  it('registers each missing kernel once', () => {
    for (const name of [...WASM_TRAINING_KERNELS, ...WASM_FASTER_KERNELS])
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
    expect(registerWasmTrainingKernels()).toEqual([]);
  });
});

describe('Conv2DBackpropFilter on WASM matches the CPU backend', () => {
  it.each(CONV_CASES)('$name', async (c) => {
    const dyShape = outShape(c, false);
    const x = randomValues(size(c.x), 1);
    const dy = randomValues(size(dyShape), 2);
    const diff = await compare(() => [
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor(x, c.x), dy: tf.tensor(dy, dyShape) }, {
        strides: [c.stride, c.stride],
        pad: c.pad,
        dataFormat: 'NHWC',
        filterShape: c.filter,
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
    ]);
    expect(diff).toBeLessThan(TOL);
  });
});

describe('depthwise conv gradients on WASM match the CPU backend', () => {
  const cases: ConvCase[] = [
    { name: 'separable 3x3 same', x: [3, 14, 14, 4], filter: [3, 3, 4, 1], stride: 1, pad: 'same' },
    { name: 'separable 3x3 stride 2 same', x: [2, 14, 14, 3], filter: [3, 3, 3, 1], stride: 2, pad: 'same' },
    { name: 'stride 2 same, odd size', x: [2, 9, 9, 2], filter: [3, 3, 2, 1], stride: 2, pad: 'same' },
    { name: 'valid, multiplier 2', x: [2, 8, 8, 3], filter: [3, 3, 3, 2], stride: 1, pad: 'valid' },
    {
      name: 'stride 2 valid, multiplier 3, leftover row',
      x: [2, 10, 10, 2],
      filter: [3, 3, 2, 3],
      stride: 2,
      pad: 'valid',
    },
    { name: '5x5 stride 3 same', x: [2, 13, 13, 2], filter: [5, 5, 2, 1], stride: 3, pad: 'same' },
  ];
  it.each(cases)('$name: backprop filter and input', async (c) => {
    const dyShape = outShape(c, true);
    const x = randomValues(size(c.x), 3);
    const f = randomValues(size(c.filter), 4);
    const dy = randomValues(size(dyShape), 5);
    const attrs = { strides: [c.stride, c.stride], pad: c.pad, dilations: [1, 1] };
    const diff = await compare(() => [
      tf
        .engine()
        .runKernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor(x, c.x), dy: tf.tensor(dy, dyShape) }, {
          ...attrs,
          filterShape: c.filter,
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
      tf
        .engine()
        .runKernel(
          'DepthwiseConv2dNativeBackpropInput',
          { dy: tf.tensor(dy, dyShape), filter: tf.tensor(f, c.filter) },
          { ...attrs, inputShape: c.x } as unknown as tf.NamedAttrMap,
        ) as tf.Tensor,
    ]);
    expect(diff).toBeLessThan(TOL);
  });
});

describe('MaxPoolGrad on WASM (JS on the heap) matches the CPU backend', () => {
  const cases: {
    name: string;
    x: [number, number, number, number];
    pool: number;
    stride: number;
    pad: Pad;
    ties?: boolean;
  }[] = [
    { name: 'tutorial 2x2 stride 2', x: [4, 26, 26, 12], pool: 2, stride: 2, pad: 'valid' },
    { name: 'ties (relu zeros, repeated values)', x: [2, 8, 8, 3], pool: 2, stride: 2, pad: 'valid', ties: true },
    { name: '3x3 stride 1 same (overlapping windows)', x: [2, 7, 7, 2], pool: 3, stride: 1, pad: 'same', ties: true },
    { name: '3x3 stride 2 same, odd size', x: [2, 9, 9, 2], pool: 3, stride: 2, pad: 'same' },
    { name: '2x2 stride 2 valid, leftover column', x: [1, 5, 7, 2], pool: 2, stride: 2, pad: 'valid' },
    {
      name: '2x2 stride 2 same, odd size (window past the edge)',
      x: [2, 7, 7, 3],
      pool: 2,
      stride: 2,
      pad: 'same',
      ties: true,
    },
  ];
  it.each(cases)('$name', async (c) => {
    let x = randomValues(size(c.x), 10);
    // Rounded and rectified values make many equal maxima: the first one must win, as on CPU.
    if (c.ties) x = x.map((v) => Math.max(0, Math.round(v * 2)));
    const outShape = tf.backend_util.computePool2DInfo(c.x, c.pool, c.stride, 1, c.pad as 'same').outShape;
    const dy = randomValues(size(outShape), 13);
    const diff = await compare(() => {
      const f = (xi: tf.Tensor) =>
        tf.sum(tf.mul(tf.maxPool(xi as tf.Tensor4D, c.pool, c.stride, c.pad as 'same'), tf.tensor(dy, outShape)));
      return [tf.grad(f)(tf.tensor(x, c.x))];
    });
    expect(diff).toBeLessThan(TOL);
  });
});

describe('BatchMatMul on WASM (transpose-free front) matches the CPU backend', () => {
  const cases: { a: number[]; b: number[]; tA: boolean; tB: boolean }[] = [
    { a: [32, 2028], b: [2028, 10], tA: false, tB: false },
    { a: [32, 2028], b: [32, 10], tA: true, tB: false },
    { a: [32, 10], b: [2028, 10], tA: false, tB: true },
    { a: [7, 5], b: [3, 7], tA: true, tB: true },
    { a: [50, 4], b: [4, 3], tA: false, tB: false },
    { a: [2, 6, 5], b: [2, 6, 4], tA: true, tB: false },
    { a: [3, 9, 2], b: [1, 2, 4], tA: false, tB: false },
  ];
  it.each(cases)('$a x $b, transposeA $tA, transposeB $tB', async (c) => {
    const a = randomValues(size(c.a), 11);
    const b = randomValues(size(c.b), 12);
    const diff = await compare(() => [tf.matMul(tf.tensor(a, c.a), tf.tensor(b, c.b), c.tA, c.tB)]);
    expect(diff).toBeLessThan(TOL);
  });
});

describe('Identity on WASM shares the data instead of copying it', () => {
  it('a clone reads the same values and outlives, or is outlived by, its source', async () => {
    await tf.setBackend('wasm');
    const values = randomValues(24, 23);
    const a = tf.tensor(values, [2, 3, 4]);
    const b = tf.clone(a);
    const c = tf.clone(b);
    expect(Array.from(b.dataSync())).toEqual(Array.from(values));
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual(Array.from(values));
    b.dispose();
    expect(Array.from(c.dataSync())).toEqual(Array.from(values));
    const before = tf.memory().numBytes;
    c.dispose();
    expect(tf.memory().numBytes).toBe(before - values.length * 4);
  });

  it('a clone of an int32 and a bool tensor keeps its dtype and values', async () => {
    await tf.setBackend('wasm');
    const i = tf.tensor([1, -2, 3], [3], 'int32');
    const bo = tf.tensor([1, 0, 1], [3], 'bool');
    const [ci, cb] = [tf.clone(i), tf.clone(bo)];
    tf.dispose([i, bo]);
    expect([ci.dtype, Array.from(ci.dataSync())]).toEqual(['int32', [1, -2, 3]]);
    expect([cb.dtype, Array.from(cb.dataSync())]).toEqual(['bool', [1, 0, 1]]);
    tf.dispose([ci, cb]);
  });
});

describe('gradients of small conv nets on WASM match the CPU backend', () => {
  it('conv2d -> relu6 -> depthwise -> avg pool -> mean: d/dx, d/dfilters', async () => {
    const x = randomValues(2 * 12 * 12 * 2, 6);
    const w1 = randomValues(3 * 3 * 2 * 4, 7);
    const w2 = randomValues(3 * 3 * 4 * 1, 8);
    const diff = await compare(() => {
      const loss = (xi: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => {
        const h = tf.relu6(tf.conv2d(xi as tf.Tensor4D, a as tf.Tensor4D, 2, 'same'));
        const d = tf.relu(tf.depthwiseConv2d(h, b as tf.Tensor4D, 1, 'same'));
        return tf.mean(tf.square(tf.avgPool(tf.maxPool(d, 2, 1, 'same'), 2, 2, 'valid')));
      };
      const g = tf.grads(loss);
      return g([tf.tensor(x, [2, 12, 12, 2]), tf.tensor(w1, [3, 3, 2, 4]), tf.tensor(w2, [3, 3, 4, 1])]);
    });
    expect(diff).toBeLessThan(TOL);
  });

  it('detects a wrong kernel (the comparison can fail)', async () => {
    const diff = await compare(() => [tf.mul(tf.tensor(randomValues(4, 9)), tf.getBackend() === 'wasm' ? 1.01 : 1)]);
    expect(diff).toBeGreaterThan(TOL);
  });
});
