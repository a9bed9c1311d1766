/**
 * Keras HDF5 layouts -> the format-neutral {@link KerasModelFile}, on an open h5wasm file (the node
 * and browser entry points open it). Three layouts:
 * - `model.save('x.h5')`, Keras 2: root attribute `model_config`, weights at `/model_weights/<layer>/<layer>/kernel:0`,
 *   listed by the `layer_names` and `weight_names` attributes;
 * - the same from Keras 3's legacy writer: `/model_weights/<layer>/<model>/<layer>/kernel`;
 * - `save_weights('x.h5')`: no config, `layer_names` on the root;
 * - a `.keras` zip's `model.weights.h5`: `/layers/<layer>/vars/0, 1, ...` in creation order.
 */

import type { Dataset, File as H5File, Group } from 'h5wasm';
import { ModelImportError, type KerasModelFile, type RawWeight } from '../core/import/model-file';
import type { ModelSource } from '../core/model/architecture';
import { parseJson } from './parse-json';

const isGroup = (x: unknown): x is Group => !!x && typeof (x as Group).keys === 'function';
const isDataset = (x: unknown): x is Dataset => !!x && 'shape' in (x as object) && !isGroup(x);

function stringList(g: Group, attr: string): string[] | undefined {
  const a = g.attrs[attr];
  if (!a) return undefined;
  const v = a.value;
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' ? [v] : undefined;
}

function readArray(name: string, d: Dataset): RawWeight {
  const v = d.value;
  if (!ArrayBuffer.isView(v) || v instanceof DataView || typeof (v as Float32Array)[0] === 'bigint')
    throw new ModelImportError({ code: 'import-weight-not-float', weight: name });
  return { name, shape: d.shape ?? [], values: Float32Array.from(v as Float32Array) };
}

/** Datasets under a group in key order (numeric keys numerically), for layers without weight_names. */
function datasetsUnder(g: Group, prefix: string): RawWeight[] {
  const keys = g.keys().sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : 0));
  return keys.flatMap((k) => {
    const e = g.get(k);
    if (isDataset(e)) return [readArray(`${prefix}${k}`, e)];
    return isGroup(e) ? datasetsUnder(e, `${prefix}${k}/`) : [];
  });
}

function layerWeights(root: Group, layer: string): RawWeight[] {
  const g = root.get(layer);
  if (!isGroup(g)) return [];
  const names = stringList(g, 'weight_names');
  if (!names) return datasetsUnder(g, '');
  return names.map((n) => {
    const d = g.get(n);
    if (!isDataset(d)) throw new ModelImportError({ code: 'import-weight-missing', layer, weight: n });
    return readArray(n, d);
  });
}

/** Reads a Keras `.h5` (whole model or weights only). */
export function kerasFileFromH5(f: H5File, source: ModelSource): KerasModelFile {
  const configText = f.attrs['model_config']?.value;
  const weightsRoot = f.get('model_weights');
  const root = typeof configText === 'string' && isGroup(weightsRoot) ? weightsRoot : f;
  const layerNames = stringList(root, 'layer_names');
  if (!layerNames) throw new ModelImportError({ code: 'import-h5-not-keras' });
  const weights: Record<string, RawWeight[]> = {};
  for (const layer of layerNames) weights[layer] = layerWeights(root, layer);
  return {
    source,
    config: typeof configText === 'string' ? parseJson(configText, source.file, 'model_config') : undefined,
    weights,
    layerNames,
  };
}

/**
 * Reads the weights of a `.keras` zip's `model.weights.h5` (`/layers/<key>/vars/<i>`), keyed by the
 * config's layer names; `keys` maps config names to the file's keys (see kerasSavedLayerKeys).
 */
export function kerasWeightsFromH5(f: H5File, keys: Map<string, string>): Record<string, RawWeight[]> {
  const layers = f.get('layers');
  const weights: Record<string, RawWeight[]> = {};
  for (const [layer, key] of keys) {
    const vars = isGroup(layers) ? layers.get(`${key}/vars`) : undefined;
    weights[layer] = isGroup(vars) ? datasetsUnder(vars, 'vars/') : [];
  }
  return weights;
}
