// Install-time step: copies the WASM binaries the app serves itself (no CDN) into public/wasm/.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));
const copies = [
  [
    '@tensorflow/tfjs-backend-wasm',
    'dist',
    'tfjs',
    ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'],
  ],
  // LiteRT.js: the relaxed-SIMD build (Chromium), the plain-SIMD "compat" build for engines without relaxed
  // SIMD, and the threaded relaxed-SIMD build with the classic script its pthread workers run (the lab worker
  // scores large imported models on it); src/runtime/litert-browser.ts picks one at run time.
  [
    '@litertjs/core',
    'wasm',
    'litert',
    [
      'litert_wasm_internal.wasm',
      'litert_wasm_compat_internal.wasm',
      'litert_wasm_threaded_internal.wasm',
      'litert_wasm_threaded_internal.js',
    ],
  ],
];
for (const [pkg, sub, dest, files] of copies) {
  const out = join(root, 'public', 'wasm', dest);
  mkdirSync(out, { recursive: true });
  for (const f of files) copyFileSync(join(pkgDir(pkg), sub, f), join(out, f));
  console.log(`copy-wasm: ${files.length} files from ${pkg} -> public/wasm/${dest}/`);
}

// LiteRT.js's emscripten loaders are classic scripts that declare `var ModuleFactory`. The page imports
// an ES-module copy instead of evaluating their text, so the site's Content-Security-Policy needs no
// 'unsafe-eval' (src/runtime/litert-browser.ts).
const litertPkg = join(pkgDir('@litertjs/core'), 'wasm');
for (const f of ['litert_wasm_internal.js', 'litert_wasm_compat_internal.js', 'litert_wasm_threaded_internal.js']) {
  const text = readFileSync(join(litertPkg, f), 'utf8');
  const name = f.replace(/\.js$/, '.mjs');
  writeFileSync(join(root, 'public', 'wasm', 'litert', name), `${text}\nexport default ModuleFactory;\n`);
  console.log(`copy-wasm: public/wasm/litert/${name} (ES-module copy of ${f})`);
}
