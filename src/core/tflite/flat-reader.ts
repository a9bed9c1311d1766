/**
 * A bounds-checked FlatBuffer reader on top of the `flatbuffers` runtime's ByteBuffer.
 *
 * The JS runtime trusts every offset it is given; this layer checks each one against the file before
 * reading, so any byte input either decodes or raises a TfliteFormatError. A work budget proportional to
 * the file size bounds the total effort, so files whose tables share one huge vector many times over
 * cannot make the reader loop or allocate without limit.
 */
import { ByteBuffer } from 'flatbuffers';
import { TfliteFormatError } from './errors';

/** A vector's first element position and element count, both checked against the file. */
export interface VectorRef {
  start: number;
  length: number;
}

export class FlatReader {
  readonly bytes: Uint8Array;
  readonly size: number;
  private readonly bb: ByteBuffer;
  private budget: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.size = bytes.length;
    this.bb = new ByteBuffer(bytes);
    // Units: one per table or vector element visited, one per 16 bytes copied. A well-formed file spends
    // well under its byte count; this leaves room for a few times that.
    this.budget = 4 * bytes.length + 4096;
  }

  /** Spends `units` of the work budget. */
  charge(units: number, context: string): void {
    this.budget -= units;
    if (this.budget < 0) {
      throw new TfliteFormatError({ code: 'tflite-too-complex' }, context);
    }
  }

  /** Throws unless [pos, pos + n) lies inside the file. */
  need(pos: number, n: number, context: string): void {
    if (!(pos >= 0 && n >= 0 && pos + n <= this.size)) {
      throw new TfliteFormatError({ code: 'tflite-truncated', bytes: n, offset: pos, fileBytes: this.size }, context);
    }
  }

  u8(pos: number, context: string): number {
    this.need(pos, 1, context);
    return this.bb.readUint8(pos);
  }

  i8(pos: number, context: string): number {
    this.need(pos, 1, context);
    return this.bb.readInt8(pos);
  }

  u16(pos: number, context: string): number {
    this.need(pos, 2, context);
    return this.bb.readUint16(pos);
  }

  i32(pos: number, context: string): number {
    this.need(pos, 4, context);
    return this.bb.readInt32(pos);
  }

  u32(pos: number, context: string): number {
    this.need(pos, 4, context);
    return this.bb.readUint32(pos);
  }

  f32(pos: number, context: string): number {
    this.need(pos, 4, context);
    return this.bb.readFloat32(pos);
  }

  /** A little-endian int64 as a JS number (exact up to 2^53). */
  i64(pos: number, context: string): number {
    this.need(pos, 8, context);
    return Number(this.bb.readInt64(pos));
  }

  /** A little-endian uint64 as a JS number (exact up to 2^53). */
  u64(pos: number, context: string): number {
    this.need(pos, 8, context);
    return Number(this.bb.readUint64(pos));
  }

  /** The table the root offset (bytes 0..4) points at. */
  root(context: string): Table {
    return this.table(this.u32(0, context), context);
  }

  /** The 4-byte file identifier (bytes 4..8) as text. */
  identifier(): string {
    this.need(4, 4, 'file identifier');
    let s = '';
    for (let i = 4; i < 8; i++) {
      const c = this.bytes[i]!;
      s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
    }
    return s;
  }

  /** Validates the table at `pos` (its vtable and inline size) and returns an accessor for it. */
  table(pos: number, context: string): Table {
    this.charge(1, context);
    const vtable = pos - this.i32(pos, context);
    const vtableSize = this.u16(vtable, context);
    const objectSize = this.u16(vtable + 2, context);
    if (vtableSize < 4 || vtableSize % 2 !== 0) {
      throw new TfliteFormatError({ code: 'tflite-vtable-size', size: vtableSize }, context);
    }
    if (objectSize < 4) throw new TfliteFormatError({ code: 'tflite-inline-size', size: objectSize }, context);
    this.need(vtable, vtableSize, context);
    this.need(pos, objectSize, context);
    return new Table(this, pos, vtable, vtableSize, objectSize, context);
  }

  /** Reads a vector header at `pos` and checks that `length * elemSize` bytes follow it in the file. */
  vectorAt(pos: number, elemSize: number, context: string): VectorRef {
    const length = this.u32(pos, context);
    const bytes = length * elemSize;
    if (bytes > this.size - pos - 4) {
      throw new TfliteFormatError(
        { code: 'tflite-vector-past-end', what: context, bytes, fileBytes: this.size },
        context,
      );
    }
    return { start: pos + 4, length };
  }

  /** Decodes UTF-8 (invalid sequences become U+FFFD), charging the budget for the bytes read. */
  utf8(start: number, length: number, context: string): string {
    this.need(start, length, context);
    this.charge(Math.ceil(length / 16), context);
    return decodeUtf8(this.bytes, start, length);
  }
}

/** Accessor for one validated table; field ids come from schema.ts. */
export class Table {
  constructor(
    readonly reader: FlatReader,
    readonly pos: number,
    private readonly vtable: number,
    private readonly vtableSize: number,
    private readonly objectSize: number,
    readonly context: string,
  ) {}

  /** Absolute position of field `id` holding `size` bytes, or 0 when the field is absent. */
  private field(id: number, size: number): number {
    const slot = 4 + 2 * id;
    if (slot + 2 > this.vtableSize) return 0;
    const offset = this.reader.u16(this.vtable + slot, this.context);
    if (offset === 0) return 0;
    if (offset + size > this.objectSize) {
      throw new TfliteFormatError({ code: 'tflite-field-outside', field: id }, this.context);
    }
    return this.pos + offset;
  }

  has(id: number): boolean {
    return this.field(id, 0) !== 0;
  }

  u8(id: number, fallback: number): number {
    const p = this.field(id, 1);
    return p ? this.reader.u8(p, this.context) : fallback;
  }

  i8(id: number, fallback: number): number {
    const p = this.field(id, 1);
    return p ? this.reader.i8(p, this.context) : fallback;
  }

  bool(id: number, fallback: boolean): boolean {
    const p = this.field(id, 1);
    return p ? this.reader.u8(p, this.context) !== 0 : fallback;
  }

  i32(id: number, fallback: number): number {
    const p = this.field(id, 4);
    return p ? this.reader.i32(p, this.context) : fallback;
  }

  u32(id: number, fallback: number): number {
    const p = this.field(id, 4);
    return p ? this.reader.u32(p, this.context) : fallback;
  }

  f32(id: number, fallback: number): number {
    const p = this.field(id, 4);
    return p ? this.reader.f32(p, this.context) : fallback;
  }

  u64(id: number, fallback: number): number {
    const p = this.field(id, 8);
    return p ? this.reader.u64(p, this.context) : fallback;
  }

  /** Position of the object an offset field points at, or 0 when absent. */
  private target(id: number, context: string): number {
    const p = this.field(id, 4);
    if (!p) return 0;
    const target = p + this.reader.u32(p, context);
    this.reader.need(target, 4, context);
    return target;
  }

  table(id: number, context: string): Table | null {
    const t = this.target(id, context);
    return t ? this.reader.table(t, context) : null;
  }

  vector(id: number, elemSize: number, context: string): VectorRef | null {
    const t = this.target(id, context);
    return t ? this.reader.vectorAt(t, elemSize, context) : null;
  }

  string(id: number, context: string): string | null {
    const v = this.vector(id, 1, context);
    return v ? this.reader.utf8(v.start, v.length, context) : null;
  }

  /** A `[int]` vector as numbers ([] when absent). */
  int32s(id: number, context: string): number[] {
    const v = this.vector(id, 4, context);
    if (!v) return [];
    this.reader.charge(v.length, context);
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.reader.i32(v.start + 4 * i, context);
    return out;
  }

  /** A `[float]` vector as numbers, or undefined when absent. */
  float32s(id: number, context: string): number[] | undefined {
    const v = this.vector(id, 4, context);
    if (!v) return undefined;
    this.reader.charge(v.length, context);
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.reader.f32(v.start + 4 * i, context);
    return out;
  }

  /** A `[long]` vector as numbers ([] when absent). */
  int64s(id: number, context: string): number[] {
    const v = this.vector(id, 8, context);
    if (!v) return [];
    this.reader.charge(v.length, context);
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.reader.i64(v.start + 8 * i, context);
    return out;
  }

  /** A vector of tables; `name` builds each element's context, e.g. `subgraphs[0].tensors`. */
  tables(id: number, name: string): Table[] {
    const v = this.vector(id, 4, name);
    if (!v) return [];
    this.reader.charge(v.length, name);
    const out = new Array<Table>(v.length);
    for (let i = 0; i < v.length; i++) {
      const p = v.start + 4 * i;
      const context = `${name}[${i}]`;
      out[i] = this.reader.table(p + this.reader.u32(p, context), context);
    }
    return out;
  }
}

/** Minimal UTF-8 decoder (the core has no TextDecoder in its lib); invalid input becomes U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, start: number, length: number): string {
  const codes: number[] = [];
  let out = '';
  const end = start + length;
  let i = start;
  while (i < end) {
    const b = bytes[i++]!;
    let cp = 0xfffd;
    if (b < 0x80) cp = b;
    else {
      const n = b >= 0xf8 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
      if (n > 0 && i + n <= end) {
        let v = b & (0x3f >> n);
        let ok = true;
        for (let k = 0; k < n; k++) {
          const c = bytes[i + k]!;
          if ((c & 0xc0) !== 0x80) ok = false;
          v = (v << 6) | (c & 0x3f);
        }
        if (ok && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff)) {
          cp = v;
          i += n;
        }
      }
    }
    codes.push(cp);
    if (codes.length >= 4096) {
      out += String.fromCodePoint(...codes);
      codes.length = 0;
    }
  }
  return out + String.fromCodePoint(...codes);
}
