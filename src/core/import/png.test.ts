import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, isPng, PngError } from './png';

/** A w x h RGBA image with every channel varying (so every filter predicts something). */
function pattern(width: number, height: number, alpha = true) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set([(x * 37 + y * 11) & 255, (x * y * 7) & 255, (255 - x * 13) & 255, alpha ? (y * 29) & 255 : 255], o);
    }
  return { width, height, data };
}

/** A PNG of colour type `colorType` and depth 8 with raw (filter 0) rows, written here byte by byte. */
function rawPng(
  width: number,
  height: number,
  colorType: number,
  rows: number[][],
  extra: [string, number[]][] = [],
  { filter = 0, interlace = 0, depth = 8 } = {},
) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Uint8Array) => {
    let c = 0xffffffff;
    for (const v of b) c = crcTable[(c ^ v) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const b = Buffer.alloc(12 + data.length);
    b.writeUInt32BE(data.length, 0);
    b.write(type, 4, 'latin1');
    Buffer.from(data).copy(b, 8);
    b.writeUInt32BE(crc(b.subarray(4, 8 + data.length)), 8 + data.length);
    return b;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colorType, 0, 0, interlace], 8);
  const idat = deflateSync(Buffer.from(rows.flatMap((r) => [filter, ...r])));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...extra.map(([t, d]) => chunk(t, Uint8Array.from(d))),
      chunk('IDAT', idat),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

describe('png', () => {
  it.each([
    [1, 1],
    [7, 5],
    [16, 16],
    [33, 12],
  ])('a %ix%i RGBA image written with every filter reads back exactly', (w, h) => {
    const image = pattern(w, h);
    const png = encodePng(image);
    expect(isPng(png)).toBe(true);
    expect(decodePng(png)).toEqual(image);
  });

  it('reads grey, grey + alpha, RGB and palette files (zlib from node:zlib, not fflate)', () => {
    expect(decodePng(rawPng(2, 1, 0, [[10, 200]])).data).toEqual(
      Uint8Array.from([10, 10, 10, 255, 200, 200, 200, 255]),
    );
    expect(decodePng(rawPng(1, 1, 4, [[90, 30]])).data).toEqual(Uint8Array.from([90, 90, 90, 30]));
    expect(
      decodePng(
        rawPng(1, 2, 2, [
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).data,
    ).toEqual(Uint8Array.from([1, 2, 3, 255, 4, 5, 6, 255]));
    const palette = rawPng(
      2,
      1,
      3,
      [[1, 0]],
      [
        ['PLTE', [9, 8, 7, 60, 50, 40]],
        ['tRNS', [128]],
      ],
    );
    expect(decodePng(palette).data).toEqual(Uint8Array.from([60, 50, 40, 255, 9, 8, 7, 128]));
  });

  it.each([
    ['not a PNG', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), /x\.png is not a PNG file/],
    ['an unknown filter', rawPng(1, 1, 0, [[5]], [], { filter: 7 }), /row 0 has filter type 7/],
    ['an interlaced file', rawPng(1, 1, 0, [[5]], [], { interlace: 1 }), /interlaced/],
    ['4-bit samples', rawPng(1, 1, 0, [[5]], [], { depth: 4 }), /4-bit samples/],
    [
      'a cut file',
      rawPng(2, 2, 2, [
        [1, 2, 3, 4, 5, 6],
        [1, 2, 3, 4, 5, 6],
      ]).subarray(0, 40),
      /cut short/,
    ],
  ])('says why it cannot read %s', (_what, bytes, message) => {
    expect(() => decodePng(bytes, 'x.png')).toThrow(PngError);
    expect(() => decodePng(bytes, 'x.png')).toThrow(message);
  });
});
