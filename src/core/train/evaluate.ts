import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { MNIST_CLASSES, type MnistSplit } from '../mnist/dataset';
import { makeBatch } from './batches';
import { EPSILON } from './cross-entropy';

/**
 * Mean clipped cross-entropy (NaN when a true-class output is NaN) and number of correct argmax
 * predictions of softmax rows [n, 10]. QAT scores its batches with it too.
 */
export function scoreBatch(values: Float32Array, labels: Uint8Array): { loss: number; correct: number } {
  const n = labels.length;
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = values.subarray(i * MNIST_CLASSES, (i + 1) * MNIST_CLASSES);
    const pTrue = Math.min(Math.max(row[labels[i]], EPSILON), 1 - EPSILON);
    loss -= Math.log(pTrue);
    if (argMax(row) === labels[i]) correct++;
  }
  return { loss: loss / n, correct };
}

function argMax(row: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}

/** Images evaluated per predict call: large enough to amortise dispatch, small enough for memory. */
const EVAL_BATCH = 1000;

/**
 * Runs the model over a whole split. `predictions` holds the predicted class of every example
 * ([count], 0..9); `accuracy` is the fraction equal to the labels. Reads back asynchronously, so it
 * works on every backend (see {@link readPending}).
 */
export function evaluateModel(
  model: tfl.LayersModel,
  split: MnistSplit,
): Promise<{ accuracy: number; predictions: Uint8Array }> {
  return evaluateClassifier(split, (x) => model.predict(x) as tf.Tensor);
}

/**
 * Classifies a whole split in batches with `forward` ([n, 28, 28, 1] pixels / 255 -> [n, 10] scores),
 * reading results back asynchronously (works on every backend). Shared by training and QAT.
 */
export async function evaluateClassifier(
  split: MnistSplit,
  forward: (x: tf.Tensor4D) => tf.Tensor,
): Promise<{ accuracy: number; predictions: Uint8Array }> {
  const predictions = new Uint8Array(split.count);
  let correct = 0;
  for (let start = 0; start < split.count; start += EVAL_BATCH) {
    const n = Math.min(EVAL_BATCH, split.count - start);
    const indices = Uint32Array.from({ length: n }, (_, i) => start + i);
    const classes = tf.tidy(() =>
      tf.argMax(forward(tf.tensor4d(makeBatch(split, indices).images, [n, split.rows, split.cols, 1])), -1),
    );
    let values: ArrayLike<number>;
    try {
      values = await classes.data();
    } finally {
      classes.dispose();
    }
    for (let i = 0; i < n; i++) {
      predictions[start + i] = values[i];
      if (values[i] === split.labels[start + i]) correct++;
    }
  }
  return { accuracy: split.count === 0 ? 0 : correct / split.count, predictions };
}
