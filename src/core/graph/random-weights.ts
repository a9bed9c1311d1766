/**
 * Seeded random weights for a preset in TF.js layouts (Glorot-uniform kernels, small uniform biases),
 * for tests and demos that need a model without training. Pure; same seed, same weights.
 */

import { PRESETS, INPUT_SHAPE, type PresetId } from '../model/presets';
import type { WeightTensor } from '../model/trained-model';
import { mulberry32 } from '../train/batches';

/** The lab's seeded PRNG (mulberry32), under the name tests use. */
export { mulberry32 as seededRandom };

export function randomWeights(presetId: PresetId, seed: number, biasRange = 0.05): WeightTensor[] {
  const rand = mulberry32(seed);
  const uniform = (n: number, limit: number) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * limit);
  const out: WeightTensor[] = [];
  let [h, w, c] = INPUT_SHAPE as unknown as number[];
  const size = (n: number, k: number, s: number, pad: 'same' | 'valid') =>
    pad === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
  PRESETS[presetId].layers.forEach((l, i) => {
    const name = `${l.type}_${i}`;
    const push = (suffix: string, shape: number[], values: Float32Array) =>
      out.push({ name: `${name}/${suffix}`, shape, values });
    if (l.type === 'conv2d') {
      const rf = l.kernel * l.kernel;
      push(
        'kernel',
        [l.kernel, l.kernel, c, l.filters],
        uniform(rf * c * l.filters, Math.sqrt(6 / (rf * c + rf * l.filters))),
      );
      push('bias', [l.filters], uniform(l.filters, biasRange));
      h = size(h, l.kernel, l.strides, l.padding);
      w = size(w, l.kernel, l.strides, l.padding);
      c = l.filters;
    } else if (l.type === 'depthwiseConv2d') {
      const rf = l.kernel * l.kernel;
      push(
        'depthwise_kernel',
        [l.kernel, l.kernel, c, l.depthMultiplier],
        uniform(rf * c * l.depthMultiplier, Math.sqrt(6 / (rf * c + rf * l.depthMultiplier))),
      );
      c *= l.depthMultiplier;
      push('bias', [c], uniform(c, biasRange));
      h = size(h, l.kernel, l.strides, l.padding);
      w = size(w, l.kernel, l.strides, l.padding);
    } else if (l.type === 'maxPool2d' || l.type === 'avgPool2d') {
      h = size(h, l.pool, l.strides, 'valid');
      w = size(w, l.pool, l.strides, 'valid');
    } else if (l.type === 'flatten') {
      c = h * w * c;
      h = 1;
      w = 1;
    } else {
      push('kernel', [c, l.units], uniform(c * l.units, Math.sqrt(6 / (c + l.units))));
      push('bias', [l.units], uniform(l.units, biasRange));
      c = l.units;
    }
  });
  return out;
}
