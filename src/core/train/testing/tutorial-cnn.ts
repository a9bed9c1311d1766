/**
 * Fixtures shared by the tutorial CNN's kernel tests (cnn-train-twin.test.ts, qat-cnn-twin.test.ts):
 * seeded initial weights, batches of real MNIST rows, and the error measure the twins are held to.
 * The tests load the split themselves (src/node), which core code may not import.
 */
import type { MnistSplit } from '../../mnist/dataset';
import { buildModel } from '../../model/build-model';
import { PRESETS } from '../../model/presets';
import type { TrainedModel } from '../../model/trained-model';
import { makeBatch, type Batch } from '../batches';
import { weightsOf } from '../model-weights';

/** The indices start, start + 1, ..., start + n - 1. */
export const range = (start: number, n: number): number[] => Array.from({ length: n }, (_, i) => start + i);

/** The batch of `n` consecutive training rows from `start` (images / 255, one-hot and labels). */
export function mnistBatch(train: MnistSplit, start: number, n: number): Batch {
  return makeBatch(train, range(start, n));
}

/** The tutorial CNN's seeded initial weights (TF.js order), with the dense kernel scaled by `denseScale`. */
export function tutorialWeights(seed: number, denseScale = 1): Float32Array[] {
  const w = tutorialModel(seed).weights.map((t) => t.values);
  w[2] = w[2].map((v) => v * denseScale);
  return w;
}

/** The tutorial CNN at its seeded initial weights as a trained-model stage output (what trainQat fine-tunes). */
export function tutorialModel(seed: number): TrainedModel {
  const model = buildModel(PRESETS.tutorial, seed);
  const weights = weightsOf(model);
  model.dispose();
  return {
    preset: 'tutorial',
    seed,
    weights,
    history: [],
    testAccuracy: 0,
    params: weights.reduce((n, w) => n + w.values.length, 0),
    trainSeconds: 0,
    backend: 'wasm',
  };
}

/** Largest |a - b| over the largest |b|: an error relative to the tensor's scale (zeros stay comparable). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`relativeError: lengths ${a.length} and ${b.length} differ`);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / Math.max(scale, 1e-30);
}
