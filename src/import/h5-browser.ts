/** The HDF5 opener for the page and workers: h5wasm's ESM build, bytes written to its in-memory file system. */
import * as h5wasm from 'h5wasm';
import type { H5Opener } from './read-model-file';

let counter = 0;

export const openH5Browser: H5Opener = async (bytes, read) => {
  const module = await h5wasm.ready;
  const path = `/import-${++counter}.h5`;
  module.FS.writeFile(path, bytes);
  const f = new h5wasm.File(path, 'r');
  try {
    return read(f);
  } finally {
    f.close();
    module.FS.unlink(path);
  }
};
