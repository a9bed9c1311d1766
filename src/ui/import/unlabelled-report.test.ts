// A run of a model scored without labels is kept as a run record; after a reload the import panel shows its
// results again from that record (keptUnlabelledResults), the same ones the finished run showed.
import { describe, expect, it } from 'vitest';
import type { TrainedModel } from '../../core/model/trained-model';
import type { ModeReport } from '../../core/report/report';
import { buildAgreementRunRecord } from '../runs/run-record';
import { fakeModel, fakeTflite } from '../runs/testing/run-fixtures';
import { DEFAULT_LAB_STATE } from '../state/lab-state';
import { keptUnlabelledResults, unlabelledReport } from './unlabelled-report';
import type { UnlabelledResults } from './use-unlabelled-quantization';

const imported = (file: string, params = 4): TrainedModel => ({
  ...fakeModel(Number.NaN),
  preset: 'imported',
  source: { kind: 'tflite', file },
  history: [],
  params,
});

function entry(mode: string, bytes: number, images: number): ModeReport {
  return {
    mode,
    file: `${mode}.tflite`,
    bytes,
    accuracy: Number.NaN,
    accuracy_engine: 'no labels',
    float_model_agreement: { images, top1_agreement: 0.75, output_snr_db: 30.5, engine: 'LiteRT.js' },
  };
}

const model = imported('rgb64.tflite');
const results: UnlabelledResults = {
  model,
  modes: ['float16', 'int8', 'int16x8'],
  images: 40,
  range: '-1-1',
  done: {
    float16: { entry: entry('float16', 300, 40), bytes: fakeTflite(300, 1) },
    int16x8: { entry: entry('int16x8', 170, 8), bytes: fakeTflite(170, 2) },
  },
  errors: { int8: { message: 'failed' } },
};

function kept(m: TrainedModel, createdAt: number) {
  const { report, files } = unlabelledReport({ ...results, model: m }, new Date(createdAt));
  return buildAgreementRunRecord({
    id: `r${createdAt}`,
    createdAt,
    settings: DEFAULT_LAB_STATE,
    report,
    model: m,
    files,
  });
}

describe('the last run of a model scored without labels, read back from the kept runs', () => {
  it("gives the finished run's modes, figures, files, image count and range", () => {
    const back = keptUnlabelledResults([kept(model, 2)], model);
    expect(back).toEqual({ ...results, modes: ['float16', 'int16x8'], errors: {} });
  });

  it('takes the newest run of this model, never another model', () => {
    const other = imported('other.tflite');
    const newer = { ...kept(model, 3), files: { float16: fakeTflite(310, 5) } };
    newer.report = { ...newer.report, modes: newer.report.modes.filter((m) => m.mode === 'float16') };
    const runs = [kept(other, 4), newer, kept(model, 2)];
    expect(keptUnlabelledResults(runs, model)?.modes).toEqual(['float16']);
    expect(keptUnlabelledResults(runs, model)?.done.float16?.bytes).toEqual(fakeTflite(310, 5));
    expect(keptUnlabelledResults([kept(other, 4)], model)).toBeUndefined();
    expect(keptUnlabelledResults([kept(model, 2)], imported('rgb64.tflite', 5))).toBeUndefined();
  });
});
