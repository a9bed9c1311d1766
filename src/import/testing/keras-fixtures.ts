/**
 * Test fixtures in the layouts Keras writes, built with h5wasm (which writes HDF5) and fflate:
 * Keras 2 `model.save('x.h5')`, Keras 3's legacy `.h5`, `save_weights`, and Keras 3 `.keras` zips.
 * Strings are fixed-length ASCII as h5py stores numpy bytes. Node only (h5wasm's Node build).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import h5wasm from 'h5wasm/node';
import type { File as H5File, Group } from 'h5wasm';

import { kerasSavedLayerKeys } from '../../core/import/keras-names';
import { modelConfig, type FixtureModel, type KerasDialect } from '../../core/import/testing/keras-config';

export type { FixtureLayer, FixtureModel, KerasDialect } from '../../core/import/testing/keras-config';

function fixedStrings(g: Group | H5File, name: string, values: string[]): void {
  const size = Math.max(1, ...values.map((v) => v.length));
  g.create_attribute(name, values, [values.length], `A${size}`);
}

function fixedString(g: Group | H5File, name: string, value: string): void {
  g.create_attribute(name, value, null, `A${Math.max(1, value.length)}`);
}

/** Writes an HDF5 file with h5wasm and returns its bytes. */
export async function writeH5(build: (f: H5File) => void): Promise<Uint8Array> {
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'lab-fixture-'));
  const path = join(dir, 'fixture.h5');
  const f = new h5wasm.File(path, 'w');
  try {
    build(f);
  } finally {
    f.close();
  }
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}

/** The weighted groups of `model_weights` (or of the root for save_weights): Keras 2 or Keras 3 legacy names. */
function writeLayerWeights(root: Group | H5File, m: FixtureModel, dialect: KerasDialect): void {
  const layers = m.layers.filter((l) => l.className !== 'InputLayer' || m.className === 'Functional');
  fixedStrings(
    root,
    'layer_names',
    layers.map((l) => l.name),
  );
  fixedString(root, 'backend', 'tensorflow');
  fixedString(root, 'keras_version', dialect === 'keras2' ? '2.13.1' : '3.3.3');
  for (const l of layers) {
    const g = root.create_group(l.name);
    const names = (l.weights ?? []).map((w) =>
      dialect === 'keras2' ? `${l.name}/${w.name}` : `${m.name}/${l.name}/${w.name.replace(/:0$/, '')}`,
    );
    if (names.length === 0) g.create_attribute('weight_names', [], [0], 'A1');
    else fixedStrings(g, 'weight_names', names);
    (l.weights ?? []).forEach((w, i) => {
      const path = names[i].split('/');
      let at: Group = g;
      for (const part of path.slice(0, -1))
        at = (at.keys().includes(part) ? at.get(part) : at.create_group(part)) as Group;
      at.create_dataset({ name: path[path.length - 1], data: w.values, shape: w.shape, dtype: '<f' });
    });
  }
}

/** `model.save('x.h5')` of Keras 2 (`dialect` keras2) or Keras 3's legacy H5 writer (keras3). */
export function writeKerasH5(m: FixtureModel, dialect: KerasDialect): Promise<Uint8Array> {
  return writeH5((f) => {
    fixedString(f, 'backend', 'tensorflow');
    fixedString(f, 'keras_version', dialect === 'keras2' ? '2.13.1' : '3.3.3');
    fixedString(f, 'model_config', JSON.stringify(modelConfig(m, dialect)));
    writeLayerWeights(f.create_group('model_weights'), m, dialect);
  });
}

/** `model.save_weights('x.h5')` of Keras 2: layer_names on the root, no config. */
export function writeKerasWeightsH5(m: FixtureModel): Promise<Uint8Array> {
  return writeH5((f) => writeLayerWeights(f, m, 'keras2'));
}

/** A Keras 3 `.keras` zip: config.json, metadata.json and model.weights.h5 (`/layers/<name>/vars/<i>`). */
export async function writeKerasZip(m: FixtureModel): Promise<Uint8Array> {
  const weights = await writeH5((f) => {
    const layers = f.create_group('layers');
    const keys = kerasSavedLayerKeys(m.layers.filter((l) => l.className !== 'InputLayer'));
    for (const l of m.layers) {
      if (l.className === 'InputLayer') continue;
      const vars = layers.create_group(keys.get(l.name) as string).create_group('vars');
      (l.weights ?? []).forEach((w, i) =>
        vars.create_dataset({ name: String(i), data: w.values, shape: w.shape, dtype: '<f' }),
      );
    }
    f.create_group('optimizer').create_group('vars');
  });
  return zipSync({
    'metadata.json': strToU8(JSON.stringify({ keras_version: '3.3.3', date_saved: '2024-05-01@12:00:00' })),
    'config.json': strToU8(JSON.stringify(modelConfig(m, 'keras3'))),
    'model.weights.h5': weights,
  });
}
