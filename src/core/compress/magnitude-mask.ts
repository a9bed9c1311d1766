/**
 * Magnitude masks (TFMOT pruning_impl `_update_mask`): keep the `round(n * (1 - sparsity))` weights of largest
 * absolute value, zero the rest. Unlike TFMOT's `abs >= threshold`, ties are broken by index, so the mask
 * has exactly the requested number of zeros.
 */

/** 1 = kept, 0 = pruned, for each of `values`; exactly `round(n * sparsity)` zeros. */
export function magnitudeMask(values: Float32Array, sparsity: number): Uint8Array {
  const n = values.length;
  const keep = Math.round(n * (1 - sparsity));
  const mask = new Uint8Array(n);
  if (keep >= n) return mask.fill(1);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b,
  );
  for (let i = 0; i < keep; i++) mask[order[i]] = 1;
  return mask;
}

/** Fraction of exact zeros in `values` (0 for an empty array). */
export function sparsityOf(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
  return zeros / values.length;
}

/** Copy of `values` with the pruned entries (mask 0) set to exactly zero. */
export function applyMask(values: Float32Array, mask: Uint8Array): Float32Array {
  return values.map((v, i) => (mask[i] ? v : 0));
}
