/**
 * Parser for the IDX files MNIST ships in (http://yann.lecun.com/exdb/mnist/ describes the format):
 * a big-endian header (magic, then one u32 per dimension) followed by raw unsigned bytes.
 */
import { CodedError } from '../errors/coded-error';
import { englishDatasetProblem, type DatasetProblem } from './dataset-problem';

/** Magic numbers of the two IDX kinds MNIST uses: 0x00000803 (u8, 3 dims) and 0x00000801 (u8, 1 dim). */
export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

/** An IDX file that is not what MNIST ships; `problem` says why as data (dataset-problem.ts). */
export class IdxFormatError extends CodedError<DatasetProblem> {
  override name = 'IdxFormatError';

  constructor(problem: DatasetProblem) {
    super(problem, englishDatasetProblem(problem));
  }
}

export interface IdxArray {
  /** Dimensions, e.g. [60000, 28, 28] for images or [60000] for labels. */
  dims: number[];
  /** Row-major unsigned bytes, product(dims) long. A view into the input, not a copy. */
  data: Uint8Array;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** Parses an IDX file of unsigned bytes (type code 0x08). */
export function parseIdx(bytes: Uint8Array, expectedMagic?: number): IdxArray {
  if (bytes.byteLength < 8) throw new IdxFormatError({ code: 'dataset-idx-too-short', bytes: bytes.byteLength });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new IdxFormatError({ code: 'dataset-idx-magic', magic: hex(magic), expected: hex(expectedMagic) });
  }
  if (magic >>> 16 !== 0 || ((magic >>> 8) & 0xff) !== 0x08) {
    throw new IdxFormatError({ code: 'dataset-idx-not-bytes', magic: hex(magic) });
  }
  const rank = magic & 0xff;
  if (rank < 1 || rank > 4) throw new IdxFormatError({ code: 'dataset-idx-rank', rank });
  const headerBytes = 4 + 4 * rank;
  if (bytes.byteLength < headerBytes) throw new IdxFormatError({ code: 'dataset-idx-truncated-header' });
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength - headerBytes < count) {
    throw new IdxFormatError({ code: 'dataset-idx-data', declared: count, holds: bytes.byteLength - headerBytes });
  }
  return { dims, data: bytes.subarray(headerBytes, headerBytes + count) };
}
