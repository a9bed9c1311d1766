import { describe, expect, it } from 'vitest';
import type { ModeReport } from '../../core/report/report';
import { collectArtifacts, modeFileName } from './artifact-files';

const mode = (name: string, file: string): ModeReport => ({
  mode: name,
  file,
  bytes: 1,
  accuracy: 0.9,
  accuracy_engine: 'LiteRT.js',
});

describe('modeFileName', () => {
  it.each<[string, string, string]>([
    ['int8', 'mnist-tutorial-int8.tflite', 'mnist-tutorial-int8.tflite'],
    ['int8', 'out/run1/model-int8.tflite', 'model-int8.tflite'],
    ['int8', 'C:\\out\\model.tflite', 'model.tflite'],
    ['int16x8', '', 'mnist-tutorial-int16x8.tflite'],
  ])('%s with file %j -> %s', (m, file, want) =>
    expect(modeFileName({ preset: 'tutorial' }, mode(m, file))).toBe(want),
  );
});

describe('collectArtifacts', () => {
  it('keeps report order and lists modes without bytes', () => {
    const a = Uint8Array.from([1]);
    const b = Uint8Array.from([2]);
    const report = { preset: 'deep', modes: [mode('float32', 'f.tflite'), mode('int8', ''), mode('qat', 'q.tflite')] };
    expect(collectArtifacts(report, { int8: b, float32: a, other: a })).toEqual({
      files: [
        { name: 'f.tflite', bytes: a },
        { name: 'mnist-deep-int8.tflite', bytes: b },
      ],
      missing: ['qat'],
    });
  });
});
