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
import { pathToFileURL } from 'node:url';
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

/** `npx tsx src/node/litert-node.ts model.tflite [more.tflite ...] [--limit N]`: scores files on the MNIST test set. */
async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let limit: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--limit') limit = Number(argv[++i]);
    else files.push(argv[i]!);
  }
  if (files.length === 0 || (limit !== undefined && !(limit > 0))) {
    console.error('usage: tsx src/node/litert-node.ts model.tflite [more.tflite ...] [--limit N]');
    return 2;
  }
  const { loadMnistFromIdx } = await import('./mnist-node');
  const { evaluateTflite } = await import('../runtime/litert-eval');
  const { engine } = await loadLiteRtForNode();
  console.log(`engine: ${engine}`);
  const { test } = loadMnistFromIdx();
  for (const file of files) {
    const r = await evaluateTflite(new Uint8Array(readFileSync(file)), test.images, test.labels, { limit });
    console.log(
      `${file}: accuracy ${r.accuracy.toFixed(4)} (${r.correct}/${r.count}), ${r.inputType} -> ${r.outputType}, latency median ${r.latency.medianMs.toFixed(3)} ms, p90 ${r.latency.p90Ms.toFixed(3)} ms (${r.latency.samples} runs)`,
    );
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
