/** Mapping between the lab's DType names and TFLite TensorType ids (schema.ts). */
import type { DType } from '../graph/graph';
import { TensorType } from './schema';

export const DTYPE_TO_TENSOR_TYPE: Record<DType, number> = {
  float32: TensorType.FLOAT32,
  float16: TensorType.FLOAT16,
  int32: TensorType.INT32,
  uint8: TensorType.UINT8,
  int64: TensorType.INT64,
  int16: TensorType.INT16,
  int8: TensorType.INT8,
  int4: TensorType.INT4,
};

/** The lab DType of a TensorType id, or null when the lab has no such type (STRING, BOOL, ...). */
export function tensorTypeToDType(type: number): DType | null {
  for (const [dtype, id] of Object.entries(DTYPE_TO_TENSOR_TYPE)) {
    if (id === type) return dtype as DType;
  }
  return null;
}
