/**
 * A scoring copy of a one-image .tflite that takes `batch` images per run: the same graph, operators,
 * weights and quantization, with only the batch dimension of the activations changed. Every activation
 * tensor (no constant data) whose shape starts with 1 gets `batch` there, and each RESHAPE's new_shape
 * [1, ...] becomes [-1, ...] (the runtime infers the batch). The edits are int32 entries rewritten in
 * place in a copy of the bytes, as pin-batch.ts does, so the copy has the same size and layout.
 *
 * Only graphs made of ops that treat images of a batch independently are copied (BATCH_SAFE_OPS);
 * anything else gets `undefined` and is run one image at a time. The caller still checks the copy
 * against the file itself (litert-eval.ts compares their outputs on the same images).
 */
import { FlatReader } from './flat-reader';
import { builtinCode, guarded, openModel } from './inspect-tflite';
import {
  BufferField,
  BUILTIN_OPERATOR_NAMES,
  ModelField,
  OperatorCodeField,
  OperatorField,
  SubGraphField,
  TensorField,
} from './schema';

/** Ops whose output for one image depends on that image only, for any batch, given the new shapes. */
export const BATCH_SAFE_OPS: ReadonlySet<string> = new Set([
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'MAX_POOL_2D',
  'AVERAGE_POOL_2D',
  'FULLY_CONNECTED',
  'SOFTMAX',
  'RESHAPE',
  'QUANTIZE',
  'DEQUANTIZE',
  'RELU',
  'RELU6',
  'LOGISTIC',
  'TANH',
]);

/**
 * The copy of `bytes` that runs `batch` images at once, or undefined when the file is not a single-subgraph
 * graph of BATCH_SAFE_OPS with a batch-1 input (a RESHAPE with a shape tensor input also stops it).
 * @throws TfliteFormatError when the bytes are not a readable .tflite
 */
export function batchedCopy(bytes: Uint8Array, batch: number): Uint8Array | undefined {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  return guarded(() => {
    const reader = new FlatReader(bytes);
    const model = openModel(reader);
    const subgraphs = model.tables(ModelField.subgraphs, 'subgraphs');
    if (subgraphs.length !== 1) return undefined;
    const sg = subgraphs[0]!;
    const codes = model.tables(ModelField.operator_codes, 'operator_codes').map((t) => {
      if (t.string(OperatorCodeField.custom_code, 'custom_code') !== null) return 'CUSTOM';
      return BUILTIN_OPERATOR_NAMES[builtinCode(t)] ?? 'UNKNOWN';
    });
    const buffers = model.tables(ModelField.buffers, 'buffers');
    const hasData = (b: number) => {
      const buffer = buffers[b];
      return (
        !!buffer &&
        ((buffer.vector(BufferField.data, 1, 'buffer.data')?.length ?? 0) > 0 || buffer.u64(BufferField.size, 0) > 0)
      );
    };
    const edits = new Map<number, number>();
    for (const op of sg.tables(SubGraphField.operators, 'operators')) {
      const name = codes[op.u32(OperatorField.opcode_index, 0)] ?? 'UNKNOWN';
      if (!BATCH_SAFE_OPS.has(name)) return undefined;
      if (name !== 'RESHAPE') continue;
      if (op.int32s(OperatorField.inputs, 'inputs').length > 1) return undefined;
      const options = op.table(OperatorField.builtin_options, 'reshape options');
      const newShape = options?.vector(0, 4, 'new_shape');
      if (!newShape || newShape.length === 0 || reader.i32(newShape.start, 'new_shape') !== 1) return undefined;
      edits.set(newShape.start, -1);
    }
    const tensors = sg.tables(SubGraphField.tensors, 'tensors');
    const inputs = sg.int32s(SubGraphField.inputs, 'inputs');
    let inputBatched = false;
    tensors.forEach((t, i) => {
      if (hasData(t.u32(TensorField.buffer, 0))) return;
      for (const field of [TensorField.shape, TensorField.shape_signature]) {
        const v = t.vector(field, 4, 'shape');
        if (!v || v.length === 0 || reader.i32(v.start, 'shape') !== 1) continue;
        edits.set(v.start, batch);
        if (field === TensorField.shape && inputs.includes(i)) inputBatched = true;
      }
    });
    if (!inputBatched || inputs.length !== 1) return undefined;
    const copy = bytes.slice();
    const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
    for (const [pos, value] of edits) view.setInt32(pos, value, true);
    return copy;
  });
}
