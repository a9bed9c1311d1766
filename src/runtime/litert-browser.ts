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
import {
  checkedFactory,
  initLiteRt,
  LITERT_VARIANTS,
  pickLiteRtVariant,
  type LiteRtRuntime,
  type LiteRtVariant,
} from './litert-module';

/** `litert_wasm_internal.js` -> `litert_wasm_internal.mjs`: the ES-module copy served beside it. */
export function esModuleName(script: string): string {
  return script.replace(/\.js$/, '.mjs');
}

/** How a realm wants LiteRT.js. */
export interface LiteRtLoadOptions {
  /**
   * Use the threaded build when this realm can run it (cross-origin isolated, relaxed SIMD, wasm threads);
   * otherwise the single-threaded one. The first load of a realm decides for the realm.
   */
  threads?: boolean;
}

/** The build this realm runs (pickLiteRtVariant on what the realm supports). */
export async function chooseLiteRtVariant(options: LiteRtLoadOptions = {}): Promise<LiteRtVariant> {
  const relaxedSimd = await supportsFeature('relaxedSimd');
  const wantThreads = options.threads === true;
  return pickLiteRtVariant({
    relaxedSimd,
    wantThreads,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    wasmThreads: relaxedSimd && wantThreads && (await supportsFeature('threads')),
  });
}

/**
 * Loads LiteRT.js once for this realm.
 * @param wasmBaseUrl folder with `litert_wasm_internal.{js,wasm}` (relaxed SIMD),
 *   `litert_wasm_compat_internal.{js,wasm}` (for browsers without relaxed SIMD) and
 *   `litert_wasm_threaded_internal.{js,wasm}` (relaxed SIMD with pthreads); absolute, or relative to this
 *   realm's location.
 */
export async function loadLiteRtFromUrl(wasmBaseUrl: string, options: LiteRtLoadOptions = {}): Promise<LiteRtRuntime> {
  const base = new URL(wasmBaseUrl.endsWith('/') ? wasmBaseUrl : `${wasmBaseUrl}/`, globalThis.location.href);
  const variant = await chooseLiteRtVariant(options);
  if (variant !== 'threaded') return loadVariant(base, variant);
  // A threaded build that cannot start (its files missing from an older install, a pool the browser refuses)
  // leaves the single-threaded one, which runs the same files.
  return loadVariant(base, variant).catch(() => loadVariant(base, 'relaxedSimd'));
}

function loadVariant(base: URL, variant: LiteRtVariant): Promise<LiteRtRuntime> {
  const moduleUrl = new URL(esModuleName(LITERT_VARIANTS[variant]), base);
  // The pool's workers are classic workers: they run the emscripten script itself, not the ES-module copy
  // (whose `export` a classic script cannot parse), and would otherwise start this realm's own script.
  const pthreadScript =
    variant === 'threaded' ? { mainScriptUrlOrBlob: new URL(LITERT_VARIANTS[variant], base).href } : {};
  return initLiteRt({
    variant,
    loadFactory: async () => {
      const loaded = (await import(/* @vite-ignore */ moduleUrl.href).catch((e: Error) => {
        throw new Error(`Could not load LiteRT.js from ${moduleUrl.href}: ${e.message}`, { cause: e });
      })) as { default?: unknown };
      return checkedFactory(variant, loaded.default);
    },
    moduleArg: { locateFile: (file) => new URL(file, base).href, ...pthreadScript },
  });
}
