// A model whose input is not MNIST (16x16 RGB), imported from a float32 .tflite, calibrated on images
// without labels and scored in the real LiteRT.js by agreement with its float model.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/select-backend';
import { importTfliteModel } from '../core/import/tflite-to-model';
import { modelToGraph } from '../core/graph/model-to-graph';
import { runGraph } from '../core/graph/reference/run-graph';
import { randomArchitectureWeights, seededRandom } from '../core/graph/random-weights';
import { runUnlabelledModes, type UnlabelledHooks } from '../core/pipeline/unlabelled-modes';
import { calibrate } from '../core/quant/calibrate';
import { outputAgreement } from '../core/eval/output-agreement';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import type { ModeReport } from '../core/report/report';
import { writeTflite } from '../core/tflite/write-tflite';
import { loadLiteRtForNode } from '../node/litert-node';
import { runModeOutputs, runTfliteOutputs } from '../runtime/litert-eval';
import { rgbBlock } from '../core/model/testing/architectures';

const RGB = rgbBlock({ size: 16, stride: 2, filters: 8, pointwise: 16, classes: 5 });

let entries: ModeReport[];

beforeAll(async () => {
  await initBackend('wasm');
  await loadLiteRtForNode();
  const file = writeTflite(
    modelToGraph({ preset: 'imported', architecture: RGB, weights: randomArchitectureWeights(RGB, 4, 0.3) }),
  );
  const imported = importTfliteModel(file, 'rgb.tflite');
  const rand = seededRandom(2);
  const count = 24;
  const values = Float32Array.from({ length: count * 16 * 16 * 3 }, () => rand());
  const images = { count, shape: [16, 16, 3], values };
  const model = { preset: 'imported' as const, ...imported };
  const reference = runGraph(modelToGraph(model), values, count).outputs;
  entries = [];
  const modes = ['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8'] as const;
  for await (const outcome of runUnlabelledModes(model, images, reference, modes, DEFAULT_RECIPE, runModeOutputs)) {
    if ('error' in outcome) throw new Error(`${outcome.mode}: ${outcome.error}`);
    entries.push(outcome.entry);
  }
}, 120_000);

describe('unlabelled images: every mode scored by agreement with the float model', () => {
  it('writes float_model_agreement and no accuracy', () => {
    expect(entries.map((e) => e.mode)).toEqual(['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8']);
    for (const e of entries) {
      expect(e.accuracy).toBeNaN();
      expect(e.accuracy_engine).toMatch(/no labels/);
      expect(e.float_model_agreement?.images).toBe(24);
      expect(e.float_model_agreement?.engine).toMatch(/LiteRT\.js/);
    }
  });

  it('float32 agrees with the float model up to float rounding; quantized modes come close', () => {
    const by = Object.fromEntries(entries.map((e) => [e.mode, e.float_model_agreement!]));
    expect(by.float32.top1_agreement).toBe(1);
    expect(by.float32.output_snr_db ?? Infinity).toBeGreaterThan(80);
    expect(by.float16.output_snr_db ?? Infinity).toBeGreaterThan(40);
    for (const m of ['int8', 'int8-io', 'dynamic']) expect(by[m].output_snr_db!, m).toBeGreaterThan(15);
    expect(by.int16x8.output_snr_db ?? Infinity).toBeGreaterThan(by.int8.output_snr_db!);
  });
});

describe('unlabelled images: calibration shared between modes, cancel between modes', () => {
  it('calibrates once for int8, int8-io and int16x8 (min/max) and stops when asked', async () => {
    const file = writeTflite(
      modelToGraph({ preset: 'imported', architecture: RGB, weights: randomArchitectureWeights(RGB, 5, 0.3) }),
    );
    const model = { preset: 'imported' as const, ...importTfliteModel(file, 'rgb.tflite') };
    const rand = seededRandom(3);
    const values = Float32Array.from({ length: 6 * 16 * 16 * 3 }, () => rand());
    const images = { count: 6, shape: [16, 16, 3], values };
    const reference = runGraph(modelToGraph(model), values, 6).outputs;
    let calibrations = 0;
    const done: string[] = [];
    const modes = ['int8', 'int8-io', 'int16x8', 'float16'] as const;
    const hooks = {
      calibrate: (...args: Parameters<NonNullable<UnlabelledHooks['calibrate']>>) => {
        calibrations++;
        return calibrate(args[0], args[1], args[2], 'minmax');
      },
      shouldCancel: () => done.length === 3,
    };
    for await (const o of runUnlabelledModes(model, images, reference, modes, DEFAULT_RECIPE, runModeOutputs, hooks))
      done.push('error' in o ? `${o.mode}: ${o.error}` : o.mode);
    expect(done).toEqual(['int8', 'int8-io', 'int16x8']);
    expect(calibrations).toBe(1);
  });
});

describe('unlabelled images: a slow mode scored on the first images only', () => {
  it('runs 16x8 on the first 4 of 10 images in LiteRT.js and says so; other modes run all 10', async () => {
    const file = writeTflite(
      modelToGraph({ preset: 'imported', architecture: RGB, weights: randomArchitectureWeights(RGB, 6, 0.3) }),
    );
    const model = { preset: 'imported' as const, ...importTfliteModel(file, 'rgb.tflite') };
    const rand = seededRandom(5);
    const values = Float32Array.from({ length: 10 * 16 * 16 * 3 }, () => rand());
    const images = { count: 10, shape: [16, 16, 3], values };
    const reference = runGraph(modelToGraph(model), values, 10).outputs;
    const ran: number[] = [];
    const run = async (bytes: Uint8Array, inputs: Float32Array, count: number) => {
      const out = await runTfliteOutputs(bytes, inputs, count);
      ran.push(count);
      return out;
    };
    const steps: string[] = [];
    const hooks: UnlabelledHooks = {
      runtimeImages: (mode, _graph, count) => (mode === 'int16x8' ? 4 : count),
      onStep: (mode, what, _index, _total, count) => steps.push(`${what} ${mode}${count ? ` on ${count}` : ''}`),
    };
    const got: Record<string, { entry: ModeReport; bytes: Uint8Array }> = {};
    for await (const o of runUnlabelledModes(
      model,
      images,
      reference,
      ['int8', 'int16x8'],
      DEFAULT_RECIPE,
      run,
      hooks,
    )) {
      if ('error' in o) throw new Error(`${o.mode}: ${o.error}`);
      got[o.mode] = o;
    }
    expect(got.int8.entry.float_model_agreement?.images).toBe(10);
    expect(got.int16x8.entry.float_model_agreement?.images).toBe(4);
    expect(ran).toEqual([10, 4]);
    expect(steps).toEqual(['convert int8', 'run int8 on 10', 'convert int16x8', 'run int16x8 on 4']);
    expect(got.int16x8.entry.latency?.samples).toBe(4);
    // The figure is the agreement of those 4 images with the float model's outputs on the same 4.
    const own = await runTfliteOutputs(got.int16x8.bytes, values.subarray(0, 4 * 16 * 16 * 3), 4);
    const want = outputAgreement(reference.subarray(0, 4 * 5), own.outputs, 5);
    expect(got.int16x8.entry.float_model_agreement?.top1_agreement).toBe(want.top1Agreement);
    expect(got.int16x8.entry.float_model_agreement?.output_snr_db ?? Infinity).toBeCloseTo(want.snrDb, 6);
  });
});
