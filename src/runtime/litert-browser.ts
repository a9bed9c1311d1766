/**
 * Starts LiteRT.js in a browser realm (a module Web Worker, as Vite builds them, or a page) from the
 * wasm folder the app serves (`/wasm/litert/`, filled by scripts/copy-wasm.mjs).
 *
 * `loadLiteRt()` fails in a module worker (`Module scripts don't support importScripts()`) and its
 * emscripten script looks for the .wasm next to the worker's own script. So we import an ES-module copy
 * of the script (`litert_wasm_*.mjs`, written at install time by scripts/copy-wasm.mjs: the script plus
 * `export default ModuleFactory`), with `locateFile` pointing at the wasm folder. No string is
 * evaluated (the site's Content-Security-Policy has no 'unsafe-eval'), and nothing depends on
 * `importScripts`, `document` or on names surviving minification.
 */
import { supportsFeature } from '@litertjs/core';
import { checkedFactory, initLiteRt, LITERT_VARIANTS, type LiteRtRuntime, type LiteRtVariant } from './litert-module';

/** `litert_wasm_internal.js` -> `litert_wasm_internal.mjs`: the ES-module copy served beside it. */
export function esModuleName(script: string): string {
  return script.replace(/\.js$/, '.mjs');
}

/**
 * Loads LiteRT.js once for this realm.
 * @param wasmBaseUrl folder with `litert_wasm_internal.{js,wasm}` (relaxed SIMD) and
 *   `litert_wasm_compat_internal.{js,wasm}` (for browsers without relaxed SIMD); absolute, or
 *   relative to this realm's location.
 */
export async function loadLiteRtFromUrl(wasmBaseUrl: string): Promise<LiteRtRuntime> {
  const base = new URL(wasmBaseUrl.endsWith('/') ? wasmBaseUrl : `${wasmBaseUrl}/`, globalThis.location.href);
  const variant: LiteRtVariant = (await supportsFeature('relaxedSimd')) ? 'relaxedSimd' : 'compat';
  const moduleUrl = new URL(esModuleName(LITERT_VARIANTS[variant]), base);
  return initLiteRt({
    variant,
    loadFactory: async () => {
      const loaded = (await import(/* @vite-ignore */ moduleUrl.href).catch((e: Error) => {
        throw new Error(`Could not load LiteRT.js from ${moduleUrl.href}: ${e.message}`, { cause: e });
      })) as { default?: unknown };
      return checkedFactory(variant, loaded.default);
    },
    moduleArg: { locateFile: (file) => new URL(file, base).href },
  });
}
