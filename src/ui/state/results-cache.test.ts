import { describe, expect, it } from 'vitest';
import type { TrainedModel } from '../../core/model/trained-model';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { deployReportFor } from '../../core/deploy/deploy-report';
import { SMALL_GRAPHS } from '../../core/tflite/testing/graph-fixtures';
import { writeTflite } from '../../core/tflite/write-tflite';
import { drawModels, labReport, resultFiles } from '../results/lab-results';
import { checksByMode, deployChecks } from '../results/deploy-checks';
import { DEFAULT_LAB_STATE } from './lab-state';
import { addInspected, addOutcome, EMPTY_RESULTS, outcomesFor } from './results-cache';

function model(seed: number): TrainedModel {
  return {
    preset: 'tutorial',
    seed,
    weights: [],
    history: [],
    testAccuracy: 0.9,
    params: 1,
    trainSeconds: 1,
    backend: 'cpu',
  };
}

function measured(mode: string, bytes: number): MeasuredMode {
  return {
    entry: { mode, file: `${mode}.tflite`, bytes, accuracy: 0.9, accuracy_engine: 'test', latency: undefined as never },
    bytes: new Uint8Array(bytes),
    layers: [],
    simulatedPredictions: new Uint8Array(0),
    runtimePredictions: new Uint8Array(0),
  };
}

const inspected = (name: string) => ({ entry: { ...measured(`file:${name}`, 3).entry }, bytes: new Uint8Array(3) });

describe('results cache', () => {
  it('keeps results per model: another model sees none, and adding for it drops the old ones', () => {
    const a = model(1);
    const b = model(2);
    const cache = addOutcome(
      addOutcome(EMPTY_RESULTS, a, 'float32', measured('float32', 10)),
      a,
      'int8',
      measured('int8', 4),
    );
    expect(Object.keys(outcomesFor(cache, a))).toEqual(['float32', 'int8']);
    expect(outcomesFor(cache, b)).toEqual({});
    expect(outcomesFor(cache, undefined)).toEqual({});
    const next = addOutcome(cache, b, 'int8', measured('int8', 5));
    expect(Object.keys(outcomesFor(next, b))).toEqual(['int8']);
    expect(outcomesFor(next, a)).toEqual({});
  });

  it('keeps inspected files across models, replacing a file of the same name', () => {
    const a = model(1);
    let cache = addInspected(EMPTY_RESULTS, inspected('x.tflite'));
    cache = addInspected(cache, inspected('x.tflite'));
    cache = addOutcome(cache, a, 'int8', measured('int8', 4));
    expect(Object.keys(cache.files)).toEqual(['file:x.tflite']);
  });
});

describe('lab results views', () => {
  const a = model(1);
  const outcomes = { float32: measured('float32', 10), int8: measured('int8', 4) };
  const files = { 'file:x.tflite': inspected('x.tflite') };

  it('the report lists the measured modes, then the inspected files, with the settings and the training subset', () => {
    const lab = { ...DEFAULT_LAB_STATE, train: { ...DEFAULT_LAB_STATE.train, trainLimit: 70000 } };
    const report = labReport(a, lab, outcomes, files, {});
    expect(report.modes.map((m) => m.mode)).toEqual(['float32', 'int8', 'file:x.tflite']);
    expect(report.float.train_images).toBe(60000);
    expect(report.settings).toMatchObject({ quantization: lab.quant, qat: lab.qat, epochs: lab.train.epochs });
  });

  it('each readable file carries its deployment check for the chosen target, as the CLI writes it', () => {
    const int8 = { ...measured('int8', 0), bytes: writeTflite(SMALL_GRAPHS.int8!()) };
    const lab = { ...DEFAULT_LAB_STATE, deployTarget: 'm0-32k' };
    const modes = { float32: measured('float32', 10), int8 };
    const checks = deployChecks(resultFiles(modes, {}), lab.deployTarget);
    expect(checks.map((c) => [c.mode, 'check' in c])).toEqual([
      ['float32', false],
      ['int8', true],
    ]);
    const report = labReport(a, lab, modes, {}, checksByMode(checks));
    expect(report.modes.find((m) => m.mode === 'int8')?.deploy).toEqual(deployReportFor(int8.bytes, 'm0-32k'));
    expect(report.modes.find((m) => m.mode === 'int8')?.deploy?.target).toBe('m0-32k');
    expect(report.modes.find((m) => m.mode === 'float32')?.deploy).toBeUndefined();
  });

  it('files hold every byte array by mode name; the drawing panel gets the lab’s own files only', () => {
    expect(Object.keys(resultFiles(outcomes, files))).toEqual(['float32', 'int8', 'file:x.tflite']);
    expect(drawModels(outcomes).map((m) => [m.mode, m.bytes.length])).toEqual([
      ['float32', 10],
      ['int8', 4],
    ]);
  });
});
