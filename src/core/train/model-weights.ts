import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildModel } from '../model/build-model';
import { architectureOf, type TrainedModel, type WeightTensor } from '../model/trained-model';

/**
 * Copies a model's weights out as plain data: layer order, kernel then bias, TF.js layouts (HWIO kernels).
 * Reads back asynchronously, so it works on every backend; training uses this one.
 */
export async function readWeights(model: tfl.LayersModel): Promise<WeightTensor[]> {
  const values = await Promise.all(model.weights.map((w) => w.read().data() as Promise<Float32Array>));
  return model.weights.map((w, i) => ({
    name: w.originalName,
    shape: w.shape.map((d) => d ?? 0),
    values: Float32Array.from(values[i]),
  }));
}

/**
 * {@link readWeights} through the synchronous `dataSync()`: for backends whose data lives in CPU
 * memory (CPU, WASM). Not for WebGPU, whose synchronous read-back can return zeros.
 */
export function weightsOf(model: tfl.LayersModel): WeightTensor[] {
  return model.weights.map((w) => ({
    name: w.originalName,
    shape: w.shape.map((d) => d ?? 0),
    values: Float32Array.from(w.read().dataSync() as Float32Array),
  }));
}

/** Rebuilds a TF.js model from the plain trained-model stage output (caller disposes it). */
export function modelFromTrained(
  trained: Pick<TrainedModel, 'preset' | 'seed' | 'weights' | 'architecture'>,
): tfl.LayersModel {
  const model = buildModel(architectureOf(trained), trained.seed);
  try {
    setWeights(model, trained.weights);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** Sets a model's weights from plain data (same order and shapes as {@link weightsOf}). */
export function setWeights(model: tfl.LayersModel, weights: WeightTensor[]) {
  const vars = model.weights;
  if (vars.length !== weights.length) {
    throw new Error(`Expected ${vars.length} weight arrays for ${model.name}, got ${weights.length}`);
  }
  vars.forEach((v, i) => {
    const same = v.shape.length === weights[i].shape.length && v.shape.every((d, k) => d === weights[i].shape[k]);
    if (!same)
      throw new Error(
        `Weight ${v.originalName} has shape [${v.shape}], got [${weights[i].shape}] (${weights[i].name})`,
      );
  });
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
