/**
 * The float model's outputs on images without labels: the reference every quantized file is compared to
 * (src/core/eval/output-agreement.ts). Runs the model in TF.js (whatever backend is active), a few images a
 * call so memory stays bounded on 224x224 inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelWeights } from '../core/model/trained-model';
import type { UnlabelledImages } from '../core/pipeline/unlabelled-modes';
import { modelFromTrained } from '../core/train/train';

/** Images per predict call. */
const CHUNK = 8;

/** [count, classes] outputs of the TF.js model; `onChunk(done, total)` after each chunk. */
export async function floatModelOutputs(
  model: ModelWeights,
  images: UnlabelledImages,
  onChunk?: (done: number, total: number) => void,
): Promise<Float32Array> {
  const layers = modelFromTrained({ seed: 0, ...model });
  const per = images.values.length / images.count;
  const parts: Float32Array[] = [];
  try {
    for (let s = 0; s < images.count; s += CHUNK) {
      const n = Math.min(CHUNK, images.count - s);
      const x = tf.tensor(images.values.subarray(s * per, (s + n) * per), [n, ...images.shape]);
      const y = layers.predict(x) as tf.Tensor;
      parts.push((await y.data()) as Float32Array);
      tf.dispose([x, y]);
      onChunk?.(s + n, images.count);
    }
  } finally {
    layers.dispose();
  }
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
