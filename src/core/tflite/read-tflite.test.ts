import { Builder } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { SMALL_GRAPHS, smallFloat16Graph, smallInt8Graph } from './testing/graph-fixtures';
import { constantValues, inspectTflite, readTflite, tensorValues, TfliteFormatError } from './read-tflite';
import { BUILTIN_OPERATOR_NAMES, BUILTIN_OPTIONS_NAMES } from './schema';
import { writeTflite } from './write-tflite';

interface HandTensor {
  name: string;
  type: number;
  shape: number[];
  data?: Uint8Array;
  emptyQuant?: boolean;
}
interface HandOp {
  code: number;
  custom?: string;
  optionsType?: number;
  inputs: number[];
  outputs: number[];
}

/**
 * Builds a .tflite by hand the way TF's converter lays it out (empty quantization tables, shape_signature,
 * has_rank, one buffer per tensor), with whatever ops and types the test needs. `dataAlign` lets a test
 * write misaligned buffer data.
 */
function handModel(tensors: HandTensor[], ops: HandOp[], dataAlign = 16): Uint8Array {
  const b = new Builder(1024);
  const vecI32 = (v: number[]): number => {
    b.startVector(4, v.length, 4);
    for (let i = v.length - 1; i >= 0; i--) b.addInt32(v[i]!);
    return b.endVector();
  };
  const vecOff = (v: number[]): number => {
    b.startVector(4, v.length, 4);
    for (let i = v.length - 1; i >= 0; i--) b.addOffset(v[i]!);
    return b.endVector();
  };
  const buffers: number[] = [];
  const bufferFor = (data?: Uint8Array): number => {
    let dataOff = 0;
    if (data) {
      b.startVector(1, data.length, dataAlign);
      if (dataAlign === 1) b.addInt8(0); // push the data off any 16-byte boundary
      for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]!);
      dataOff = b.endVector();
    }
    b.startObject(1);
    if (dataOff) b.addFieldOffset(0, dataOff, 0);
    buffers.push(b.endObject());
    return buffers.length - 1;
  };
  bufferFor();
  const tensorOffs = tensors.map((t) => {
    const buffer = t.data ? bufferFor(t.data) : bufferFor();
    const shape = vecI32(t.shape);
    const sig = vecI32(t.shape);
    const name = b.createString(t.name);
    b.startObject(0);
    const quant = b.endObject(); // empty QuantizationParameters, as the converter writes
    b.startObject(9);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, t.type, 0);
    b.addFieldInt32(2, buffer, 0);
    b.addFieldOffset(3, name, 0);
    if (t.emptyQuant !== false) b.addFieldOffset(4, quant, 0);
    b.addFieldOffset(7, sig, 0);
    b.addFieldInt8(8, 1, 0);
    return b.endObject();
  });
  const codes: number[] = [];
  const opOffs = ops.map((op) => {
    const custom = op.custom ? b.createString(op.custom) : 0;
    b.startObject(4);
    b.addFieldInt8(0, Math.min(op.code, 127), 0);
    if (custom) b.addFieldOffset(1, custom, 0);
    b.addFieldInt32(2, 1, 1);
    b.addFieldInt32(3, op.code, 0);
    codes.push(b.endObject());
    const inputs = vecI32(op.inputs);
    const outputs = vecI32(op.outputs);
    let options = 0;
    if (op.optionsType) {
      b.startObject(0);
      options = b.endObject();
    }
    b.startObject(5);
    b.addFieldInt32(0, codes.length - 1, 0);
    b.addFieldOffset(1, inputs, 0);
    b.addFieldOffset(2, outputs, 0);
    if (options) {
      b.addFieldInt8(3, op.optionsType!, 0);
      b.addFieldOffset(4, options, 0);
    }
    return b.endObject();
  });
  const tv = vecOff(tensorOffs);
  const ov = vecOff(opOffs);
  const ins = vecI32([0]);
  const outs = vecI32([tensors.length - 1]);
  b.startObject(5);
  b.addFieldOffset(0, tv, 0);
  b.addFieldOffset(1, ins, 0);
  b.addFieldOffset(2, outs, 0);
  b.addFieldOffset(3, ov, 0);
  const sg = b.endObject();
  const codesV = vecOff(codes);
  const sgV = vecOff([sg]);
  const desc = b.createString('MLIR Converted.');
  const bufV = vecOff(buffers);
  b.startObject(8);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, codesV, 0);
  b.addFieldOffset(2, sgV, 0);
  b.addFieldOffset(3, desc, 0);
  b.addFieldOffset(4, bufV, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

const f32 = (values: number[]): Uint8Array => new Uint8Array(new Float32Array(values).buffer);

/** A converter-style file with ops the lab does not model (one past code 127, one custom). */
function foreignModel(): Uint8Array {
  return handModel(
    [
      { name: 'a', type: 0, shape: [1, 4] },
      { name: 'b', type: 0, shape: [1, 4], data: f32([1, 2, 3, 4]) },
      { name: 'words', type: 5, shape: [2] },
      { name: 'c', type: 0, shape: [1, 4] },
    ],
    [
      {
        code: BUILTIN_OPERATOR_NAMES.indexOf('SQUARED_DIFFERENCE'),
        optionsType: BUILTIN_OPTIONS_NAMES.indexOf('SquaredDifferenceOptions'),
        inputs: [0, 1],
        outputs: [3],
      },
      { code: BUILTIN_OPERATOR_NAMES.indexOf('GELU'), inputs: [3], outputs: [3] },
      { code: 32, custom: 'MyOp', inputs: [3, 2], outputs: [3] },
    ],
  );
}

function expectFormatError(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TfliteFormatError);
  expect((error as TfliteFormatError).internal).toBe(false);
  expect((error as Error).message).toMatch(message);
}

describe('inspectTflite on files from other writers', () => {
  it('names every op, keeps unknown options as names, drops empty quantization tables', () => {
    const info = inspectTflite(foreignModel());
    expect(info.description).toBe('MLIR Converted.');
    expect(info.operatorCodes.map((c) => c.name)).toEqual(['SQUARED_DIFFERENCE', 'GELU', 'CUSTOM:MyOp']);
    expect(info.operatorCodes[1]!.code).toBe(150);
    const sg = info.subgraphs[0]!;
    expect(sg.ops.map((o) => o.opName)).toEqual(['SQUARED_DIFFERENCE', 'GELU', 'CUSTOM:MyOp']);
    expect(sg.ops[0]!.optionsType).toBe('SquaredDifferenceOptions');
    expect(sg.ops[0]!.options).toBeUndefined();
    expect(sg.tensors.map((t) => [t.name, t.type, t.dtype])).toEqual([
      ['a', 'FLOAT32', 'float32'],
      ['b', 'FLOAT32', 'float32'],
      ['words', 'STRING', null],
      ['c', 'FLOAT32', 'float32'],
    ]);
    expect(sg.tensors.every((t) => t.quant === undefined)).toBe(true);
    expect(Array.from(tensorValues(foreignModel(), info, 0, 1)!)).toEqual([1, 2, 3, 4]);
    expect(tensorValues(foreignModel(), info, 0, 0)).toBeNull();
    expect(info.warnings).toEqual([]);
  });

  it('readTflite refuses operators the lab does not model', () => {
    expectFormatError(() => readTflite(foreignModel()), /unsupported operator SQUARED_DIFFERENCE/);
  });

  it('remarks on misaligned buffer data (no warning) and still reads it', () => {
    const bytes = handModel(
      [
        { name: 'x', type: 0, shape: [1, 3] },
        { name: 'w', type: 0, shape: [2, 3], data: f32([1, 2, 3, 4, 5, 6]) },
        { name: 'y', type: 0, shape: [1, 2] },
      ],
      [{ code: 9, inputs: [0, 1], outputs: [2] }],
      1,
    );
    const info = inspectTflite(bytes);
    expect(info.warnings).toEqual([]);
    expect(info.remarks.some((r) => /not aligned to 16 bytes, as TensorFlow’s converter/.test(r))).toBe(true);
    const graph = readTflite(bytes);
    expect(graph.ops[0]).toMatchObject({ kind: 'FULLY_CONNECTED', activation: 'NONE', keepNumDims: false });
    expect(Array.from(new Float32Array(graph.tensors[1]!.data!.slice().buffer))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('constantValues', () => {
  it('reads int8 weights raw and dequantized per channel', () => {
    const graph = smallInt8Graph();
    const bytes = writeTflite(graph);
    const info = inspectTflite(bytes);
    const w = info.subgraphs[0]!.tensors.find((t) => t.name === 'conv/w')!;
    const raw = Int8Array.from(graph.tensors.find((t) => t.name === 'conv/w')!.data!, (b) => (b << 24) >> 24);
    expect(Array.from(constantValues(bytes, w)!)).toEqual(Array.from(raw));
    const deq = constantValues(bytes, w, { dequantize: true })!;
    // Shape [3, 3, 3, 1], per channel on dim 0: 9 elements per output channel.
    for (let i = 0; i < raw.length; i++) {
      expect(deq[i]).toBeCloseTo(w.quant!.scale[Math.floor(i / 9)]! * raw[i]!, 12);
    }
  });

  it('decodes float16 constants', () => {
    const graph = smallFloat16Graph();
    const bytes = writeTflite(graph);
    const info = inspectTflite(bytes);
    const t = info.subgraphs[0]!.tensors.find((x) => x.name === 'conv/b16')!;
    const halves = new Uint16Array(graph.tensors.find((x) => x.name === 'conv/b16')!.data!.slice().buffer);
    const values = constantValues(bytes, t)!;
    halves.forEach((h, i) => {
      const exp = (h >> 10) & 31;
      const expected =
        exp === 31
          ? h & 1023
            ? NaN
            : (h & 0x8000 ? -1 : 1) * Infinity
          : (h & 0x8000 ? -1 : 1) * (exp === 0 ? (h & 1023) * 2 ** -24 : (1 + (h & 1023) / 1024) * 2 ** (exp - 15));
      expect(values[i]).toBe(expected);
    });
  });
});

describe('format errors', () => {
  const valid = (): Uint8Array => writeTflite(SMALL_GRAPHS['int8']!());

  it('rejects files shorter than 8 bytes', () => {
    for (const n of [0, 1, 7]) {
      expectFormatError(() => inspectTflite(new Uint8Array(n)), /truncated/);
      expectFormatError(() => readTflite(new Uint8Array(n)), /truncated/);
    }
  });

  it('rejects a wrong identifier', () => {
    const bytes = valid();
    bytes.set([88, 88, 88, 88], 4);
    expectFormatError(() => readTflite(bytes), /^File format is not tflite\.Model \(identifier "XXXX"\)/);
  });

  it('rejects a root offset outside the file', () => {
    const bytes = valid();
    new DataView(bytes.buffer).setUint32(0, bytes.length + 4, true);
    expectFormatError(() => inspectTflite(bytes), /root offset/);
  });

  it('rejects truncated files', () => {
    const bytes = valid();
    for (const n of [8, 64, bytes.length >> 1, bytes.length - 1]) {
      expectFormatError(() => readTflite(bytes.subarray(0, n)), /truncated|declares|outside/);
    }
  });

  it('names the buffer that declares more bytes than the file has', () => {
    const bytes = valid();
    const info = inspectTflite(bytes);
    const b = info.buffers[3]!;
    new DataView(bytes.buffer).setUint32(b.offset - 4, 4_000_000_000, true);
    expectFormatError(
      () => readTflite(bytes),
      new RegExp(`^buffer 3 declares 4000000000 bytes but the file has ${bytes.length}`),
    );
  });

  it('rejects tensor types the lab does not use, in readTflite only', () => {
    const bytes = handModel(
      [
        { name: 'x', type: 6, shape: [1] },
        { name: 'y', type: 6, shape: [1] },
      ],
      [{ code: 22, inputs: [0], outputs: [1] }],
    );
    expect(inspectTflite(bytes).subgraphs[0]!.tensors[0]!.type).toBe('BOOL');
    expectFormatError(() => readTflite(bytes), /unsupported tensor type BOOL/);
  });

  it('rejects random bytes', () => {
    const bytes = new Uint8Array(256);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 73 + 41) & 255;
    expectFormatError(() => readTflite(bytes), /File format is not tflite\.Model/);
  });
});
