import {
  Identity,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/**
 * Identity without a copy, for tfjs-backend-wasm. tfjs-core clones every tensor it saves for the
 * backward pass through Identity, and tfjs-wasm's Identity copies the buffer (five times a step on
 * the tutorial CNN, the largest [32, 26, 26, 12]): 0.06-0.08 ms each in Node against 0.005 ms here.
 * Tensor data is never written after it is made, so sharing it (reference counted, as
 * tfjs-backend-cpu's Identity and tfjs-wasm's own Reshape do) is enough. Strings keep the original.
 * `original` is the kernel config tfjs-backend-wasm registered.
 */
export function makeWasmSharedIdentityConfig(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { kernelName: Identity, backendName: 'wasm', kernelFunc };
}
