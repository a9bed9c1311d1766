import { gunzipSync, gzipSync } from 'fflate';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from './idx';
import type { MnistSplit } from './dataset';
import { CodedError } from '../errors/coded-error';
import { englishDatasetProblem, type DatasetProblem } from './dataset-problem';

/**
 * The lab's compact MNIST split format, derived at install time from the IDX files and served
 * gzip-compressed by the app: "QLM1", u32 LE count, rows, cols, then labels [count] u8,
 * then images [count * rows * cols] u8.
 */
const PACK_MAGIC = 'QLM1';
const HEADER_BYTES = 16;

/** A dataset file that cannot be used; `problem` says why as data (dataset-problem.ts). */
export class DatasetFormatError extends CodedError<DatasetProblem> {
  override name = 'DatasetFormatError';

  constructor(problem: DatasetProblem) {
    super(problem, englishDatasetProblem(problem));
  }
}

/** Builds a split from a pair of IDX files (images, labels). */
export function splitFromIdx(imagesIdx: Uint8Array, labelsIdx: Uint8Array): MnistSplit {
  const images = parseIdx(imagesIdx, IDX_IMAGES_MAGIC);
  const labels = parseIdx(labelsIdx, IDX_LABELS_MAGIC);
  if (images.dims.length !== 3) throw new DatasetFormatError({ code: 'dataset-image-rank', rank: images.dims.length });
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) {
    throw new DatasetFormatError({ code: 'dataset-count-mismatch', images: count, labels: labels.dims[0] });
  }
  return { count, rows, cols, images: images.data, labels: labels.data };
}

/** Encodes a split into the gzip-compressed QLM1 format. */
export function packSplit(split: MnistSplit): Uint8Array {
  const raw = new Uint8Array(HEADER_BYTES + split.count + split.images.length);
  for (let i = 0; i < 4; i++) raw[i] = PACK_MAGIC.charCodeAt(i);
  const view = new DataView(raw.buffer);
  view.setUint32(4, split.count, true);
  view.setUint32(8, split.rows, true);
  view.setUint32(12, split.cols, true);
  raw.set(split.labels, HEADER_BYTES);
  raw.set(split.images, HEADER_BYTES + split.count);
  return gzipSync(raw, { level: 6 });
}

/** Decodes a QLM1 split (gzip-compressed or not). Throws DatasetFormatError with a reason. */
export function unpackSplit(bytes: Uint8Array, file?: string): MnistSplit {
  let raw = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      throw new DatasetFormatError({ code: 'dataset-gzip', file, detail: (e as Error).message });
    }
  }
  if (raw.length < HEADER_BYTES) throw new DatasetFormatError({ code: 'dataset-too-short', file, bytes: raw.length });
  const magic = String.fromCharCode(raw[0], raw[1], raw[2], raw[3]);
  if (magic !== PACK_MAGIC) throw new DatasetFormatError({ code: 'dataset-magic', file, magic });
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const count = view.getUint32(4, true);
  const rows = view.getUint32(8, true);
  const cols = view.getUint32(12, true);
  const need = HEADER_BYTES + count + count * rows * cols;
  if (rows !== 28 || cols !== 28) throw new DatasetFormatError({ code: 'dataset-image-size', file, rows, cols });
  if (raw.length !== need) throw new DatasetFormatError({ code: 'dataset-truncated', file, bytes: raw.length, need });
  const labels = raw.subarray(HEADER_BYTES, HEADER_BYTES + count);
  for (let i = 0; i < count; i++) {
    if (labels[i] > 9) throw new DatasetFormatError({ code: 'dataset-label', file, label: labels[i], index: i });
  }
  return { count, rows, cols, labels, images: raw.subarray(HEADER_BYTES + count, need) };
}
