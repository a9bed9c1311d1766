import { describe, expect, it } from 'vitest';
import { readTfliteIo, TfliteFormatError } from './tflite-io';
import { buildFloatFullyConnected, buildInt8FullyConnected } from './testing/fully-connected-tflite';

const spec = { inputSize: 4, units: 3, weights: new Float32Array(12).fill(0.5), bias: new Float32Array(3) };

describe('readTfliteIo', () => {
  it('reads float32 I/O', () => {
    const io = readTfliteIo(buildFloatFullyConnected({ ...spec, inputShape: [1, 2, 2, 1] }));
    expect(io.inputs).toEqual([{ name: 'input', type: 'float32', shape: [1, 2, 2, 1] }]);
    expect(io.outputs).toEqual([{ name: 'output', type: 'float32', shape: [1, 3] }]);
  });

  it('reads int8 I/O with quantization parameters', () => {
    const { bytes } = buildInt8FullyConnected(spec, {
      inScale: 1 / 255,
      inZeroPoint: -128,
      weightScale: 0.01,
      outScale: 1 / 256,
      outZeroPoint: -128,
    });
    const io = readTfliteIo(bytes);
    expect(io.inputs[0]).toEqual({
      name: 'input',
      type: 'int8',
      shape: [1, 4],
      quant: { scale: Math.fround(1 / 255), zeroPoint: -128 },
    });
    expect(io.outputs[0]).toEqual({
      name: 'output',
      type: 'int8',
      shape: [1, 3],
      quant: { scale: 1 / 256, zeroPoint: -128 },
    });
  });

  it.each([
    ['empty', new Uint8Array(0), /truncated: 0 bytes/],
    ['wrong identifier', new TextEncoder().encode('\u0010\u0000\u0000\u0000ABCDxxxxxxxx'), /identifier "ABCD"/],
  ])('rejects %s input', (_name, bytes, message) => {
    expect(() => readTfliteIo(bytes)).toThrow(TfliteFormatError);
    expect(() => readTfliteIo(bytes)).toThrow(message);
  });

  it('rejects a file whose vectors run past its end instead of allocating them', () => {
    const bytes = buildFloatFullyConnected(spec);
    // Damage every 7th byte after the header: lengths and offsets become wild.
    for (let i = 40; i < bytes.length; i += 7) bytes[i]! ^= 0x5a;
    expect(() => readTfliteIo(bytes)).toThrow(TfliteFormatError);
  });
});
