import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FusedKernels } from '../core/train/fused-cnn';

/** Where scripts/build-kernels.mjs writes the compiled kernels (the app serves the same files at /wasm/kernels/). */
export const KERNELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'wasm', 'kernels');

/** The bytes of one compiled kernel (Node only): e.g. `readKernel('cnn-train')`. */
export function readKernel(name: string): Uint8Array {
  const file = join(KERNELS_DIR, `${name}.wasm`);
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new Error(`the kernel ${file} is missing; run npm install (or node scripts/build-kernels.mjs)`, {
      cause: e,
    });
  }
}

/** The fused training kernels for trainModel's `fusedKernels` option, read from public/wasm/kernels. */
export function loadFusedKernelsNode(): FusedKernels {
  return { cnnTrain: readKernel('cnn-train') };
}
