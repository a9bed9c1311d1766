/**
 * What a format adapter (src/import) hands the pure importer: the Keras model config as parsed JSON
 * and each layer's weight arrays in file order. The adapters know HDF5, zip and TF.js shards; this
 * side knows Keras.
 */

import type { ModelSource } from '../model/architecture';
import { CodedError } from '../errors/coded-error';
import { englishImportProblem, type ImportProblem } from './import-problem';

/** One weight array as a file holds it. */
export interface RawWeight {
  /** The file's name for it (e.g. "conv2d/kernel:0", "sequential/dense/kernel", "vars/0"); roles derive from its last segment. */
  name: string;
  /** Keras layout: Conv2D kernel [kh, kw, in, out], Dense [in, out], vectors [n]. */
  shape: number[];
  values: Float32Array;
}

/** A Keras-family model file, format-neutral. */
export interface KerasModelFile {
  source: ModelSource;
  /** The model config: `{class_name, config}` (Keras 2, Keras 3 or TF.js), or undefined for a weights-only file. */
  config: unknown;
  /** Weights by Keras layer name, in the order the layer created them. */
  weights: Record<string, RawWeight[]>;
  /** Layer names in file order (weights-only files list them all, weighted or not). */
  layerNames: string[];
}

/**
 * A model file (or calibration image file) the lab cannot import; the message is one sentence for the user,
 * written from `problem` (import-problem.ts).
 */
export class ModelImportError extends CodedError<ImportProblem> {
  override name = 'ModelImportError';

  constructor(problem: ImportProblem) {
    super(problem, englishImportProblem(problem));
  }
}
