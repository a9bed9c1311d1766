/**
 * Starts LiteRT.js in a browser realm (a module Web Worker, as Vite builds them, or a page) from the
 * wasm folder the app serves (`/wasm/litert/`, filled by scripts/copy-wasm.mjs).
 *
 * `loadLiteRt()` fails in a module worker (`Module scripts don't support importScripts()`) and its
 * emscripten script looks for the .wasm next to the worker's own script. So we fetch the script's
 * text ourselves and evaluate it (litert-module.ts), with `locateFile` pointing at the wasm folder.
 * Nothing depends on `importScripts`, `document` or on names surviving minification.
 */
import { supportsFeature } from '@litertjs/core';
import { initLiteRt, LITERT_VARIANTS, type LiteRtRuntime, type LiteRtVariant } from './litert-module';

/**
 * Loads LiteRT.js once for this realm.
 * @param wasmBaseUrl folder with `litert_wasm_internal.{js,wasm}` (relaxed SIMD) and
 *   `litert_wasm_compat_internal.{js,wasm}` (for browsers without relaxed SIMD); absolute, or
 *   relative to this realm's location.
 */
export async function loadLiteRtFromUrl(wasmBaseUrl: string): Promise<LiteRtRuntime> {
  const base = new URL(wasmBaseUrl.endsWith('/') ? wasmBaseUrl : `${wasmBaseUrl}/`, globalThis.location.href);
  const variant: LiteRtVariant = (await supportsFeature('relaxedSimd')) ? 'relaxedSimd' : 'compat';
  const scriptUrl = new URL(LITERT_VARIANTS[variant], base);
  const response = await fetch(scriptUrl);
  if (!response.ok) throw new Error(`Could not load LiteRT.js from ${scriptUrl.href}: HTTP ${response.status}`);
  return initLiteRt({
    variant,
    scriptText: await response.text(),
    moduleArg: { locateFile: (file) => new URL(file, base).href },
  });
}
