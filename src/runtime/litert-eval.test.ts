// Runs the real LiteRT.js wasm in Node on hand-built FULLY_CONNECTED models and checks its outputs
// against a plain TypeScript computation of the same layer.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLiteRtWasmDir, loadLiteRtForNode } from '../node/litert-node';
import { decodeOutput, encodeInput, evaluateTflite, outputArgmax, pixelEncoder, predictTflite } from './litert-eval';
import { LITERT_VERSION, type LiteRtRuntime } from './litert-module';
import type { IoTensorInfo } from './tflite-io';
import {
  buildFloatFullyConnected,
  buildInt8FullyConnected,
  type FullyConnectedSpec,
  type Int8Params,
} from './testing/fully-connected-tflite';

/** Deterministic values in [-1, 1) (LCG), so failures reproduce. */
function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** An MNIST-shaped dense layer: [1, 28, 28, 1] -> 10 units. */
const mnistSpec: FullyConnectedSpec = {
  inputSize: 784,
  units: 10,
  inputShape: [1, 28, 28, 1],
  weights: seeded(7840, 1).map((w) => w * 0.05),
  bias: seeded(10, 2).map((b) => b * 0.5),
};

const imageCount = 24;
const images = Uint8Array.from(seeded(imageCount * 784, 3), (v) => Math.floor((v + 1) * 128));

/** Reference float FULLY_CONNECTED: y = W x + b with x = pixels / 255. */
function denseReference(spec: FullyConnectedSpec, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(spec.units);
  for (let u = 0; u < spec.units; u++) {
    let acc = spec.bias[u]!;
    for (let i = 0; i < spec.inputSize; i++) acc += spec.weights[u * spec.inputSize + i]! * x[i]!;
    y[u] = acc;
  }
  return y;
}

function pixelsOf(i: number): Float32Array {
  return Float32Array.from(images.subarray(i * 784, (i + 1) * 784), (p) => p / 255);
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

let runtime: LiteRtRuntime;
beforeAll(async () => {
  runtime = await loadLiteRtForNode();
});

describe('LiteRT.js in Node', () => {
  it('describes the engine it loaded', () => {
    const pkg = JSON.parse(readFileSync(`${findLiteRtWasmDir()}/../package.json`, 'utf8')) as { version: string };
    expect(LITERT_VERSION).toBe(pkg.version);
    expect(runtime.engine).toMatch(/^LiteRT\.js \d+\.\d+\.\d+ \(wasm (relaxed-SIMD|SIMD compat), XNNPACK, 1 thread\)$/);
  });
});

describe('float32 model', () => {
  const bytes = buildFloatFullyConnected(mnistSpec);

  it('predicts what the hand computation gives', async () => {
    for (const i of [0, 1, 2]) {
      const x = pixelsOf(i);
      const got = await predictTflite(bytes, x);
      const want = denseReference(mnistSpec, x);
      expect(got).toHaveLength(10);
      for (let u = 0; u < 10; u++) expect(got[u]).toBeCloseTo(want[u]!, 4);
    }
  });

  it('scores images against labels', async () => {
    const expected = Array.from({ length: imageCount }, (_, i) => argmax(denseReference(mnistSpec, pixelsOf(i))));
    // Label the first two thirds with the true argmax, the rest with another class.
    const labels = Uint8Array.from(expected, (c, i) => (i < 16 ? c : (c + 1) % 10));
    const result = await evaluateTflite(bytes, images, labels, { latencySamples: 10 });
    expect(Array.from(result.predictions)).toEqual(expected);
    expect(result.correct).toBe(16);
    expect(result.count).toBe(imageCount);
    expect(result.accuracy).toBeCloseTo(16 / 24, 10);
    expect(result.inputType).toBe('float32');
    expect(result.outputType).toBe('float32');
    expect(result.input.shape).toEqual([1, 28, 28, 1]);
    expect(result.latency.samples).toBe(10);
    expect(result.latency.medianMs).toBeGreaterThan(0);
    expect(result.latency.p90Ms).toBeGreaterThanOrEqual(result.latency.medianMs);
    expect(result.engine).toBe(runtime.engine);

    const limited = await evaluateTflite(bytes, images, labels, { limit: 5 });
    expect(limited.count).toBe(5);
    expect(limited.predictions).toHaveLength(5);
  });
});

describe('int8 model with int8 input and output', () => {
  // As the converter's int8-I/O mode: input scale 1/255, zero point -128 (q = pixel - 128).
  const params: Int8Params = {
    inScale: 1 / 255,
    inZeroPoint: -128,
    weightScale: 0.05 / 127,
    outScale: 0.1,
    outZeroPoint: 3,
  };
  const { bytes, weights, bias } = buildInt8FullyConnected(mnistSpec, params);

  /** Reference int8 FULLY_CONNECTED (TFLite's quantized kernel, with a float requantize). */
  function int8Reference(qx: Int8Array): Int8Array {
    const multiplier = (Math.fround(params.inScale) * Math.fround(params.weightScale)) / Math.fround(params.outScale);
    return Int8Array.from({ length: 10 }, (_, u) => {
      let acc = bias[u]!;
      for (let i = 0; i < 784; i++) acc += (qx[i]! - params.inZeroPoint) * weights[u * 784 + i]!;
      return Math.max(-128, Math.min(127, Math.round(acc * multiplier) + params.outZeroPoint));
    });
  }

  it('quantizes raw pixels as q = pixel - 128', () => {
    const raw = Uint8Array.from([0, 1, 127, 128, 254, 255]);
    const q = new Int8Array(
      encodeInput(
        Float32Array.from(raw, (p) => p / 255),
        { name: 'x', type: 'int8', shape: [6], quant: { scale: Math.fround(1 / 255), zeroPoint: -128 } },
      ).buffer,
    );
    expect(Array.from(q)).toEqual(Array.from(raw, (p) => p - 128));
  });

  it('runs int8 tensors through LiteRT and matches the integer hand computation within 1 step', async () => {
    for (const i of [0, 1, 2]) {
      const x = pixelsOf(i);
      const qx = Int8Array.from(images.subarray(i * 784, (i + 1) * 784), (p) => p - 128);
      const want = int8Reference(qx);
      const got = await predictTflite(bytes, x);
      for (let u = 0; u < 10; u++) {
        const gotQ = Math.round(got[u]! / params.outScale) + params.outZeroPoint;
        expect(Math.abs(gotQ - want[u]!)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('evaluates with int8 I/O and reports the types', async () => {
    const labels = new Uint8Array(imageCount);
    const result = await evaluateTflite(bytes, images, labels, { latencySamples: 5 });
    expect(result.inputType).toBe('int8');
    expect(result.outputType).toBe('int8');
    expect(result.input.quant?.zeroPoint).toBe(-128);
    expect(result.output.quant).toEqual({ scale: Math.fround(0.1), zeroPoint: 3 });
    // Predictions agree with the integer reference except where two classes tie within one step.
    const reference = (i: number) =>
      argmax(int8Reference(Int8Array.from(images.subarray(i * 784, (i + 1) * 784), (p) => p - 128)));
    const agree = Array.from(result.predictions).filter((p, i) => p === reference(i)).length;
    expect(agree).toBeGreaterThanOrEqual(imageCount - 2);
  });
});

describe('bad models give clear errors', () => {
  const good = buildFloatFullyConnected(mnistSpec);
  const cases: Array<[string, Uint8Array, RegExp]> = [
    [
      'random bytes',
      Uint8Array.from(seeded(600, 9), (v) => Math.floor((v + 1) * 128)),
      /File format is not tflite\.Model \(identifier/,
    ],
    [
      'a truncated file',
      good.slice(0, good.length - 200),
      /truncated|outside the file|declares \d+ bytes|LiteRT\.js rejected the model/,
    ],
    [
      'a model whose layer does not fit its input',
      buildFloatFullyConnected({ ...mnistSpec, inputSize: 785, weights: new Float32Array(7850) }),
      /Failed to allocate tensors/,
    ],
    ['an empty file', new Uint8Array(0), /truncated: 0 bytes/],
  ];
  it.each(cases)('%s', async (_name, bytes, message) => {
    const labels = new Uint8Array(2);
    await expect(evaluateTflite(bytes, images.subarray(0, 2 * 784), labels)).rejects.toThrow(message);
  });

  it('keeps working after errors', async () => {
    const got = await predictTflite(good, pixelsOf(0));
    expect(got[0]).toBeCloseTo(denseReference(mnistSpec, pixelsOf(0))[0]!, 4);
  });

  it('rejects a model whose input is not an MNIST image', async () => {
    const small = buildFloatFullyConnected({
      inputSize: 4,
      units: 2,
      weights: new Float32Array(8),
      bias: new Float32Array(2),
    });
    await expect(predictTflite(small, new Float32Array(784))).rejects.toThrow(/expected 784 values/);
  });

  it('decodes integer outputs with the output parameters', () => {
    const out = decodeOutput(new Uint8Array(new Int8Array([-128, 0, 127]).buffer), {
      name: 'y',
      type: 'int8',
      shape: [3],
      quant: { scale: 1 / 256, zeroPoint: -128 },
    });
    expect(Array.from(out)).toEqual([0, 128 / 256, 255 / 256]);
  });
});

describe('the evaluation loop encodes and decodes as encodeInput / decodeOutput do', () => {
  const shape = [1, 28, 28, 1];
  const inputs: [string, IoTensorInfo][] = [
    ['float32', { name: 'x', type: 'float32', shape }],
    ['int8 at 1/255, zero point -128', { name: 'x', type: 'int8', shape, quant: { scale: 1 / 255, zeroPoint: -128 } }],
    ['int8 at an odd scale', { name: 'x', type: 'int8', shape, quant: { scale: 0.0071, zeroPoint: -3 } }],
    ['uint8 without parameters', { name: 'x', type: 'uint8', shape }],
    ['int16', { name: 'x', type: 'int16', shape, quant: { scale: 1 / 32767, zeroPoint: 0 } }],
  ];
  for (const [what, input] of inputs) {
    for (const range of ['0-1', '0-255'] as const) {
      it(`pixelEncoder: ${what}, range ${range}`, () => {
        const encode = pixelEncoder(images, input, range);
        for (let i = 0; i < imageCount; i++) {
          const pixels = Float32Array.from(images.subarray(i * 784, (i + 1) * 784), (p) => p / 255);
          expect(encode(i)).toEqual(encodeInput(pixels, input, range));
        }
      });
    }
  }

  const outputs: [string, IoTensorInfo, Uint8Array][] = [
    ['float32', { name: 'y', type: 'float32', shape: [1, 10] }, new Uint8Array(seeded(10, 9).buffer)],
    [
      'int8 with a tie',
      { name: 'y', type: 'int8', shape: [1, 10], quant: { scale: 1 / 256, zeroPoint: -128 } },
      new Uint8Array(new Int8Array([-128, 5, 90, -7, 90, 0, 1, 2, 3, 4]).buffer),
    ],
    [
      'int16',
      { name: 'y', type: 'int16', shape: [1, 10], quant: { scale: 1 / 32768, zeroPoint: 0 } },
      new Uint8Array(new Int16Array([0, 300, -2, 32767, 5, 6, 7, 8, 9, 10]).buffer),
    ],
  ];
  for (const [what, output, bytes] of outputs) {
    it(`outputArgmax: ${what}`, () => {
      const decoded = decodeOutput(bytes, output);
      const expected = decoded.indexOf(Math.max(...decoded));
      expect(outputArgmax(output)(bytes)).toBe(expected);
    });
  }
});
