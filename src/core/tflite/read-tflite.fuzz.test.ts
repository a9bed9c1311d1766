import { Builder } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { SMALL_GRAPHS, seededRandom } from './testing/graph-fixtures';
import { inspectTflite, readTflite, tensorValues, TfliteFormatError } from './read-tflite';
import { writeTflite } from './write-tflite';

type Outcome = 'ok' | 'error';

/** Runs both readers; anything but a non-internal TfliteFormatError fails the test with the case's seed. */
function check(bytes: Uint8Array, label: string): Outcome[] {
  const inspectAndRead = (b: Uint8Array): void => {
    const info = inspectTflite(b);
    info.subgraphs.forEach((sg, s) => sg.tensors.forEach((_t, i) => tensorValues(b, info, s, i, true)));
  };
  return [inspectAndRead, readTflite].map((read) => {
    try {
      read(bytes);
      return 'ok';
    } catch (e) {
      if (!(e instanceof TfliteFormatError) || e.internal) {
        throw new Error(`${label}: ${read.name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, {
          cause: e,
        });
      }
      return 'error';
    }
  });
}

const HUGE = [0xffffffff, 0xfffffff0, 0x7fffffff, 0x80000000, 4_000_000_000, 0x10000, 0xffff];

function mutate(base: Uint8Array, rand: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n);
  switch (int(5)) {
    case 0: {
      // Flip 1-8 random bytes.
      const out = base.slice();
      for (let k = 1 + int(8); k > 0; k--) out[int(out.length)] = int(256);
      return out;
    }
    case 1:
      // Truncate.
      return base.slice(0, int(base.length));
    case 2: {
      // Insert 1-64 garbage bytes somewhere (shifts every later offset).
      const at = int(base.length);
      const garbage = Uint8Array.from({ length: 1 + int(64) }, () => int(256));
      const out = new Uint8Array(base.length + garbage.length);
      out.set(base.subarray(0, at));
      out.set(garbage, at);
      out.set(base.subarray(at), at + garbage.length);
      return out;
    }
    case 3: {
      // Patch a huge uint32 at a random (often aligned) position: lengths, offsets, counts.
      const out = base.slice();
      const at = rand() < 0.7 ? int(out.length >> 2) << 2 : int(out.length - 3);
      const value = rand() < 0.8 ? HUGE[int(HUGE.length)]! : int(2 ** 32);
      new DataView(out.buffer).setUint32(Math.max(0, at), value >>> 0, true);
      return out;
    }
    default: {
      // Small shifts of one uint16/uint32 (vtable entries, offsets) by a few bytes.
      const out = base.slice();
      const dv = new DataView(out.buffer);
      const at = int(out.length >> 1) << 1;
      if (at + 2 <= out.length) dv.setUint16(at, (dv.getUint16(at, true) + int(9) - 4) & 0xffff, true);
      return out;
    }
  }
}

describe('fuzzing the readers', () => {
  const bases = Object.entries(SMALL_GRAPHS).map(([name, make]) => [name, writeTflite(make())] as const);

  it('mutated valid files either read or throw TfliteFormatError', () => {
    const rand = seededRandom(20240611);
    const counts = { ok: 0, error: 0 };
    const perBase = 700;
    for (const [name, base] of bases) {
      for (let i = 0; i < perBase; i++) {
        const bytes = mutate(base, rand);
        for (const o of check(bytes, `${name} mutation ${i}`)) counts[o]++;
      }
    }
    console.info(`fuzz: ${bases.length * perBase} mutated files, ${JSON.stringify(counts)}`);
    // Not vacuous: some mutations survive (e.g. flipped weight bytes), many are rejected.
    expect(counts.ok).toBeGreaterThan(100);
    expect(counts.error).toBeGreaterThan(100);
  }, 60_000);

  it('random byte arrays (some with a TFL3 header) throw TfliteFormatError or read', () => {
    const rand = seededRandom(7);
    const int = (n: number): number => Math.floor(rand() * n);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: int(600) }, () => int(256));
      if (bytes.length >= 8 && rand() < 0.7) {
        bytes.set([84, 70, 76, 51], 4); // "TFL3"
        new DataView(bytes.buffer).setUint32(0, 8 + int(bytes.length - 8), true);
      }
      check(bytes, `random ${i}`);
    }
  }, 20_000);

  it('a file whose tables all share one large vector stays within the work budget', () => {
    // 4,000 tensors whose shapes all point at one 4,000-entry vector: about 100 KB of file that would
    // take 16 M element reads without the budget proportional to the file size.
    const n = 4000;
    const b = new Builder(1 << 17);
    b.startVector(4, n, 4);
    for (let i = 0; i < n; i++) b.addInt32(1);
    const shape = b.endVector();
    const tensors: number[] = [];
    for (let i = 0; i < n; i++) {
      b.startObject(1);
      b.addFieldOffset(0, shape, 0);
      tensors.push(b.endObject());
    }
    b.startVector(4, n, 4);
    for (let i = n - 1; i >= 0; i--) b.addOffset(tensors[i]!);
    const tv = b.endVector();
    b.startObject(1);
    b.addFieldOffset(0, tv, 0);
    const sg = b.endObject();
    b.startVector(4, 1, 4);
    b.addOffset(sg);
    const sgv = b.endVector();
    b.startObject(3);
    b.addFieldInt32(0, 3, 0);
    b.addFieldOffset(2, sgv, 0);
    b.finish(b.endObject(), 'TFL3');
    const bytes = b.asUint8Array().slice();
    // The reader's work budget, not the clock, is what stops it.
    expect(() => inspectTflite(bytes)).toThrow(/too complex/);
    expect(check(bytes, 'shared vector')).toEqual(['error', 'error']);
  });
});
