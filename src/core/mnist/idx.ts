/**
 * Parser for the IDX files MNIST ships in (http://yann.lecun.com/exdb/mnist/ describes the format):
 * a big-endian header (magic, then one u32 per dimension) followed by raw unsigned bytes.
 */

/** Magic numbers of the two IDX kinds MNIST uses: 0x00000803 (u8, 3 dims) and 0x00000801 (u8, 1 dim). */
export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export class IdxFormatError extends Error {
  constructor(message: string) {
    super(`Not a valid MNIST IDX file: ${message}`);
    this.name = 'IdxFormatError';
  }
}

export interface IdxArray {
  /** Dimensions, e.g. [60000, 28, 28] for images or [60000] for labels. */
  dims: number[];
  /** Row-major unsigned bytes, product(dims) long. A view into the input, not a copy. */
  data: Uint8Array;
}

/** Parses an IDX file of unsigned bytes (type code 0x08). */
export function parseIdx(bytes: Uint8Array, expectedMagic?: number): IdxArray {
  if (bytes.byteLength < 8) throw new IdxFormatError(`only ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new IdxFormatError(`magic 0x${magic.toString(16)} (expected 0x${expectedMagic.toString(16)})`);
  }
  if (magic >>> 16 !== 0 || ((magic >>> 8) & 0xff) !== 0x08) {
    throw new IdxFormatError(`magic 0x${magic.toString(16)} is not an unsigned-byte IDX array`);
  }
  const rank = magic & 0xff;
  if (rank < 1 || rank > 4) throw new IdxFormatError(`rank ${rank}`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.byteLength < headerBytes) throw new IdxFormatError('truncated header');
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength - headerBytes < count) {
    throw new IdxFormatError(`declares ${count} bytes of data but holds ${bytes.byteLength - headerBytes}`);
  }
  return { dims, data: bytes.subarray(headerBytes, headerBytes + count) };
}
