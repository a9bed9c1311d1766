/**
 * Reads what the runtime needs to feed a .tflite that LiteRT.js does not expose: the element type,
 * shape and quantization parameters of subgraph 0's inputs and outputs. LiteRT's embind API gives
 * types and shapes but no scale / zero point.
 *
 * Field ids are from TensorFlow's `tensorflow/lite/schema/schema.fbs`:
 * Model{version 0, operator_codes 1, subgraphs 2, description 3, buffers 4},
 * SubGraph{tensors 0, inputs 1, outputs 2, operators 3, name 4},
 * Tensor{shape 0, type 1, buffer 2, name 3, quantization 4},
 * QuantizationParameters{min 0, max 1, scale 2, zero_point 3}.
 */
import { ByteBuffer } from 'flatbuffers';

/** TFLite TensorType values (schema.fbs) that the runtime knows how to feed or read. */
export const TFLITE_TENSOR_TYPES = { 0: 'float32', 2: 'int32', 3: 'uint8', 7: 'int16', 9: 'int8' } as const;
export type IoType = (typeof TFLITE_TENSOR_TYPES)[keyof typeof TFLITE_TENSOR_TYPES];

/** Per-tensor quantization of an I/O tensor: real = scale * (q - zeroPoint). */
export interface IoQuant {
  scale: number;
  zeroPoint: number;
}

export interface IoTensorInfo {
  name: string;
  type: IoType;
  shape: number[];
  /** Present for quantized (integer) I/O tensors. */
  quant?: IoQuant;
}

export interface TfliteIo {
  inputs: IoTensorInfo[];
  outputs: IoTensorInfo[];
}

/** The bytes are not a readable .tflite FlatBuffer; the message says what was wrong. */
export class TfliteFormatError extends Error {
  constructor(message: string) {
    super(`File format is not tflite.Model (${message})`);
    this.name = 'TfliteFormatError';
  }
}

function fieldOffset(bb: ByteBuffer, table: number, id: number): number {
  checkOffset(bb, table, 4);
  checkOffset(bb, table - bb.readInt32(table), 4);
  return bb.__offset(table, 4 + 2 * id);
}

/** Start and length of a vector field, checked to lie inside the file (corrupt files give wild lengths). */
function vectorBounds(bb: ByteBuffer, table: number, o: number, elementBytes: number): { start: number; length: number } {
  const start = bb.__vector(table + o);
  const length = bb.__vector_len(table + o);
  if (start < 0 || length < 0 || start + length * elementBytes > bb.capacity()) {
    throw new TfliteFormatError(`vector at byte ${start} with ${length} elements runs past the end of the file (${bb.capacity()} bytes)`);
  }
  return { start, length };
}

function checkOffset(bb: ByteBuffer, offset: number, bytes: number): number {
  if (!Number.isInteger(offset) || offset < 0 || offset + bytes > bb.capacity()) {
    throw new TfliteFormatError(`offset ${offset} is outside the file (${bb.capacity()} bytes)`);
  }
  return offset;
}

function tableVector(bb: ByteBuffer, table: number, id: number): number[] {
  const o = fieldOffset(bb, table, id);
  if (!o) return [];
  const { start, length } = vectorBounds(bb, table, o, 4);
  return Array.from({ length }, (_, i) => bb.__indirect(start + 4 * i));
}

function int32Vector(bb: ByteBuffer, table: number, id: number): number[] {
  const o = fieldOffset(bb, table, id);
  if (!o) return [];
  const { start, length } = vectorBounds(bb, table, o, 4);
  return Array.from({ length }, (_, i) => bb.readInt32(start + 4 * i));
}

function readTensor(bb: ByteBuffer, tensors: number[], index: number, role: string): IoTensorInfo {
  const table = tensors[index];
  if (table === undefined || index < 0) throw new TfliteFormatError(`${role} tensor index ${index} out of range (${tensors.length} tensors)`);
  const typeOffset = fieldOffset(bb, table, 1);
  const typeCode = typeOffset ? bb.readInt8(table + typeOffset) : 0;
  const type = TFLITE_TENSOR_TYPES[typeCode as keyof typeof TFLITE_TENSOR_TYPES];
  if (!type) throw new TfliteFormatError(`${role} tensor ${index} has unsupported TensorType ${typeCode}`);
  const nameOffset = fieldOffset(bb, table, 3);
  const name = nameOffset ? (bb.__string(table + nameOffset) as string) : `tensor_${index}`;
  const info: IoTensorInfo = { name, type, shape: int32Vector(bb, table, 0) };
  const quantOffset = fieldOffset(bb, table, 4);
  if (quantOffset && type !== 'float32') {
    const q = checkOffset(bb, bb.__indirect(table + quantOffset), 4);
    const scaleOffset = fieldOffset(bb, q, 2);
    const zpOffset = fieldOffset(bb, q, 3);
    const scales = scaleOffset ? vectorBounds(bb, q, scaleOffset, 4) : { start: 0, length: 0 };
    const zeroPoints = zpOffset ? vectorBounds(bb, q, zpOffset, 8) : { start: 0, length: 0 };
    if (scales.length > 0) {
      const scale = bb.readFloat32(scales.start);
      const zeroPoint = zeroPoints.length > 0 ? Number(bb.readInt64(zeroPoints.start)) : 0;
      info.quant = { scale, zeroPoint };
    }
  }
  return info;
}

/**
 * Reads subgraph 0's input and output tensors of a .tflite file.
 * @throws TfliteFormatError when the bytes are not a .tflite FlatBuffer (no `TFL3` identifier,
 *   no subgraph, offsets out of range).
 */
export function readTfliteIo(bytes: Uint8Array): TfliteIo {
  if (bytes.length < 8) throw new TfliteFormatError(`only ${bytes.length} bytes`);
  const bb = new ByteBuffer(bytes);
  if (!bb.__has_identifier('TFL3')) {
    const id = Array.from(bytes.subarray(4, 8), (c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : '.')).join('');
    throw new TfliteFormatError(`file identifier is '${id}', expected 'TFL3'`);
  }
  try {
    const root = checkOffset(bb, bb.readInt32(0), 4);
    const subgraphs = tableVector(bb, root, 2);
    const subgraph = subgraphs[0];
    if (subgraph === undefined) throw new TfliteFormatError('model has no subgraph');
    const tensors = tableVector(bb, subgraph, 0);
    return {
      inputs: int32Vector(bb, subgraph, 1).map((i) => readTensor(bb, tensors, i, 'input')),
      outputs: int32Vector(bb, subgraph, 2).map((i) => readTensor(bb, tensors, i, 'output')),
    };
  } catch (error) {
    if (error instanceof TfliteFormatError) throw error;
    throw new TfliteFormatError(`cannot read the FlatBuffer: ${error instanceof Error ? error.message : String(error)}`);
  }
}
