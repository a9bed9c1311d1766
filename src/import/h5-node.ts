/** The HDF5 opener for Node (CLI, tests): h5wasm's Node build reads real files, so bytes go through a temp file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import type { H5Opener } from './read-model-file';

export const openH5Node: H5Opener = async (bytes, read) => {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'lab-h5-'));
  const path = join(dir, 'model.h5');
  writeFileSync(path, bytes);
  const f = new h5wasm.File(path, 'r');
  try {
    return read(f);
  } finally {
    f.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
