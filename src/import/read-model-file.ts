/**
 * The importer's front door, shared by the node and browser entry points: given the file(s) the user
 * chose, detect the format by its bytes and produce the pure importer's input. Keras `.h5`, Keras 3
 * `.keras` (zip: config.json + model.weights.h5), TF.js Layers (model.json + .bin shards). HDF5 is
 * opened through the entry point's {@link H5Opener} (h5wasm in Node or in the page).
 */

import { strFromU8, unzipSync } from 'fflate';
import type { File as H5File } from 'h5wasm';
import { ModelImportError, type KerasModelFile, type RawWeight } from '../core/import/model-file';
import { kerasGraph } from '../core/import/keras-nodes';
import { kerasSavedLayerKeys } from '../core/import/keras-names';
import { rawMessage } from '../core/import/import-problem';
import { kerasFileFromH5, kerasWeightsFromH5 } from './keras-h5';
import { parseJson } from './parse-json';

/** A file the user gave: its name (no folder) and bytes. */
export interface ModelFileInput {
  name: string;
  bytes: Uint8Array;
}

/** Opens HDF5 bytes with h5wasm, runs `read` on the file, closes it. */
export type H5Opener = <T>(bytes: Uint8Array, read: (f: H5File) => T) => Promise<T>;

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);
const isHdf5 = (b: Uint8Array) => startsWith(b, HDF5_MAGIC);
const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
/** A .tflite FlatBuffer carries the identifier TFL3 at bytes 4..8. */
export const isTflite = (b: Uint8Array) => strFromU8(b.subarray(4, 8)) === 'TFL3';

/** Reads a Keras-family model from the chosen files; throws {@link ModelImportError} with a sentence. */
export async function readKerasFiles(files: ModelFileInput[], openH5: H5Opener): Promise<KerasModelFile> {
  const json = files.find((f) => f.name.endsWith('.json'));
  if (json) return readTfjs(json, files);
  if (files.length !== 1) throw new ModelImportError({ code: 'import-choose-one' });
  const [file] = files;
  if (isHdf5(file.bytes))
    return readH5(openH5, file.bytes, file.name, (f) => kerasFileFromH5(f, { kind: 'keras-h5', file: file.name }));
  if (isZip(file.bytes)) return readKerasZip(file, openH5);
  throw new ModelImportError({ code: 'import-not-model-file', file: file.name });
}

/** `openH5`, with h5wasm's own failures (a damaged file) as `import-h5-unreadable`. */
async function readH5<T>(openH5: H5Opener, bytes: Uint8Array, file: string, read: (f: H5File) => T): Promise<T> {
  try {
    return await openH5(bytes, read);
  } catch (e) {
    if (e instanceof ModelImportError) throw e;
    throw new ModelImportError({ code: 'import-h5-unreadable', file, raw: rawMessage(e) });
  }
}

function unzip(file: ModelFileInput): Record<string, Uint8Array> {
  try {
    return unzipSync(file.bytes);
  } catch (e) {
    throw new ModelImportError({ code: 'import-zip-unreadable', file: file.name, raw: rawMessage(e) });
  }
}

async function readKerasZip(file: ModelFileInput, openH5: H5Opener): Promise<KerasModelFile> {
  const entries = unzip(file);
  const config = entries['config.json'];
  const weights = entries['model.weights.h5'];
  if (!config || !weights) throw new ModelImportError({ code: 'import-not-keras-zip', file: file.name });
  const modelConfig = parseJson(strFromU8(config), file.name, 'config.json');
  const nodes = kerasGraph(modelConfig).nodes;
  const layerNames = nodes.map((n) => n.name);
  return {
    source: { kind: 'keras', file: file.name },
    config: modelConfig,
    weights: await readH5(openH5, weights, `${file.name}/model.weights.h5`, (f) =>
      kerasWeightsFromH5(f, kerasSavedLayerKeys(nodes)),
    ),
    layerNames,
  };
}

interface TfjsManifestEntry {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

function readTfjs(json: ModelFileInput, files: ModelFileInput[]): KerasModelFile {
  const model = (parseJson(strFromU8(json.bytes), json.name) ?? {}) as {
    format?: string;
    modelTopology?: Record<string, unknown>;
    weightsManifest?: TfjsManifestEntry[];
  };
  const topology = model.modelTopology;
  if (!topology || !Array.isArray(model.weightsManifest))
    throw new ModelImportError({ code: 'import-not-tfjs', file: json.name });
  // A graph model's topology is a TensorFlow GraphDef (a list of nodes), not a Keras config.
  if (model.format === 'graph-model' || Array.isArray(topology.node))
    throw new ModelImportError({ code: 'import-tfjs-graph-model', file: json.name });
  const weights: Record<string, RawWeight[]> = {};
  for (const group of model.weightsManifest) {
    const data = concatShards(group.paths, files);
    let offset = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32' || w.quantization)
        throw new ModelImportError({
          code: 'import-tfjs-weight-type',
          weight: w.name,
          dtype: w.dtype,
          quantized: !!w.quantization,
        });
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (offset + 4 * n > data.length)
        throw new ModelImportError({
          code: 'import-tfjs-shard-short',
          weight: w.name,
          bytes: data.length,
          needed: offset + 4 * n,
        });
      const values = new Float32Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + 4 * n));
      offset += 4 * n;
      const layer = w.name.slice(0, w.name.lastIndexOf('/'));
      (weights[layer] ??= []).push({ name: w.name, shape: w.shape, values });
    }
  }
  const config = topology.model_config ?? topology;
  return { source: { kind: 'tfjs', file: json.name }, config, weights, layerNames: Object.keys(weights) };
}

function concatShards(paths: string[], files: ModelFileInput[]): Uint8Array {
  const parts = paths.map((p) => {
    const base = p.split('/').pop() as string;
    const f = files.find((x) => x.name === base);
    if (!f) throw new ModelImportError({ code: 'import-tfjs-missing-shard', file: base });
    return f.bytes;
  });
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
