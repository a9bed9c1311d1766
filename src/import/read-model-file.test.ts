import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ModelImportError } from '../core/import/model-file';
import { openH5Node } from './h5-node';
import { readKerasFiles, type ModelFileInput } from './read-model-file';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const text = (s: string) => new TextEncoder().encode(s);

/** The problem readKerasFiles throws for `files`. */
async function problemOf(files: ModelFileInput[]) {
  const e = await readKerasFiles(files, openH5Node).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ModelImportError);
  return (e as ModelImportError).problem;
}

describe('damaged containers get a coded sentence that quotes the reader', () => {
  it('an HDF5 signature followed by junk: h5wasm cannot open it', async () => {
    const bytes = new Uint8Array(4096).fill(7);
    bytes.set(HDF5_MAGIC);
    const p = await problemOf([{ name: 'broken.h5', bytes }]);
    expect(p).toMatchObject({ code: 'import-h5-unreadable', file: 'broken.h5' });
    expect((p as { raw: string }).raw.length).toBeGreaterThan(0);
  });

  it('a zip signature followed by junk: it cannot be unzipped', async () => {
    const bytes = new Uint8Array(64).fill(9);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const p = await problemOf([{ name: 'broken.keras', bytes }]);
    expect(p).toMatchObject({ code: 'import-zip-unreadable', file: 'broken.keras' });
  });

  it('a .keras zip whose config.json is cut short, and a model.json that is not JSON', async () => {
    const zip = zipSync({ 'config.json': text('{"class_name": "Seq'), 'model.weights.h5': new Uint8Array(8) });
    expect(await problemOf([{ name: 'cut.keras', bytes: zip }])).toMatchObject({
      code: 'import-json-unreadable',
      file: 'cut.keras',
      entry: 'config.json',
    });
    const p = await problemOf([{ name: 'model.json', bytes: text('{"modelTopology": ') }]);
    expect(p).toMatchObject({ code: 'import-json-unreadable', file: 'model.json' });
    expect(new ModelImportError(p).message).toMatch(/^model.json is not valid JSON: .+\.$/);
  });

  it('a TF.js shard shorter than its weights', async () => {
    const model = {
      modelTopology: { class_name: 'Sequential', config: { layers: [] } },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [4, 2], dtype: 'float32' }] }],
    };
    const p = await problemOf([
      { name: 'model.json', bytes: text(JSON.stringify(model)) },
      { name: 'w.bin', bytes: new Uint8Array(16) },
    ]);
    expect(p).toEqual({ code: 'import-tfjs-shard-short', weight: 'dense/kernel', bytes: 16, needed: 32 });
  });

  it('a quantized TF.js weight', async () => {
    const model = {
      modelTopology: { class_name: 'Sequential', config: { layers: [] } },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [2], dtype: 'uint8' }] }],
    };
    const p = await problemOf([
      { name: 'model.json', bytes: text(JSON.stringify(model)) },
      { name: 'w.bin', bytes: new Uint8Array(8) },
    ]);
    expect(new ModelImportError(p).message).toBe('Weight dense/kernel is uint8; the lab imports float32 TF.js models.');
  });

  it('a TF.js graph model (a GraphDef, not a Keras config), named as such', async () => {
    // What tensorflowjs_converter writes for a SavedModel: format graph-model, a node list, int32 constants.
    const model = {
      format: 'graph-model',
      modelTopology: { node: [{ name: 'x', op: 'Placeholder' }], library: {}, versions: {} },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'flatten/stack', shape: [2], dtype: 'int32' }] }],
    };
    const p = await problemOf([
      { name: 'model.json', bytes: text(JSON.stringify(model)) },
      { name: 'w.bin', bytes: new Uint8Array(8) },
    ]);
    expect(p.code).toBe('import-tfjs-graph-model');
    expect(new ModelImportError(p).message).toMatch(/^model\.json is a TF\.js graph model .*TF\.js Layers models/);
    // Without the format field, the node list says it.
    const { format: _f, ...unmarked } = model;
    const q = await problemOf([
      { name: 'model.json', bytes: text(JSON.stringify(unmarked)) },
      { name: 'w.bin', bytes: new Uint8Array(8) },
    ]);
    expect(q.code).toBe('import-tfjs-graph-model');
  });
});
