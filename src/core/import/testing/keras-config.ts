/**
 * Keras model configs as Keras 2 and Keras 3 write them, from a dialect-neutral fixture description.
 * Pure (tests of the core use it; the HDF5 fixture writers in src/import/testing too).
 */

/** One layer of a fixture model: Keras 2 style config, inputs, and weights by Keras 2 name ("kernel:0"). */
export interface FixtureLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
  /** Functional models: names of the input layers (the InputLayer's name for the model input). */
  inbound?: string[];
  weights?: { name: string; shape: number[]; values: Float32Array }[];
}

export interface FixtureModel {
  /** "Sequential" or "Functional". */
  className: 'Sequential' | 'Functional';
  name: string;
  /** The InputLayer (first), then the layers. */
  layers: FixtureLayer[];
}

export type KerasDialect = 'keras2' | 'keras3';

const DTYPE_POLICY = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

function layerJson(m: FixtureModel, l: FixtureLayer, dialect: KerasDialect): Record<string, unknown> {
  if (dialect === 'keras2') {
    const config = { name: l.name, trainable: true, dtype: 'float32', ...l.config };
    if (m.className === 'Sequential') return { class_name: l.className, config };
    const inbound = l.inbound ? [l.inbound.map((n) => [n, 0, 0, {}])] : [];
    return { class_name: l.className, config, name: l.name, inbound_nodes: inbound };
  }
  const { batch_input_shape, ...rest } = l.config;
  const config = {
    name: l.name,
    trainable: true,
    dtype: DTYPE_POLICY,
    ...rest,
    ...(batch_input_shape ? { batch_shape: batch_input_shape } : {}),
  };
  const base = { module: 'keras.layers', class_name: l.className, config, registered_name: null };
  if (m.className === 'Sequential') return base;
  const tensor = (n: string) => ({
    class_name: '__keras_tensor__',
    config: { shape: null, dtype: 'float32', keras_history: [n, 0, 0] },
  });
  const args = !l.inbound ? [] : l.inbound.length === 1 ? [tensor(l.inbound[0])] : [l.inbound.map(tensor)];
  return { ...base, name: l.name, inbound_nodes: l.inbound ? [{ args, kwargs: {} }] : [] };
}

/** The model_config JSON as Keras 2 or Keras 3 writes it. */
export function modelConfig(m: FixtureModel, dialect: KerasDialect): Record<string, unknown> {
  const layers = m.layers.map((l) => layerJson(m, l, dialect));
  const ends =
    m.className === 'Functional'
      ? { input_layers: [[m.layers[0].name, 0, 0]], output_layers: [[m.layers[m.layers.length - 1].name, 0, 0]] }
      : {};
  const config = { name: m.name, layers, ...ends };
  return dialect === 'keras2'
    ? { class_name: m.className, config }
    : { module: 'keras', class_name: m.className, config, registered_name: null };
}
