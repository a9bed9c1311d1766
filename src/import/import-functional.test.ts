// Must-show: a functional Keras model with BatchNormalization and an Add skip connection, trained with
// TF.js on real MNIST and saved in Keras 2's .h5 layout, imports (BN folded), quantizes to int8 that
// passes the spec check, and runs in LiteRT.js within 0.5 points of the float model.
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateModelAccelerated } from '../accel/simulate-model-tfjs';
import { initBackend } from '../backends/select-backend';
import { fixtureFromTfjs } from '../core/import/testing/fixture-models';
import { modelToGraph } from '../core/graph/model-to-graph';
import { agreement } from '../core/eval/metrics';
import { takeFirst, type MnistDataset } from '../core/mnist/dataset';
import { calibrationImages, convertModel, simulateModel } from '../core/pipeline/convert';
import { checkQuantSpec } from '../core/quant/spec-check';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { evaluateTflite } from '../runtime/litert-eval';
import { openH5Node } from './h5-node';
import { importLabModel } from './import-model';
import { writeKerasH5 } from './testing/keras-fixtures';
import { fitOnMnist } from './testing/tfjs-fixture';

let data: MnistDataset;

/** input -> Conv(no bias)-BN-ReLU -> Conv-BN -> Add(skip) -> ReLU -> MaxPool -> Flatten -> Dense softmax. */
function residualModel(): tfl.LayersModel {
  const x = tfl.input({ shape: [28, 28, 1], name: 'input_1' });
  const conv = (name: string, bias: boolean) =>
    tfl.layers.conv2d({
      name,
      filters: 8,
      kernelSize: 3,
      padding: 'same',
      useBias: bias,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }),
    });
  const a = tfl.layers
    .reLU({ name: 'relu_a' })
    .apply(tfl.layers.batchNormalization({ name: 'bn_a' }).apply(conv('conv_a', false).apply(x))) as tfl.SymbolicTensor;
  const b = tfl.layers.batchNormalization({ name: 'bn_b' }).apply(conv('conv_b', true).apply(a)) as tfl.SymbolicTensor;
  const sum = tfl.layers.add({ name: 'skip' }).apply([a, b]) as tfl.SymbolicTensor;
  const act = tfl.layers.activation({ activation: 'relu', name: 'relu_skip' }).apply(sum) as tfl.SymbolicTensor;
  const pooled = tfl.layers.maxPooling2d({ name: 'pool', poolSize: 2 }).apply(act) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten({ name: 'flatten' }).apply(pooled);
  const out = tfl.layers
    .dense({
      name: 'dense',
      units: 10,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }),
    })
    .apply(flat) as tfl.SymbolicTensor;
  return tfl.model({ inputs: x, outputs: out, name: 'residual' });
}

beforeAll(async () => {
  await initBackend('wasm');
  data = loadMnistFromIdx();
  await loadLiteRtForNode();
}, 60_000);

describe('functional model with BatchNormalization and an Add skip', () => {
  it('imports, folds, quantizes to int8 that passes the spec check, and runs in LiteRT.js within 0.5 points of float', async () => {
    const model = residualModel();
    await fitOnMnist(model, data.train, 4000, 0.002);
    const bytes = await writeKerasH5(fixtureFromTfjs(model), 'keras2');
    model.dispose();

    const { model: imported, notes } = await importLabModel(
      [{ name: 'residual.h5', bytes }],
      openH5Node,
      data.test,
      'wasm',
    );
    expect(notes.filter((s) => /BatchNormalization\) folded/.test(s))).toHaveLength(2);
    expect(imported.architecture?.layers.map((l) => l.type)).toEqual([
      'conv2d',
      'conv2d',
      'add',
      'maxPool2d',
      'flatten',
      'dense',
    ]);
    expect(imported.testAccuracy).toBeGreaterThan(0.7); // one short epoch: BatchNormalization's moving statistics lag

    const floatGraph = modelToGraph(imported);
    const calibration = calibrationImages(data.train, 100, 1);
    const run = async (mode: 'float32' | 'int8') => {
      const converted = convertModel(imported, { ...DEFAULT_RECIPE, mode }, calibration, floatGraph);
      return {
        converted,
        runtime: await evaluateTflite(converted.bytes, data.test.images, data.test.labels, { latencySamples: 1 }),
      };
    };
    const f32 = await run('float32');
    const int8 = await run('int8');
    expect(Math.abs(f32.runtime.accuracy - imported.testAccuracy)).toBeLessThanOrEqual(1 / data.test.count);
    expect(checkQuantSpec(int8.converted.graph)).toEqual([]);
    expect(int8.converted.graph.ops.map((o) => o.kind)).toContain('ADD');
    expect(Math.abs(int8.runtime.accuracy - f32.runtime.accuracy)).toBeLessThanOrEqual(0.005);
    // The lab's integer ADD (reference and its tfjs twin) predicts what LiteRT.js predicts.
    const sample = takeFirst(data.test, 1000);
    const sim = simulateModel(int8.converted.graph, sample);
    expect(agreement(sim.predictions, int8.runtime.predictions.subarray(0, 1000))).toBeGreaterThan(0.995);
    expect(simulateModelAccelerated(int8.converted.graph, sample).predictions).toEqual(sim.predictions);
  }, 900_000);
});
