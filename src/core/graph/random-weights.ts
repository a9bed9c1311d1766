/**
 * Seeded random weights for an architecture in TF.js layouts (Glorot-uniform kernels, small uniform
 * biases), for tests and demos that need a model without training. Pure; same seed, same weights.
 */

import { tfjsLayerName, type ModelArchitecture } from '../model/architecture';
import { inferShapes, layerWeightShapes } from '../model/layer-shapes';
import { PRESETS, type PresetId } from '../model/presets';
import type { WeightTensor } from '../model/trained-model';
import { mulberry32 } from '../train/batches';

/** The lab's seeded PRNG (mulberry32), under the name tests use. */
export { mulberry32 as seededRandom };

/** Random weights of a preset (see {@link randomArchitectureWeights}). */
export function randomWeights(presetId: PresetId, seed: number, biasRange = 0.05): WeightTensor[] {
  return randomArchitectureWeights(PRESETS[presetId], seed, biasRange);
}

/** Kernel then bias per weighted layer; Glorot limit sqrt(6 / (fanIn + fanOut)) from the kernel shape. */
export function randomArchitectureWeights(arch: ModelArchitecture, seed: number, biasRange = 0.05): WeightTensor[] {
  const rand = mulberry32(seed);
  const uniform = (n: number, limit: number) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * limit);
  const { inputs } = inferShapes(arch);
  const out: WeightTensor[] = [];
  arch.layers.forEach((l, i) => {
    const shapes = layerWeightShapes(l, inputs[i][0]);
    if (shapes.length === 0) return;
    const [ks, bs] = shapes;
    const rf = ks.length === 4 ? ks[0] * ks[1] : 1;
    const [fanIn, fanOut] = ks.length === 4 ? [rf * ks[2], rf * ks[3]] : [ks[0], ks[1]];
    const name = tfjsLayerName(l, i);
    const kernelName = l.type === 'depthwiseConv2d' ? 'depthwise_kernel' : 'kernel';
    const size = ks.reduce((a, b) => a * b, 1);
    out.push({ name: `${name}/${kernelName}`, shape: ks, values: uniform(size, Math.sqrt(6 / (fanIn + fanOut))) });
    out.push({ name: `${name}/bias`, shape: bs, values: uniform(bs[0], biasRange) });
  });
  return out;
}
