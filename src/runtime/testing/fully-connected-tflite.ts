/**
 * Test fixture: a hand-built one-op .tflite (FULLY_CONNECTED), in
 * float32 or full int8 (int8 input and output), written straight with the `flatbuffers` Builder so the
 * runtime tests do not depend on the lab's own writer. Field ids follow TensorFlow's
 * `tensorflow/lite/schema/schema.fbs` (Model, SubGraph, Tensor, Operator, QuantizationParameters).
 */
import { Builder } from 'flatbuffers';

/** y[u] = sum_i w[u, i] * x[i] + b[u]; weights row-major [units, in] as TFLite stores them. */
export interface FullyConnectedSpec {
  inputSize: number;
  units: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Shape of the input tensor (default [1, inputSize]); FULLY_CONNECTED flattens it, e.g. [1, 28, 28, 1]. */
  inputShape?: number[];
}

/** int8 parameters: real = scale * (q - zeroPoint). Weights symmetric (zero point 0), bias int32 at inScale * wScale. */
export interface Int8Params {
  inScale: number;
  inZeroPoint: number;
  weightScale: number;
  outScale: number;
  outZeroPoint: number;
}

const TENSOR_FLOAT32 = 0;
const TENSOR_INT32 = 2;
const TENSOR_INT8 = 9;
const BUILTIN_FULLY_CONNECTED = 9;
const OPTIONS_FULLY_CONNECTED = 8;

interface TensorDef {
  name: string;
  shape: number[];
  type: number;
  buffer: number;
  quant?: { scale: number; zeroPoint: number };
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function writeModel(tensors: TensorDef[], constants: Uint8Array[], opVersion: number): Uint8Array {
  const b = new Builder(1024);
  // buffers[0] is the mandatory empty buffer; constants follow (tensor.buffer points at them).
  const bufferOffsets = [startEmptyBuffer(b)];
  for (const data of constants) {
    b.startVector(1, data.length, 16); // Buffer.data is force_align: 16
    for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]!);
    const vec = b.endVector();
    b.startObject(3);
    b.addFieldOffset(0, vec, 0);
    bufferOffsets.push(b.endObject());
  }
  const tensorOffsets = tensors.map((t) => {
    const name = b.createString(t.name);
    const shape = createIntVector(b, t.shape);
    let quant = 0;
    if (t.quant) {
      b.startVector(4, 1, 4);
      b.addFloat32(t.quant.scale);
      const scale = b.endVector();
      b.startVector(8, 1, 8);
      b.addInt64(BigInt(t.quant.zeroPoint));
      const zp = b.endVector();
      b.startObject(7);
      b.addFieldOffset(2, scale, 0);
      b.addFieldOffset(3, zp, 0);
      quant = b.endObject();
    }
    b.startObject(9);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, t.type, -1); // default is FLOAT32 (0): force-write
    b.addFieldInt32(2, t.buffer, -1);
    b.addFieldOffset(3, name, 0);
    if (quant) b.addFieldOffset(4, quant, 0);
    return b.endObject();
  });
  const fcOptions = (() => {
    b.startObject(4);
    return b.endObject();
  })();
  const opInputs = createIntVector(b, [0, 1, 2]);
  const opOutputs = createIntVector(b, [3]);
  b.startObject(9);
  b.addFieldInt32(0, 0, -1);
  b.addFieldOffset(1, opInputs, 0);
  b.addFieldOffset(2, opOutputs, 0);
  b.addFieldInt8(3, OPTIONS_FULLY_CONNECTED, 0);
  b.addFieldOffset(4, fcOptions, 0);
  const op = b.endObject();

  const tensorsVec = createOffsetVector(b, tensorOffsets);
  const inputs = createIntVector(b, [0]);
  const outputs = createIntVector(b, [3]);
  const operators = createOffsetVector(b, [op]);
  const sgName = b.createString('main');
  b.startObject(5);
  b.addFieldOffset(0, tensorsVec, 0);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  b.addFieldOffset(3, operators, 0);
  b.addFieldOffset(4, sgName, 0);
  const subgraph = b.endObject();

  b.startObject(4);
  b.addFieldInt8(0, BUILTIN_FULLY_CONNECTED, 0);
  b.addFieldInt32(2, opVersion, 1);
  b.addFieldInt32(3, BUILTIN_FULLY_CONNECTED, 0);
  const opcode = b.endObject();

  const opcodes = createOffsetVector(b, [opcode]);
  const subgraphs = createOffsetVector(b, [subgraph]);
  const buffers = createOffsetVector(b, bufferOffsets);
  const description = b.createString('Quantization Lab runtime test fixture');
  b.startObject(8);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, opcodes, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(3, description, 0);
  b.addFieldOffset(4, buffers, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

function startEmptyBuffer(b: Builder): number {
  b.startObject(3);
  return b.endObject();
}

function createIntVector(b: Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]!);
  return b.endVector();
}

function createOffsetVector(b: Builder, offsets: number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
  return b.endVector();
}

/** A float32 FULLY_CONNECTED model: input float32 [1, inputSize], output float32 [1, units]. */
export function buildFloatFullyConnected(spec: FullyConnectedSpec): Uint8Array {
  const { inputSize, units } = spec;
  return writeModel(
    [
      { name: 'input', shape: spec.inputShape ?? [1, inputSize], type: TENSOR_FLOAT32, buffer: 0 },
      { name: 'weights', shape: [units, inputSize], type: TENSOR_FLOAT32, buffer: 1 },
      { name: 'bias', shape: [units], type: TENSOR_FLOAT32, buffer: 2 },
      { name: 'output', shape: [1, units], type: TENSOR_FLOAT32, buffer: 0 },
    ],
    [bytesOf(spec.weights), bytesOf(spec.bias)],
    1,
  );
}

/**
 * A full-int8 FULLY_CONNECTED model with int8 input and output (as the converter's int8-I/O mode
 * writes them): weights quantized symmetrically per tensor, bias int32 at inScale * weightScale.
 * Returns the bytes and the quantized weights/bias so a test can compute the expected output.
 */
export function buildInt8FullyConnected(
  spec: FullyConnectedSpec,
  q: Int8Params,
): { bytes: Uint8Array; weights: Int8Array; bias: Int32Array } {
  const { inputSize, units } = spec;
  const weights = Int8Array.from(spec.weights, (w) => Math.max(-127, Math.min(127, Math.round(w / q.weightScale))));
  const bias = Int32Array.from(spec.bias, (v) => Math.round(v / (q.inScale * q.weightScale)));
  const bytes = writeModel(
    [
      {
        name: 'input',
        shape: spec.inputShape ?? [1, inputSize],
        type: TENSOR_INT8,
        buffer: 0,
        quant: { scale: q.inScale, zeroPoint: q.inZeroPoint },
      },
      {
        name: 'weights',
        shape: [units, inputSize],
        type: TENSOR_INT8,
        buffer: 1,
        quant: { scale: q.weightScale, zeroPoint: 0 },
      },
      {
        name: 'bias',
        shape: [units],
        type: TENSOR_INT32,
        buffer: 2,
        quant: { scale: q.inScale * q.weightScale, zeroPoint: 0 },
      },
      {
        name: 'output',
        shape: [1, units],
        type: TENSOR_INT8,
        buffer: 0,
        quant: { scale: q.outScale, zeroPoint: q.outZeroPoint },
      },
    ],
    [bytesOf(weights), bytesOf(bias)],
    4,
  );
  return { bytes, weights, bias };
}
