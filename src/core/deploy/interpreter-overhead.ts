/**
 * An estimate (not a measurement) of what TensorFlow Lite Micro's interpreter keeps in the persistent tail of
 * the arena besides the planned tensors, for a 32-bit microcontroller. What tflite-micro's
 * `tensorflow/lite/micro/micro_allocator.cc` allocates there: the allocator objects and the greedy planner
 * (StartModelAllocation), one TfLiteEvalTensor per tensor (AllocateTfLiteEvalTensors), one
 * NodeAndRegistration per op (AllocateNodeAndRegistrations), each op's builtin options and OpData (kernels' Init),
 * per-channel output multipliers and shifts for quantized conv and FC (2 x int32 per output channel), and for an
 * int16 SOFTMAX two 513-entry int16 lookup tables (`kernels/softmax_common.cc` InitializeLutForInt16). The exact
 * figure depends on the TFLM version and build; measure it with RecordingMicroAllocator on the device.
 */
import type { TfliteModelInfo } from '../tflite/read-tflite';

/** Byte costs assumed by the estimate (32-bit pointers). */
export const OVERHEAD_COSTS = {
  fixed: 512,
  perTensor: 16,
  perOp: 96,
  perQuantizedChannel: 8,
  int16SoftmaxLuts: 2 * 513 * 2,
} as const;

const PER_CHANNEL_OPS = new Set(['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED']);

/** Estimated persistent bytes for the model's first subgraph; see the module comment. */
export function estimateInterpreterOverhead(info: TfliteModelInfo): number {
  const sg = info.subgraphs[0];
  if (!sg) return OVERHEAD_COSTS.fixed;
  let bytes =
    OVERHEAD_COSTS.fixed + OVERHEAD_COSTS.perTensor * sg.tensors.length + OVERHEAD_COSTS.perOp * sg.ops.length;
  for (const op of sg.ops) {
    const out = sg.tensors[op.outputs[0] ?? -1];
    if (!out) continue;
    const quantized = out.type === 'INT8' || out.type === 'INT16';
    if (quantized && PER_CHANNEL_OPS.has(op.opName)) {
      bytes += OVERHEAD_COSTS.perQuantizedChannel * (out.shape[out.shape.length - 1] ?? 1);
    }
    if (op.opName === 'SOFTMAX' && sg.tensors[op.inputs[0] ?? -1]?.type === 'INT16') {
      bytes += OVERHEAD_COSTS.int16SoftmaxLuts;
    }
  }
  return bytes;
}
