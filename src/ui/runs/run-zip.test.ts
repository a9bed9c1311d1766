import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { resultsZip } from '../results/artifact-files';
import { DEFAULT_LAB_STATE } from '../state/lab-state';
import { compareRuns } from './run-compare';
import { buildRunRecord } from './run-record';
import { fakeModel, fakeOutcome, fakeReport, fakeTflite } from './testing/run-fixtures';
import { importedRunRecord, readRunZip } from './run-zip';

const outcomes = { float32: fakeOutcome('float32', 400, 0.98), int8: fakeOutcome('int8', 120, 0.975) };
const args: Parameters<typeof buildRunRecord>[0] = {
  id: 'r1',
  createdAt: 1,
  kind: 'quantization',
  settings: DEFAULT_LAB_STATE,
  model: fakeModel(),
  outcomes,
  report: fakeReport(outcomes),
};
const run = buildRunRecord(args);
const other = buildRunRecord({
  ...args,
  id: 'r2',
  outcomes: { int8: outcomes.int8 },
  report: fakeReport(outcomes, 0.9),
});

describe('run zip', () => {
  it('an exported run reads back as the same report and files, and compares the same', () => {
    const reading = readRunZip(resultsZip(run.report, run.files).bytes);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.report).toEqual(run.report);
    expect(reading.files).toEqual(run.files);
    const imported = importedRunRecord(reading, 'i1', 9, 'back');
    expect(compareRuns(imported, other)).toEqual(compareRuns(run, other));
    expect(imported).toMatchObject({ kind: 'imported', name: 'back', createdAt: 9 });
  });

  const report = JSON.stringify(run.report);
  it.each<[string, Uint8Array, string, string?]>([
    ['not a zip', strToU8('hello, not a zip at all'), 'notZip'],
    ['a zip without report.json', zipSync({ 'a.txt': strToU8('x') }), 'noReport'],
    ['report.json that is not JSON', zipSync({ 'report.json': strToU8('{nope') }), 'notLabReport'],
    ['another tool’s report', zipSync({ 'report.json': strToU8('{"tool":"other","modes":[]}') }), 'notLabReport'],
    [
      'a missing file',
      zipSync({ 'report.json': strToU8(report), 'mnist-tutorial-float32.tflite': fakeTflite(16, 1) }),
      'missingFile',
      'mnist-tutorial-int8.tflite',
    ],
    [
      'a file that is not .tflite',
      zipSync({
        'report.json': strToU8(report),
        'mnist-tutorial-float32.tflite': strToU8('plain text file'),
        'mnist-tutorial-int8.tflite': fakeTflite(16, 1),
      }),
      'notTflite',
      'mnist-tutorial-float32.tflite',
    ],
  ])('refuses %s', (_name, zip, problem, file) => {
    const reading = readRunZip(zip);
    expect(reading).toEqual({ ok: false, problem, ...(file && { file }) });
  });
});
