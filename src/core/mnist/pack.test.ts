import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { MnistSplit } from './dataset';
import type { DatasetProblemCode } from './dataset-problem';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxFormatError, parseIdx } from './idx';
import { DatasetFormatError, packSplit, splitFromIdx, unpackSplit } from './pack';

/** A split of `count` 28 x 28 images with labels 0..9 repeating. */
function split(count: number): MnistSplit {
  const images = new Uint8Array(count * 784).map((_, i) => i % 256);
  const labels = new Uint8Array(count).map((_, i) => i % 10);
  return { count, rows: 28, cols: 28, images, labels };
}

/** An IDX file of unsigned bytes with `dims` and `bytes` data bytes (0 by default: as many as dims say). */
function idx(magic: number, dims: number[], bytes?: number): Uint8Array {
  const count = bytes ?? dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  return out;
}

function problemOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e instanceof DatasetFormatError || e instanceof IdxFormatError).toBe(true);
    const err = e as DatasetFormatError;
    return { code: err.problem.code, message: err.message };
  }
  throw new Error('did not throw');
}

describe('packed splits', () => {
  it('round-trip', () => {
    const s = split(3);
    const back = unpackSplit(packSplit(s), 'x.qlm');
    expect(back.count).toBe(3);
    expect(Array.from(back.labels)).toEqual([0, 1, 2]);
    expect(Array.from(back.images)).toEqual(Array.from(s.images));
  });

  // unpackSplit also takes the bytes before gzip, which are easier to corrupt field by field.
  const raw = () => gunzipSync(packSplit(split(2)));
  it.each<[string, () => Uint8Array, DatasetProblemCode]>([
    ['bad gzip', () => new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'dataset-gzip'],
    ['too short', () => new Uint8Array(5), 'dataset-too-short'],
    ['a zip file', () => new Uint8Array([0x50, 0x4b, 3, 4, ...new Uint8Array(20)]), 'dataset-magic'],
    ['32 x 32 images', () => withHeader(raw(), 8, 32), 'dataset-image-size'],
    ['cut short', () => raw().subarray(0, 100), 'dataset-truncated'],
    ['label 12', () => withByte(raw(), 16, 12), 'dataset-label'],
  ])('%s -> %s', (_what, bytes, code) => {
    const p = problemOf(() => unpackSplit(bytes(), '/data/mnist-test.qlm'));
    expect(p.code).toBe(code);
    expect(p.message).toContain('/data/mnist-test.qlm');
  });

  it('keeps the sentences the CLI printed', () => {
    expect(problemOf(() => unpackSplit(new Uint8Array(5), 'a.qlm')).message).toBe('a.qlm is truncated (5 bytes)');
    expect(problemOf(() => unpackSplit(new Uint8Array(5))).message).toBe('dataset file is truncated (5 bytes)');
  });
});

describe('IDX files', () => {
  it.each<[string, () => unknown, DatasetProblemCode]>([
    ['too short', () => parseIdx(new Uint8Array(4)), 'dataset-idx-too-short'],
    ['labels for images', () => parseIdx(idx(IDX_LABELS_MAGIC, [2]), IDX_IMAGES_MAGIC), 'dataset-idx-magic'],
    ['float data', () => parseIdx(idx(0x00000d01, [2])), 'dataset-idx-not-bytes'],
    ['rank 0', () => parseIdx(idx(0x00000800, [], 4)), 'dataset-idx-rank'],
    ['header cut', () => parseIdx(idx(IDX_IMAGES_MAGIC, [1]).subarray(0, 8)), 'dataset-idx-truncated-header'],
    ['data cut', () => parseIdx(idx(IDX_LABELS_MAGIC, [10], 3)), 'dataset-idx-data'],
    [
      'counts differ',
      () => splitFromIdx(idx(IDX_IMAGES_MAGIC, [2, 28, 28]), idx(IDX_LABELS_MAGIC, [3])),
      'dataset-count-mismatch',
    ],
  ])('%s -> %s', (_what, f, code) => {
    expect(problemOf(f).code).toBe(code);
  });

  it('says what the magic was', () => {
    expect(problemOf(() => parseIdx(idx(IDX_LABELS_MAGIC, [2]), IDX_IMAGES_MAGIC)).message).toBe(
      'Not a valid MNIST IDX file: magic 0x801 (expected 0x803)',
    );
  });
});

function withHeader(raw: Uint8Array, offset: number, value: number): Uint8Array {
  const out = raw.slice();
  new DataView(out.buffer).setUint32(offset, value, true);
  return out;
}

function withByte(raw: Uint8Array, offset: number, value: number): Uint8Array {
  const out = raw.slice();
  out[offset] = value;
  return out;
}
