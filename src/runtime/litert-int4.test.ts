import { beforeAll, describe, expect, it } from 'vitest';
import { agreement } from '../core/eval/metrics';
import type { MnistDataset } from '../core/mnist/dataset';
import type { TrainedModel } from '../core/model/trained-model';
import { convertMode } from '../core/pipeline/measure-mode';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { readTflite } from '../core/tflite/read-tflite';
import { loadLiteRtForNode } from '../node/litert-node';
import { trainedFixture } from '../node/testing/trained-fixture';
import { evaluateTflite } from './litert-eval';

let model: TrainedModel;
let data: MnistDataset;

beforeAll(async () => {
  await loadLiteRtForNode();
  ({ model, data } = await trainedFixture('mnist', 'tutorial', 4000, 400));
}, 120_000);

describe('INT4 weights (TensorType 17) in LiteRT.js', () => {
  it.each([
    ['int4', 4, true],
    ['int4', 3, false],
    ['dynamic-int4', 4, true],
    ['dynamic-int4', 2, false],
  ] as const)('%s with %i-bit weights (per-channel %s) runs and matches the simulation', async (mode, bits, pc) => {
    const recipe = {
      ...DEFAULT_RECIPE,
      mode,
      weightBits: bits,
      perChannel: pc,
      fcPerChannel: pc,
      dynamicMinElements: 0,
    };
    const converted = convertMode(model, recipe, data);
    const int8 = convertMode(model, { ...recipe, mode: mode === 'int4' ? 'int8' : 'dynamic', weightBits: 8 }, data);
    const written = readTflite(converted.bytes);
    const weightTypes = written.tensors.filter((t) => t.data && t.dtype !== 'int32').map((t) => t.dtype);
    expect(weightTypes).toContain('int4');
    expect(converted.bytes.length).toBeLessThan(int8.bytes.length * 0.7);
    const run = await evaluateTflite(converted.bytes, data.test.images, data.test.labels, { latencySamples: 5 });
    expect(agreement(run.predictions, converted.simulated.predictions)).toBeGreaterThanOrEqual(0.99);
    expect(run.accuracy).toBeGreaterThan(0.5);
  });
});
