// Install-time step: compiles the AssemblyScript kernels in kernels/ to WASM SIMD in public/wasm/kernels/
// (build output, git-ignored). The app fetches them from its own origin; Node (tests, CLI, bench) reads the files.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The compiler runs as its own process: importing it would make the linter's cycle check parse binaryen's 13 MB bundle.
const asc = join(dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json')), 'bin', 'asc.js');
const KERNELS = ['cnn-train'];
const out = join(root, 'public', 'wasm', 'kernels');
mkdirSync(out, { recursive: true });
for (const name of KERNELS) {
  const args = [join(root, 'kernels', `${name}.ts`), '-O3', '--enable', 'simd', '--runtime', 'stub', '--noAssert'];
  const run = spawnSync(process.execPath, [asc, ...args, '-o', join(out, `${name}.wasm`)], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`build-kernels: asc failed on kernels/${name}.ts (exit ${run.status})`);
  console.log(`build-kernels: kernels/${name}.ts -> public/wasm/kernels/${name}.wasm`);
}
