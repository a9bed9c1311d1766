/**
 * How Keras 3's `.keras` writer names layers inside model.weights.h5: not by the config's layer
 * names but by class, in model order (`layers/conv2d`, `layers/conv2d_1`, ...), as keras.src.saving
 * does with `naming.to_snake_case(type(layer).__name__)` made unique by a counter. A model built
 * after others in the same session has config names like conv2d_12 whose weights sit at conv2d.
 */

/** Keras's to_snake_case: "MaxPooling2D" -> "max_pooling2d", "Conv2D" -> "conv2d". */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The weights-file key of each layer (config name -> `layers/<key>`), in model order. */
export function kerasSavedLayerKeys(layers: { name: string; className: string }[]): Map<string, string> {
  const seen = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const l of layers) {
    const base = kerasSnakeCase(l.className);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys.set(l.name, n === 0 ? base : `${base}_${n}`);
  }
  return keys;
}
