/**
 * Pins a dynamic batch to 1: Keras models converted by TensorFlow keep Keras's `None` batch as `-1` in
 * `Tensor.shape_signature` (while `shape` says 1). LiteRT.js 2.5.3 refuses such files at compile time; with
 * every `-1` batch entry set to 1 it runs them. The change is made in place in a copy of the bytes: only
 * those int32 entries change, so the copy has the same size, layout and weights as the original.
 */
import { guarded, openModel } from './inspect-tflite';
import { FlatReader } from './flat-reader';
import { ModelField, SubGraphField, TensorField } from './schema';

export interface PinnedBatch {
  /** A copy of the file with the batch pinned (the input bytes themselves when nothing changed). */
  bytes: Uint8Array;
  /** Tensors whose shape_signature started with -1 and now start with 1. */
  pinnedTensors: number;
  /** Tensors that still have a -1 in another dimension (not a batch; the runtime may still refuse them). */
  otherDynamicTensors: number;
}

/**
 * Sets shape_signature[0] = 1 wherever it is -1, in every subgraph, in a copy of `bytes`.
 * @throws TfliteFormatError when the bytes are not a readable .tflite
 */
export function pinDynamicBatch(bytes: Uint8Array): PinnedBatch {
  return guarded(() => {
    const reader = new FlatReader(bytes);
    const model = openModel(reader);
    const batchEntries: number[] = [];
    let otherDynamicTensors = 0;
    model.tables(ModelField.subgraphs, 'subgraphs').forEach((sg, s) => {
      sg.tables(SubGraphField.tensors, `subgraphs[${s}].tensors`).forEach((t, i) => {
        const ctx = `subgraphs[${s}].tensors[${i}].shape_signature`;
        const v = t.vector(TensorField.shape_signature, 4, ctx);
        if (!v || v.length === 0) return;
        if (reader.i32(v.start, ctx) === -1) batchEntries.push(v.start);
        for (let d = 1; d < v.length; d++) {
          if (reader.i32(v.start + 4 * d, ctx) < 0) {
            otherDynamicTensors++;
            break;
          }
        }
      });
    });
    if (batchEntries.length === 0) return { bytes, pinnedTensors: 0, otherDynamicTensors };
    const copy = bytes.slice();
    const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
    for (const pos of batchEntries) view.setInt32(pos, 1, true);
    return { bytes: copy, pinnedTensors: batchEntries.length, otherDynamicTensors };
  });
}

/** The file name offered for a pinned copy: `model.tflite` -> `model.batch1.tflite`. */
export function pinnedFileName(fileName: string): string {
  return fileName.toLowerCase().endsWith('.tflite')
    ? `${fileName.slice(0, -'.tflite'.length)}.batch1.tflite`
    : `${fileName}.batch1.tflite`;
}
