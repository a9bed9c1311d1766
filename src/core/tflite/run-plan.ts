/**
 * What the lab does with a .tflite before scoring it on MNIST, decided once for the page and the corpus
 * command: which kind of file it is, whether it runs, with which input feed, and on which bytes (a copy
 * with the dynamic batch pinned to 1 when the file has one).
 */
import type { TfliteModelInfo } from './inspect-tflite';
import { describeModel, notRun, type InputFeed, type InputRange, type ModelKind } from './model-kind';
import { pinDynamicBatch } from './pin-batch';

export type RunPlan =
  | {
      runs: true;
      model: Extract<ModelKind, { kind: 'classifier' }>;
      feed: InputFeed;
      /** The bytes to send to the runtime: the file, or its copy with the batch pinned. */
      bytes: Uint8Array;
      /** Tensors whose -1 batch was pinned to 1 (0: the file runs as it is). */
      pinnedTensors: number;
      /** A sentence for the page when the batch was pinned, else ''. */
      pinnedNote: string;
    }
  | { runs: false; model: Exclude<ModelKind, { kind: 'classifier' }> };

/**
 * Decides how (and whether) to run a file.
 * @param bytes the file as dropped
 * @param info its inspection (inspectTflite)
 * @param range the user's pixel range, overriding the one the file implies
 */
export function planRun(bytes: Uint8Array, info: TfliteModelInfo, range?: InputRange): RunPlan {
  const model = describeModel(info, { bytes, range });
  if (model.kind !== 'classifier') return { runs: false, model };
  let pinned = { bytes, pinnedTensors: 0, otherDynamicTensors: 0 };
  try {
    if (model.dynamicBatch) pinned = pinDynamicBatch(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { runs: false, model: notRun('other', [{ code: 'kind-pin-failed', detail: why }], []) };
  }
  const pinnedNote =
    pinned.pinnedTensors > 0
      ? `The file has a dynamic batch (-1 in shape_signature, as TensorFlow's converter keeps Keras's None batch), ` +
        `which LiteRT.js refuses; it was run from a copy with the batch pinned to 1 on ${pinned.pinnedTensors} tensor(s). ` +
        'Nothing else changed: same size, same weights.'
      : '';
  return {
    runs: true,
    model,
    feed: model.feed,
    bytes: pinned.bytes,
    pinnedTensors: pinned.pinnedTensors,
    pinnedNote,
  };
}
