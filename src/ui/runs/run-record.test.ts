import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_STATE } from '../state/lab-state';
import { fakeModel, fakeOutcome, fakeReport, fakeTflite } from './testing/run-fixtures';
import {
  buildRunRecord,
  latestRunOf,
  modelKey,
  newRunId,
  outcomesOf,
  readRunRecord,
  RUN_RECORD_VERSION,
  runBytes,
  runHeadline,
  runIdentity,
  sameRunAs,
  type RunRecord,
} from './run-record';

const outcomes = { float32: fakeOutcome('float32', 400, 0.98), int8: fakeOutcome('int8', 120, 0.975) };

function record(over: Partial<Parameters<typeof buildRunRecord>[0]> = {}): RunRecord {
  const model = over.model ?? fakeModel();
  const o = over.outcomes ?? outcomes;
  return buildRunRecord({
    id: 'r1',
    createdAt: 1000,
    kind: 'quantization',
    settings: DEFAULT_LAB_STATE,
    model,
    outcomes: o,
    report: fakeReport(o),
    ...over,
  });
}

describe('run record', () => {
  it('reads back, after the structured clone IndexedDB makes, into the same measured modes', () => {
    const r = record();
    const back = readRunRecord(structuredClone(r));
    expect(back).toBeDefined();
    expect(back!.version).toBe(RUN_RECORD_VERSION);
    expect(back!.settings).toEqual(DEFAULT_LAB_STATE);
    expect(back!.model).toEqual(fakeModel());
    expect(outcomesOf(back!)).toEqual(outcomes);
    expect(back!.files.int8).toEqual(outcomes.int8.bytes);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['another version', { ...record(), version: 2 }],
    ['no report', { ...record(), report: undefined }],
    ['no id', { ...record(), id: 3 }],
  ])('refuses %s', (_name, value) => expect(readRunRecord(value)).toBeUndefined());

  it('keeps only the lab’s own modes (an inspected file in the report is no part of the run)', () => {
    const report = fakeReport(outcomes);
    report.modes.push({ ...report.modes[0], mode: 'file:x.tflite' });
    const r = record({ report });
    expect(r.report.modes.map((m) => m.mode)).toEqual(['float32', 'int8']);
    expect(r.name).toBe('tutorial · float32, int8');
  });

  it('a training run has the model and no modes; it cannot restore results', () => {
    const r = record({ kind: 'training', outcomes: {}, report: fakeReport({}) });
    expect(r.report.modes).toEqual([]);
    expect(runHeadline(r)).toEqual({ floatAccuracy: 0.98, modes: 0, scoredBy: 'accuracy' });
    expect(latestRunOf([r], fakeModel())).toBeUndefined();
  });

  it('headline: float accuracy, mode count and the smallest file', () =>
    expect(runHeadline(record())).toEqual({
      floatAccuracy: 0.98,
      modes: 2,
      scoredBy: 'accuracy',
      smallest: { mode: 'int8', bytes: 120, accuracy: 0.975 },
    }));

  it('restores from the newest quantization run of the same model only', () => {
    const older = record({ id: 'a', createdAt: 1 });
    const newer = record({ id: 'b', createdAt: 2 });
    const other = record({ id: 'c', createdAt: 3, model: fakeModel(0.5) });
    const imported: RunRecord = { ...record({ id: 'd', createdAt: 4 }), kind: 'imported', details: undefined };
    expect(latestRunOf([older, other, newer, imported], fakeModel())?.id).toBe('b');
    expect(modelKey(fakeModel())).not.toBe(modelKey(fakeModel(0.5)));
  });

  it('counts the bytes it holds', () => {
    const r = record();
    const json = new TextEncoder().encode(JSON.stringify(r.report)).length;
    // files 400 + 120, weights 16, details per mode: predictions 3 + 3, layers 8 + 8
    expect(runBytes(r)).toBe(json + 520 + 16 + 2 * (6 + 16));
  });

  it('ids differ for the same millisecond', () => {
    let x = 0;
    const rnd = () => (x += 0.1);
    expect(newRunId(5, rnd)).not.toBe(newRunId(5, rnd));
  });
});

describe('same run', () => {
  it('a second save of the same results is the same run, whatever its id, date and latency', () => {
    const first = record();
    const again = record({
      id: 'r2',
      createdAt: 2000,
      outcomes: { int8: outcomes.int8, float32: { ...outcomes.float32 } },
    });
    again.report.modes[0] = { ...again.report.modes[0]!, latency: { median_ms: 9, p90_ms: 9, samples: 50 } };
    expect(runIdentity(again)).toBe(runIdentity(first));
    expect(sameRunAs([first], again)?.id).toBe('r1');
  });

  it('new results, another model or another kind are a new run', () => {
    const first = record();
    const other = { ...outcomes, int8: fakeOutcome('int8', 121, 0.975) };
    const sameSizeOtherBytes = { ...outcomes, int8: { ...outcomes.int8, bytes: fakeTflite(120, 99) } };
    const fresh = [
      record({ id: 'a', outcomes: other }),
      record({ id: 'b', outcomes: sameSizeOtherBytes }),
      record({ id: 'c', outcomes: { ...outcomes, int4: fakeOutcome('int4', 80, 0.96) } }),
      record({ id: 'd', model: fakeModel(0.97) }),
      record({ id: 'e', kind: 'training', outcomes: {} }),
    ];
    for (const r of fresh) expect(sameRunAs([first], r), r.id).toBeUndefined();
  });
});
