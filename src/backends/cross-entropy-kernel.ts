import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { CROSS_ENTROPY_GRAD_KERNEL, crossEntropyGradLoop } from '../core/train/cross-entropy';
import type { WasmHeapBackend } from './wasm-heap';

/**
 * The fused cross-entropy gradient (core/train/cross-entropy.ts) for the WASM backend: one JS pass
 * over the [n, 10] softmax rows instead of ten small tfjs kernels each step. Its oracle is the same
 * gradient through tfjs ops on the CPU backend (cross-entropy.test.ts).
 */
const wasmCrossEntropyGrad: KernelFunc = ({ inputs, backend }) => {
  const b = backend as WasmHeapBackend;
  const { probs, oneHot, scale } = inputs as Record<'probs' | 'oneHot' | 'scale', TensorInfo>;
  const out = b.makeOutput(probs.shape, 'float32');
  // Views after the allocation: growing WASM memory detaches earlier views.
  const [p, y, s, o] = [probs, oneHot, scale, out].map((t) => b.typedArrayFromHeap(t));
  crossEntropyGradLoop(p, y, s[0], o);
  return out;
};

/** Registers the fused cross-entropy gradient kernel for the WASM backend; idempotent. */
export function registerWasmCrossEntropyKernel(): void {
  if (getKernel(CROSS_ENTROPY_GRAD_KERNEL, 'wasm') != null) return;
  registerKernel({ kernelName: CROSS_ENTROPY_GRAD_KERNEL, backendName: 'wasm', kernelFunc: wasmCrossEntropyGrad });
}
