/**
 * Starts LiteRT.js in Node (20+) from the wasm files inside node_modules/@litertjs/core/wasm.
 *
 * `loadLiteRt()` cannot do this: its loader needs `importScripts` or a DOM `<script>` and `self`.
 * We evaluate the emscripten script ourselves (litert-module.ts) and give it what its Node branch
 * expects of a CommonJS file: `require`, `__dirname` and `__filename`; it then reads its .wasm with
 * `fs`. Node 20's V8 has no WebAssembly relaxed SIMD, so the "compat" build is chosen there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { supportsFeature } from '@litertjs/core';
import {
  factoryFromScript,
  initLiteRt,
  LITERT_VARIANTS,
  type LiteRtRuntime,
  type LiteRtVariant,
} from '../runtime/litert-module';

const require = createRequire(import.meta.url);

/** The folder holding LiteRT.js's wasm builds in node_modules. */
export function findLiteRtWasmDir(): string {
  return join(dirname(require.resolve('@litertjs/core/package.json')), 'wasm');
}

/**
 * Loads LiteRT.js once for this process and returns the runtime (engine description in `.engine`).
 * @param wasmDir folder with `litert_wasm_*.js` and `.wasm` (default: the one in node_modules).
 */
export async function loadLiteRtForNode(wasmDir = findLiteRtWasmDir()): Promise<LiteRtRuntime> {
  const variant: LiteRtVariant = (await supportsFeature('relaxedSimd')) ? 'relaxedSimd' : 'compat';
  const scriptPath = join(wasmDir, LITERT_VARIANTS[variant]);
  if (!existsSync(scriptPath)) throw new Error(`LiteRT.js wasm loader not found: ${scriptPath}`);
  const dir = wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`;
  return initLiteRt({
    variant,
    loadFactory: async () =>
      factoryFromScript(variant, readFileSync(scriptPath, 'utf8'), { require, __dirname: dir, __filename: scriptPath }),
    moduleArg: { locateFile: (file) => join(wasmDir, file) },
  });
}
