import type { DataId, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's BackendWasm that JS kernels on the WASM heap need. */
export interface WasmHeapBackend extends KernelBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: { shape: number[]; dtype: string; dataId: DataId }): Float32Array;
}

/**
 * Allocates an output on the WASM heap, then returns views of the inputs and the output. Views are
 * taken after the allocation because growing WASM memory detaches earlier views.
 */
export function heapViews(
  backend: KernelBackend,
  inputs: TensorInfo[],
  outShape: number[],
): { out: TensorInfo; views: Float32Array[]; outView: Float32Array } {
  const b = backend as WasmHeapBackend;
  const out = b.makeOutput(outShape, 'float32');
  const views = inputs.map((t) => b.typedArrayFromHeap(t));
  return { out, views, outView: b.typedArrayFromHeap(out) };
}
