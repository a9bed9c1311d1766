/**
 * PNG files <-> RGBA pixels, for the CLI's calibration images (the page decodes with createImageBitmap) and for
 * tests that write their own images. Non-interlaced PNG of bit depth 8 or 16 in every colour type (grey, RGB,
 * palette, grey + alpha, RGBA); zlib through fflate, the lab's zip library. Format: the PNG specification
 * (W3C, 3rd edition), sections 5 (chunks), 7.3 (scanline filtering), 9 (filter types) and 11.2 (IHDR, PLTE).
 */
import { unzlibSync, zlibSync } from 'fflate';
import type { RgbaImage } from './calibration-pixels';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Samples per pixel by colour type (PNG 11.2.2): 0 grey, 2 RGB, 3 palette index, 4 grey + alpha, 6 RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A PNG the lab cannot read, with the sentence to show. */
export class PngError extends Error {
  override name = 'PngError';
}

/** Whether `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The Paeth predictor (PNG 9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes each scanline's filter in place order (PNG 9.2); returns the raw rows without filter bytes. */
function unfilter(data: Uint8Array, rowBytes: number, height: number, bpp: number, file: string): Uint8Array {
  if (data.length < (rowBytes + 1) * height) throw new PngError(`${file}: its image data is shorter than its size.`);
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (rowBytes + 1)]!;
    const src = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    const prev = row - rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
      const v = data[src + x]!;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) predicted = paeth(a, b, c);
      else throw new PngError(`${file}: row ${y} has filter type ${filter}; PNG defines 0 to 4.`);
      out[row + x] = (v + predicted) & 0xff;
    }
  }
  return out;
}

/** Decodes a PNG file to RGBA pixels; throws PngError with a sentence naming `file` when it cannot. */
export function decodePng(bytes: Uint8Array, file = 'the file'): RgbaImage {
  if (!isPng(bytes)) throw new PngError(`${file} is not a PNG file.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let ended = false;
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (data.length !== length) throw new PngError(`${file} is cut short inside its ${type} chunk.`);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = data[8]!;
      colorType = data[9]!;
      if (data[12] !== 0) throw new PngError(`${file} is interlaced; save it without interlacing.`);
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (!ended) throw new PngError(`${file} is cut short (it ends before its IEND chunk).`);
  const channels = CHANNELS[colorType];
  if (!channels || width < 1 || height < 1) throw new PngError(`${file} has no valid PNG header.`);
  if (depth !== 8 && depth !== 16)
    throw new PngError(`${file} has ${depth}-bit samples; the lab reads 8- and 16-bit PNG files.`);
  if (colorType === 3 && (!palette || depth !== 8)) throw new PngError(`${file} is a palette PNG without a palette.`);
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((off, d) => (joined.set(d, off), off + d.length), 0);
  let inflated: Uint8Array;
  try {
    inflated = unzlibSync(joined);
  } catch {
    throw new PngError(`${file}: its image data is not valid zlib data.`);
  }
  const sampleBytes = depth / 8;
  const bpp = channels * sampleBytes;
  const raw = unfilter(inflated, width * bpp, height, bpp, file);
  // 16-bit samples keep their most significant byte (big-endian, PNG 7.1).
  const sample = (pixel: number, channel: number) => raw[(pixel * channels + channel) * sampleBytes]!;
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const o = p * 4;
    if (colorType === 3) {
      const index = sample(p, 0);
      rgba.set(palette!.subarray(index * 3, index * 3 + 3), o);
      rgba[o + 3] = transparency?.[index] ?? 255;
    } else if (channels <= 2) {
      rgba.fill(sample(p, 0), o, o + 3);
      rgba[o + 3] = channels === 2 ? sample(p, 1) : 255;
    } else {
      for (let c = 0; c < 3; c++) rgba[o + c] = sample(p, c);
      rgba[o + 3] = channels === 4 ? sample(p, 3) : 255;
    }
  }
  return { width, height, data: rgba };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of a chunk's type and data (PNG 5.5, ISO 3309). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(
    [...type].map((ch) => ch.charCodeAt(0)),
    4,
  );
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes RGBA pixels as an 8-bit RGBA PNG (colour type 6). Row y uses filter type y mod 5, so a file it
 * writes exercises every filter a reader must undo.
 */
export function encodePng(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  const rowBytes = width * 4;
  const filtered = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    filtered[y * (rowBytes + 1)] = filter;
    for (let x = 0; x < rowBytes; x++) {
      const at = y * rowBytes + x;
      const a = x >= 4 ? data[at - 4]! : 0;
      const b = y > 0 ? data[at - rowBytes]! : 0;
      const c = x >= 4 && y > 0 ? data[at - rowBytes - 4]! : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
      filtered[y * (rowBytes + 1) + 1 + x] = (data[at]! - predicted) & 0xff;
    }
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(filtered, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((off, p) => (out.set(p, off), off + p.length), 0);
  return out;
}
