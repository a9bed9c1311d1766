import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { LabReport } from '../report/report';
import { importedTfliteFileName, tfliteFileName, zipFileName } from './artifact-names';
import { zipArtifacts } from './zip';

const REPORT: LabReport = {
  tool: 'quantization-lab',
  version: 1,
  created: '2025-01-02T03:04:05.000Z',
  preset: 'tutorial',
  seed: 7,
  settings: { epochs: 1 },
  float: { test_accuracy: 0.98, params: 20410, train_seconds: 12, epochs: 1, train_images: 60000, backend: 'wasm' },
  modes: [{ mode: 'int8', file: 'mnist-tutorial-int8.tflite', bytes: 3, accuracy: 0.97, accuracy_engine: 'LiteRT.js' }],
};

function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('zipArtifacts', () => {
  const files = [
    { name: 'mnist-tutorial-float32.tflite', bytes: pseudoRandomBytes(50_000, 1) },
    { name: 'mnist-tutorial-int8.tflite', bytes: Uint8Array.from([1, 2, 3]) },
    { name: 'empty.tflite', bytes: new Uint8Array(0) },
  ];
  const zip = zipArtifacts(files, REPORT);
  const back = unzipSync(zip);

  it('gives back every file byte for byte', () => {
    for (const f of files) expect(back[f.name]).toEqual(f.bytes);
  });

  it('adds report.json that parses back to the report', () => {
    expect(JSON.parse(strFromU8(back['report.json']))).toEqual(REPORT);
    expect(Object.keys(back).sort()).toEqual([
      'empty.tflite',
      'mnist-tutorial-float32.tflite',
      'mnist-tutorial-int8.tflite',
      'report.json',
    ]);
  });

  it('is deterministic for the same report', () => {
    expect(zipArtifacts(files, REPORT)).toEqual(zip);
  });

  it.each([['report.json'], ['a/b.tflite'], ['']])('rejects the name %j', (name) => {
    expect(() => zipArtifacts([{ name, bytes: new Uint8Array(1) }], REPORT)).toThrow(/zipArtifacts/);
  });

  it('tolerates an unparsable created date', () => {
    expect(() => zipArtifacts(files, { ...REPORT, created: 'yesterday' })).not.toThrow();
  });
});

describe('artifact names', () => {
  it.each<[string, string, string]>([
    ['tutorial', 'int8', 'mnist-tutorial-int8.tflite'],
    ['separable', 'int8-io', 'mnist-separable-int8-io.tflite'],
    ['my preset/1', 'qat', 'mnist-my-preset-1-qat.tflite'],
  ])('%s + %s -> %s', (preset, mode, want) => expect(tfliteFileName(preset, mode)).toBe(want));

  it.each<[string, string, string]>([
    ['mobilenet.h5', 'int8', 'mobilenet-int8.tflite'],
    ['my model.v2.keras', 'float16', 'my-model.v2-float16.tflite'],
    ['.h5', 'dynamic', 'imported-dynamic.tflite'],
  ])('imported %s + %s -> %s', (file, mode, want) => expect(importedTfliteFileName(file, mode)).toBe(want));

  it('names the zip after the preset', () => expect(zipFileName('deep')).toBe('quantization-lab-deep.zip'));
});
