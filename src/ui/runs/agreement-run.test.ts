import { describe, expect, it } from 'vitest';
import { buildReport, unlabelledSettings } from '../../core/report/build-report';
import type { ModeReport } from '../../core/report/report';
import type { TrainedModel } from '../../core/model/trained-model';
import { resultsZip } from '../results/artifact-files';
import { DEFAULT_LAB_STATE } from '../state/lab-state';
import { compareRuns } from './run-compare';
import { buildAgreementRunRecord, runHeadline, runIdentity, scoredByAgreement } from './run-record';
import { importedRunRecord, readRunZip } from './run-zip';
import { fakeModel, fakeTflite } from './testing/run-fixtures';

/** An imported 16x16x3 model: no MNIST score (testAccuracy NaN), as importLabModel returns it. */
const model: TrainedModel = {
  ...fakeModel(Number.NaN),
  preset: 'imported',
  source: { kind: 'tflite', file: 'rgb16.tflite' },
  history: [],
};

function entry(mode: string, bytes: number, top1: number, snr: number | null): ModeReport {
  return {
    mode,
    file: `${mode}.tflite`,
    bytes,
    accuracy: Number.NaN,
    accuracy_engine: 'no labels',
    float_model_agreement: { images: 6, top1_agreement: top1, output_snr_db: snr, engine: 'LiteRT.js' },
  };
}

const report = buildReport(
  model,
  unlabelledSettings('rgb16.tflite', 6, '0-1'),
  [entry('float16', 300, 1, null), entry('int8', 160, 5 / 6, 24.5)],
  0,
  new Date('2026-01-02T03:04:05Z'),
);
const files = { float16: fakeTflite(300, 1), int8: fakeTflite(160, 2), dynamic: fakeTflite(200, 3) };
const run = buildAgreementRunRecord({ id: 'u1', createdAt: 5, settings: DEFAULT_LAB_STATE, report, model, files });

describe('a run of a model scored without labels', () => {
  it('keeps the report modes that have files, named after the source file', () => {
    expect(run).toMatchObject({ kind: 'quantization', name: 'rgb16.tflite · float16, int8', model });
    expect(Object.keys(run.files)).toEqual(['float16', 'int8']);
    expect(run.report.settings).toEqual({ import: 'rgb16.tflite', calibration_images: 6, input_range: '0-1' });
    expect(run.report.source).toEqual({ kind: 'tflite', file: 'rgb16.tflite' });
  });

  it('is listed by its agreement with the float model, not by accuracy', () => {
    expect(scoredByAgreement(run.report)).toBe(true);
    const h = runHeadline(run);
    expect(h.scoredBy).toBe('agreement');
    expect(h.floatAccuracy).toBeNaN();
    expect(h.smallest).toMatchObject({ mode: 'int8', bytes: 160, top1Agreement: 5 / 6, snrDb: 24.5 });
    expect(compareRuns(run, run).rows.map((r) => r.a?.top1Agreement)).toEqual([1, 5 / 6]);
  });

  it('exports as a zip whose report.json writes null accuracies, and imports back as the same run', () => {
    const zip = resultsZip(run.report, run.files);
    expect(zip.count).toBe(2);
    const reading = readRunZip(zip.bytes);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.report).toEqual(run.report);
    expect(reading.files).toEqual(run.files);
    const back = importedRunRecord(reading, 'i1', 9, 'back');
    expect(runHeadline(back)).toEqual(runHeadline(run));
    expect(runIdentity(back).split('\n').slice(2)).toEqual(runIdentity(run).split('\n').slice(2));
  });

  it('a report whose accuracies are null without agreement is not a lab report', () => {
    const bare = { ...run.report, modes: run.report.modes.map(({ float_model_agreement: _a, ...m }) => m) };
    const reading = readRunZip(resultsZip(bare, run.files).bytes);
    expect(reading).toMatchObject({ ok: false, problem: 'notLabReport' });
  });
});
