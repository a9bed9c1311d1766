import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { ADAM_STEP_KERNEL, adamStepLoop, type AdamStepAttrs } from '../core/train/fused-adam';
import type { WasmHeapBackend } from './wasm-heap';

/**
 * The fused Adam kernel (see core/train/fused-adam.ts) for the WASM backend: one JS loop over the
 * WASM heap per variable instead of about 15 tfjs ops. Its oracle is tf.train.adam on the CPU
 * backend (adam-step-kernels.test.ts). Other backends keep tf.train.adam.
 */
const wasmAdamStep: KernelFunc = ({ inputs, attrs, backend }) => {
  const b = backend as WasmHeapBackend;
  const { value, gradient, m, v } = inputs as Record<'value' | 'gradient' | 'm' | 'v', TensorInfo>;
  const outs = [
    b.makeOutput(value.shape, 'float32'),
    b.makeOutput(value.shape, 'float32'),
    b.makeOutput(value.shape, 'float32'),
  ];
  // Views after every allocation: growing WASM memory detaches earlier views.
  const [vw, vg, vm, vv, ow, om, ov] = [value, gradient, m, v, ...outs].map((t) => b.typedArrayFromHeap(t));
  adamStepLoop(vw, vg, vm, vv, ow, om, ov, attrs as unknown as AdamStepAttrs);
  return outs;
};

/** Registers the fused Adam kernel for the WASM backend; idempotent. */
export function registerWasmAdamStepKernel(): void {
  if (getKernel(ADAM_STEP_KERNEL, 'wasm') != null) return;
  registerKernel({ kernelName: ADAM_STEP_KERNEL, backendName: 'wasm', kernelFunc: wasmAdamStep });
}
