/// <reference lib="webworker" />
/**
 * The runtime worker: runs .tflite files in LiteRT.js (the TFLite runtime compiled to wasm) behind
 * comlink. The UI imports only its type (RuntimeWorkerApi) and starts it with
 * `new Worker(new URL('../workers/runtime.worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as Comlink from 'comlink';
import { keepErrorData } from '../src/bridge/coded-errors';
import { gzipBytes } from '../src/core/compress/gzip-size';
import { loadLiteRtFromUrl } from '../src/runtime/litert-browser';
import { evaluateTflite, predictTflite, type EvaluateOptions } from '../src/runtime/litert-eval';

const api = {
  /**
   * Loads LiteRT.js from `wasmBaseUrl` (e.g. `new URL('wasm/litert/', base).href`); later calls
   * return at once. Returns the engine description, e.g. `LiteRT.js 2.5.3 (wasm relaxed-SIMD, XNNPACK, 1 thread)`.
   */
  async init(wasmBaseUrl: string): Promise<string> {
    return (await loadLiteRtFromUrl(wasmBaseUrl)).engine;
  },

  /**
   * Scores a .tflite on MNIST images ([N * 784] raw pixels, [N] labels). `onProgress` must be
   * wrapped in `Comlink.proxy` by the caller. The predictions buffer is transferred back.
   */
  async evaluate(
    bytes: Uint8Array,
    images: Uint8Array,
    labels: Uint8Array,
    options: Omit<EvaluateOptions, 'onProgress'> = {},
    onProgress?: (done: number, total: number) => void,
  ) {
    const result = await evaluateTflite(bytes, images, labels, { ...options, onProgress });
    return Comlink.transfer(result, [result.predictions.buffer]);
  },

  /** The file's size after gzip level 9 (gzipBytes), taken here rather than on the page's main thread. */
  gzipSize(bytes: Uint8Array): number {
    return gzipBytes(bytes);
  },

  /** Class probabilities [10] for one image ([784] values in [0, 1]). */
  async predict(bytes: Uint8Array, image: Float32Array) {
    const probabilities = await predictTflite(bytes, image);
    return Comlink.transfer(probabilities, [probabilities.buffer]);
  },
};

export type RuntimeWorkerApi = typeof api;
keepErrorData();
Comlink.expose(api);
