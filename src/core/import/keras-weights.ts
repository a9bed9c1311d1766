/**
 * Keras weight arrays by role, and BatchNormalization folding. Roles come from the file's names
 * (Keras 2 "conv2d/kernel:0", Keras 3 legacy "sequential/conv2d/kernel", TF.js "conv2d/kernel") or,
 * when the file does not name them (Keras 3 `.keras`: "vars/0"), from the order Keras creates them.
 */

import { ModelImportError, type RawWeight } from './model-file';

/** A role, with the other names Keras versions give it (Keras 3 calls a depthwise kernel "kernel"). */
export type Role = readonly string[];

const roleName = (w: RawWeight) => (w.name.split('/').pop() ?? '').replace(/:\d+$/, '');

/** Picks one array per role; throws a sentence when the layer's arrays do not fit. */
export function pickWeights(layer: string, list: RawWeight[] | undefined, roles: Role[]): RawWeight[] {
  const have = list ?? [];
  const byName = roles.map((aliases) => have.find((w) => aliases.includes(roleName(w))));
  if (byName.every((w) => w !== undefined) && have.length === roles.length) return byName as RawWeight[];
  if (have.length === roles.length && have.every((w) => /^\d+$/.test(roleName(w)))) return have;
  throw new ModelImportError({
    code: 'import-weight-count',
    layer,
    got: have.map((w) => w.name),
    expected: roles.map((r) => r[0]),
  });
}

/** A zero bias of `n` channels, for layers saved with use_bias false. */
export function zeroBias(layer: string, n: number): RawWeight {
  return { name: `${layer}/bias`, shape: [n], values: new Float32Array(n) };
}

/**
 * Folds y = gamma * (x - mean) / sqrt(var + eps) + beta into the preceding layer's kernel and bias,
 * per output channel (the last axis; a depthwise kernel's last two, channel = in * mult + m, flatten
 * to the same index modulo the channel count).
 */
export function foldBatchNorm(
  kernel: RawWeight,
  bias: RawWeight,
  bn: { gamma?: Float32Array; beta?: Float32Array; mean: Float32Array; variance: Float32Array; epsilon: number },
): { kernel: RawWeight; bias: RawWeight } {
  const c = bias.values.length;
  if (bn.mean.length !== c)
    throw new ModelImportError({ code: 'import-batchnorm-channels', channels: bn.mean.length, before: c });
  const scale = Float32Array.from(bn.variance, (v, i) => (bn.gamma ? bn.gamma[i] : 1) / Math.sqrt(v + bn.epsilon));
  const k = Float32Array.from(kernel.values, (v, i) => v * scale[i % c]);
  const b = Float32Array.from(bias.values, (v, i) => (v - bn.mean[i]) * scale[i] + (bn.beta ? bn.beta[i] : 0));
  return { kernel: { ...kernel, values: k }, bias: { ...bias, values: b } };
}
