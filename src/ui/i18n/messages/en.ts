/**
 * Every English string of the page, grouped by section. This object is the source of the keys: the zh-TW
 * table must have exactly the same shape (see {@link Messages}), so a missing or extra key fails the typecheck.
 * Interpolations use i18next's `{{name}}`; plurals use i18next's `_one` / `_other` suffixes.
 */
export const en = {
  app: {
    title: 'Quantization Lab',
    tagline:
      'Train a small CNN on real MNIST in this tab, quantize it with every TensorFlow Lite mode, and download .tflite files the TFLite runtime runs. Nothing leaves your browser.',
    modelForgotten: 'The saved model was deleted from this browser.',
  },
  language: {
    label: 'Language',
  },
  backend: {
    label: 'Compute backend',
    auto: 'Automatic (fastest available)',
    webgpu: 'WebGPU',
    wasm: 'WebAssembly (SIMD)',
    cpu: 'Plain JavaScript (CPU)',
    running: 'running on {{name}}: {{reason}}',
    starting: 'starting…',
  },
};

/** The shape every language's table has: the English table's keys, each a string. */
export type Messages = DeepStrings<typeof en>;

type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
