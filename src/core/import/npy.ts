/**
 * Calibration images from a file, for models whose input is not MNIST when no image decoder is at hand
 * (the CLI): a NumPy `.npy` (float32 '<f4' as is, uint8 '|u1' scaled by 1/255; C order) or raw little-endian
 * float32 values. Format: numpy/lib/format.py (magic "\x93NUMPY", version, header length, a dict literal).
 */
import { ModelImportError } from './model-file';

/** Images as the model takes them: [count, ...shape] floats, flattened. */
export interface ImageBatch {
  count: number;
  /** One image's shape, [h, w, c]. */
  shape: number[];
  values: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Reads `.npy` or raw float32 bytes as images of `shape` ([h, w, c]); throws a sentence when they do not fit. */
export function readImageBatch(bytes: Uint8Array, file: string, shape: readonly number[]): ImageBatch {
  const per = shape.reduce((a, b) => a * b, 1);
  const isNpy = MAGIC.every((m, i) => bytes[i] === m);
  let values: Float32Array;
  if (isNpy) {
    const major = bytes[6];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
    const start = major === 1 ? 10 : 12;
    const header = String.fromCharCode(...bytes.subarray(start, start + headerLen));
    const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
    if (/'fortran_order':\s*True/.test(header)) throw new ModelImportError({ code: 'import-npy-fortran', file });
    const data = bytes.slice(start + headerLen);
    if (descr === '<f4') values = new Float32Array(data.buffer, 0, Math.floor(data.length / 4));
    else if (descr === '|u1') values = Float32Array.from(data, (v) => v / 255);
    else
      throw new ModelImportError(
        descr ? { code: 'import-npy-dtype', file, dtype: descr } : { code: 'import-npy-dtype', file },
      );
  } else {
    if (bytes.length % 4 !== 0) throw new ModelImportError({ code: 'import-npy-not-float', file });
    values = new Float32Array(bytes.slice().buffer);
  }
  if (values.length === 0 || values.length % per !== 0)
    throw new ModelImportError({ code: 'import-npy-count', file, values: values.length, shape: [...shape], per });
  return { count: values.length / per, shape: [...shape], values };
}
