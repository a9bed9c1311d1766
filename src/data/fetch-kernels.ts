import type { FusedKernels } from '../core/train/fused-cnn';

/** URL of a compiled kernel under the app's base (scripts/build-kernels.mjs writes public/wasm/kernels/). */
export function kernelUrl(base: string, name: string): string {
  return new URL(`wasm/kernels/${name}.wasm`, base).href;
}

/**
 * Fetches and compiles the fused training kernels from the app's own origin. Resolves undefined
 * (training then runs on tfjs ops, and the trained model says so) when a file is missing or does not
 * compile: an install without the kernel build still trains.
 */
export async function fetchFusedKernels(base: string): Promise<FusedKernels | undefined> {
  try {
    const response = await fetch(kernelUrl(base, 'cnn-train'));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { cnnTrain: await WebAssembly.compile(await response.arrayBuffer()) };
  } catch (e) {
    console.warn(
      `the fused training kernel did not load (${e instanceof Error ? e.message : String(e)}); training uses tfjs ops`,
    );
    return undefined;
  }
}
