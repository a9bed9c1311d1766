// The corpus command on a folder of converter-shaped fixtures: the same code as the page, in Node, on the
// real LiteRT.js and the real MNIST test images.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  castUint8Classifier,
  centroidClassifier,
  detectorLikeModel,
  dynamicBatchClassifier,
  edgeTpuLikeModel,
} from '../core/tflite/testing/converter-fixtures';
import { writeTfliteModel } from '../core/tflite/write-tflite';
import { formatCorpusLine, runCorpus, type CorpusLine } from './corpus';
import { loadLiteRtForNode } from './litert-node';
import { loadMnistFromIdx } from './mnist-node';

const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
let lines: CorpusLine[];

beforeAll(async () => {
  await loadLiteRtForNode();
  const { train, test } = loadMnistFromIdx();
  const c = centroidClassifier(train.images, train.labels);
  const files: Record<string, Uint8Array> = {
    'a-cast.tflite': writeTfliteModel(castUint8Classifier(c)),
    'b-dynamic.tflite': writeTfliteModel(dynamicBatchClassifier(c)),
    'c_edgetpu.tflite': writeTfliteModel(edgeTpuLikeModel()),
    'd-detector.tflite': writeTfliteModel(detectorLikeModel()),
    'e-broken.tflite': Uint8Array.from([1, 2, 3]),
    'notes.txt': new TextEncoder().encode('not a model'),
    // A subfolder is read too (a TF.js model keeps its shards' names in a folder of its own).
    'f/g-cast.tflite': writeTfliteModel(castUint8Classifier(c)),
  };
  mkdirSync(join(dir, 'f'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  lines = await runCorpus(dir, { test, limit: 500 }, () => undefined);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run corpus', () => {
  it('prints one line per model file, in name order, skipping other files', () => {
    expect(lines.map((l) => [l.file, l.kind])).toEqual([
      ['a-cast.tflite', 'classifier'],
      ['b-dynamic.tflite', 'classifier'],
      ['c_edgetpu.tflite', 'edgetpu'],
      ['d-detector.tflite', 'multi-io'],
      ['e-broken.tflite', 'unreadable'],
      ['f/g-cast.tflite', 'classifier'],
    ]);
  });

  it('evaluates the classifiers and says how they were fed', () => {
    const [cast, dynamic] = lines;
    expect(cast!.accuracy).toBeGreaterThan(0.75);
    expect(dynamic!.accuracy).toBeGreaterThan(0.75);
    expect(formatCorpusLine(cast!)).toMatch(
      /uint8 \[1, 28, 28\] raw pixels 0\.\.255.*CAST.*accuracy \d+\.\d\d% on 500 images/,
    );
    expect(dynamic!.feed).toMatch(/batch pinned to 1 on 5 tensors/);
    expect(dynamic!.ops).toBe('CONV_2D, SHAPE, STRIDED_SLICE, PACK, RESHAPE, FULLY_CONNECTED, SOFTMAX');
  });

  it('says whether the lab imports each .tflite as its model', () => {
    expect(lines[0]!.imports).toMatch(/^does not import: a-cast\.tflite takes a UINT8 input/);
    expect(lines[1]!.imports).toBe('imports: 3 layers, 7,852 parameters, input [28, 28, 1]');
    expect(lines[2]!.imports).toMatch(/^does not import: .*already quantized/);
    expect(formatCorpusLine(lines[1]!)).toMatch(/\| imports: 3 layers/);
  });

  it('gives the reason for files it does not run', () => {
    expect(lines[2]!.result).toMatch(/^not run: An Edge TPU model/);
    expect(lines[3]!.result).toMatch(/^not run: A detector-like model: 4 outputs/);
    expect(lines[4]!.result).toMatch(/^not a readable \.tflite: truncated/);
  });
});
