/**
 * An estimate (not a measurement) of what TensorFlow Lite Micro's interpreter keeps in the persistent tail of
 * the arena besides the planned tensors. What tflite-micro's `tensorflow/lite/micro/micro_allocator.cc`
 * allocates there: the allocator objects and the greedy planner (StartModelAllocation), one TfLiteEvalTensor
 * per tensor (AllocateTfLiteEvalTensors), one NodeAndRegistration per op (AllocateNodeAndRegistrations), each
 * op's builtin options and OpData (kernels' Init/Prepare), per-channel output multipliers and shifts for conv
 * and FC (2 x int32 per output channel), and for an int16 SOFTMAX two 513-entry int16 lookup tables, each
 * 16-byte aligned (`kernels/softmax_common.cc` InitializeLutForInt16).
 *
 * The costs were fitted to TFLite Micro itself (revision 90b983c, reference kernels, built with g++ on a 64-bit
 * host, RecordingMicroAllocator's persistent bytes) for every preset x mode the lab writes: the estimate is 0 to
 * 144 bytes above what was measured there. A 32-bit microcontroller has half-size pointers, so it needs less;
 * measure the exact figure on the device with RecordingMicroAllocator.
 */
import type { TfliteModelInfo } from '../tflite/read-tflite';

/** Byte costs assumed by the estimate (fitted on a 64-bit host build of TFLM; see above). */
export const OVERHEAD_COSTS = {
  fixed: 512,
  perTensor: 64,
  perOp: 64,
  /** Output channels of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, whatever their type. */
  perChannel: 8,
  /** Any quantized tensor in the file (quantization parameters kept for the kernels). */
  quantized: 64,
  /** 2 x alignUp(513 x 2 bytes, 16). */
  int16SoftmaxLuts: 2 * 1040,
} as const;

const PER_CHANNEL_OPS = new Set(['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED']);

/** Estimated persistent bytes for the model's first subgraph; see the module comment. */
export function estimateInterpreterOverhead(info: TfliteModelInfo): number {
  const sg = info.subgraphs[0];
  if (!sg) return OVERHEAD_COSTS.fixed;
  let bytes =
    OVERHEAD_COSTS.fixed + OVERHEAD_COSTS.perTensor * sg.tensors.length + OVERHEAD_COSTS.perOp * sg.ops.length;
  if (sg.tensors.some((t) => t.quant)) bytes += OVERHEAD_COSTS.quantized;
  for (const op of sg.ops) {
    const out = sg.tensors[op.outputs[0] ?? -1];
    if (out && PER_CHANNEL_OPS.has(op.opName))
      bytes += OVERHEAD_COSTS.perChannel * (out.shape[out.shape.length - 1] ?? 1);
    if (op.opName === 'SOFTMAX' && sg.tensors[op.inputs[0] ?? -1]?.type === 'INT16') {
      bytes += OVERHEAD_COSTS.int16SoftmaxLuts;
    }
  }
  return bytes;
}
