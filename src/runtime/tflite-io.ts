/**
 * What the runtime needs to feed a .tflite that LiteRT.js does not expose: the element type, shape
 * and quantization parameters of subgraph 0's inputs and outputs (LiteRT's API gives types and
 * shapes but no scale / zero point). Read with the core's bounds-checked inspector.
 */
import { inspectTflite, type TfliteTensorInfo } from '../core/tflite/inspect-tflite';
import { TfliteFormatError } from '../core/tflite/errors';

export { TfliteFormatError };

/** Element types the runtime knows how to feed or read, by TFLite TensorType name. */
const IO_TYPES = { FLOAT32: 'float32', INT32: 'int32', UINT8: 'uint8', INT16: 'int16', INT8: 'int8' } as const;
export type IoType = (typeof IO_TYPES)[keyof typeof IO_TYPES];

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

function ioTensor(t: TfliteTensorInfo | undefined, index: number, role: string): IoTensorInfo {
  if (!t) throw new TfliteFormatError({ code: 'tflite-io-index', role, index });
  const type = IO_TYPES[t.type as keyof typeof IO_TYPES];
  if (!type) throw new TfliteFormatError({ code: 'tflite-io-type', role, tensor: t.name, type: t.type });
  const info: IoTensorInfo = { name: t.name || `tensor_${index}`, type, shape: t.shape };
  if (type !== 'float32' && t.quant && t.quant.scale.length > 0) {
    info.quant = { scale: t.quant.scale[0], zeroPoint: t.quant.zeroPoint[0] ?? 0 };
  }
  return info;
}

/**
 * Reads subgraph 0's input and output tensors of a .tflite file.
 * @throws TfliteFormatError when the bytes are not a .tflite FlatBuffer or have no subgraph.
 */
export function readTfliteIo(bytes: Uint8Array): TfliteIo {
  const subgraph = inspectTflite(bytes).subgraphs[0];
  if (!subgraph) throw new TfliteFormatError({ code: 'tflite-no-subgraph' });
  return {
    inputs: subgraph.inputs.map((i) => ioTensor(subgraph.tensors[i], i, 'input')),
    outputs: subgraph.outputs.map((i) => ioTensor(subgraph.tensors[i], i, 'output')),
  };
}
