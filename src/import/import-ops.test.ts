// A functional Keras model with every layer imported models add (ZeroPadding2D, LeakyReLU, tanh and
// sigmoid conv activations, Multiply, Subtract, Concatenate, hard-swish, GlobalAveragePooling2D, a swish
// dense), trained with TF.js on real MNIST and saved in Keras 2's .h5 layout: it imports, every TFLite
// mode converts, int8 passes the spec check, and each file runs in LiteRT.js on the first 1,000 test images
// within 1 point of the float model (measured: IMPORT-OPS lines; 16x8 runs TFLite's slow int16 kernels).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateModelAccelerated } from '../accel/simulate-model-tfjs';
import { initBackend } from '../backends/select-backend';
import { fixtureFromTfjs } from '../core/import/testing/fixture-models';
import { modelToGraph } from '../core/graph/model-to-graph';
import { agreement } from '../core/eval/metrics';
import { takeFirst, type MnistDataset } from '../core/mnist/dataset';
import { HardSwishLayer, SubtractLayer } from '../core/model/custom-layers';
import { calibrationImages, convertModel, simulateModel } from '../core/pipeline/convert';
import { checkQuantSpec } from '../core/quant/spec-check';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import type { QuantMode } from '../core/modes/lab-modes';
import type { FixtureModel } from '../core/import/testing/keras-config';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { evaluateTflite } from '../runtime/litert-eval';
import { openH5Node } from './h5-node';
import { importLabModel } from './import-model';
import { writeKerasH5 } from './testing/keras-fixtures';
import { fitOnMnist } from './testing/tfjs-fixture';

let data: MnistDataset;

const MODES: QuantMode[] = ['float32', 'float16', 'dynamic', 'int8', 'int8-io', 'int16x8'];
/** Accuracy points each mode may lose (or gain) against the float model, as a fraction. */
const TOLERANCE = 0.01;

function opsModel(): tfl.LayersModel {
  let seed = 10;
  const init = () => tfl.initializers.glorotUniform({ seed: seed++ });
  const conv = (
    name: string,
    filters: number,
    activation: 'linear' | 'tanh' | 'sigmoid',
    padding: 'same' | 'valid',
    strides = 1,
  ) => tfl.layers.conv2d({ name, filters, kernelSize: 3, padding, strides, activation, kernelInitializer: init() });
  const apply = (l: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]) => l.apply(x) as tfl.SymbolicTensor;
  const x = tfl.input({ shape: [28, 28, 1], name: 'input_1' });
  const padded = apply(tfl.layers.zeroPadding2d({ name: 'zero_padding2d', padding: 1 }), x);
  const leaky = apply(
    tfl.layers.leakyReLU({ name: 'leaky_re_lu', alpha: 0.1 }),
    apply(conv('conv_a', 8, 'linear', 'valid'), padded),
  );
  const value = apply(conv('conv_b', 8, 'tanh', 'same'), leaky);
  const gate = apply(conv('conv_c', 8, 'sigmoid', 'same'), leaky);
  const gated = apply(tfl.layers.multiply({ name: 'multiply' }), [value, gate]);
  const diff = apply(new SubtractLayer({ name: 'subtract' }), [leaky, gated]);
  const cat = apply(tfl.layers.concatenate({ name: 'concatenate', axis: -1 }), [leaky, diff]);
  const pooled = apply(tfl.layers.maxPooling2d({ name: 'max_pooling2d', poolSize: 2 }), cat);
  const hs = apply(new HardSwishLayer({ name: 'hard_swish' }), apply(conv('conv_d', 16, 'linear', 'same', 2), pooled));
  const deep = apply(
    tfl.layers.conv2d({
      name: 'conv_e',
      filters: 16,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(),
    }),
    hs,
  );
  const gap = apply(tfl.layers.globalAveragePooling2d({ name: 'global_average_pooling2d' }), deep);
  const fc = apply(tfl.layers.dense({ name: 'fc', units: 32, activation: 'swish', kernelInitializer: init() }), gap);
  const out = apply(
    tfl.layers.dense({ name: 'dense', units: 10, activation: 'softmax', kernelInitializer: init() }),
    fc,
  );
  return tfl.model({ inputs: x, outputs: out, name: 'ops' });
}

/** The TF.js model as Keras saves it: the two layers tfjs lacks get Keras's class names back. */
function asKeras(model: tfl.LayersModel): FixtureModel {
  const fixture = fixtureFromTfjs(model);
  for (const l of fixture.layers) {
    if (l.className === SubtractLayer.className) l.className = 'Subtract';
    if (l.className === HardSwishLayer.className) {
      l.className = 'Activation';
      l.config = { ...l.config, activation: 'hard_swish' };
    }
  }
  return fixture;
}

beforeAll(async () => {
  await initBackend('wasm');
  const full = loadMnistFromIdx();
  data = { train: full.train, test: takeFirst(full.test, 1000) };
  await loadLiteRtForNode();
}, 60_000);

describe('functional model with every imported-model layer', () => {
  it('imports, converts in every mode, and runs in LiteRT.js within 1 point of float', async () => {
    const model = opsModel();
    await fitOnMnist(model, data.train, 6000, 0.005);
    const bytes = await writeKerasH5(asKeras(model), 'keras2');
    const testX = tf.tidy(() => tf.div(tf.tensor4d(data.test.images, [data.test.count, 28, 28, 1], 'float32'), 255));
    const predicted = Array.from(tf.tidy(() => tf.argMax(model.predict(testX) as tf.Tensor, -1).dataSync()));
    testX.dispose();
    const tfjsAccuracy = predicted.reduce((s, p, i) => s + (p === data.test.labels[i] ? 1 : 0), 0) / data.test.count;
    model.dispose();

    const { model: imported } = await importLabModel([{ name: 'ops.h5', bytes }], openH5Node, data.test, 'wasm');
    expect(imported.architecture?.layers.map((l) => l.type)).toEqual([
      'zeroPadding2d',
      'conv2d',
      'activation',
      'conv2d',
      'activation',
      'conv2d',
      'activation',
      'multiply',
      'subtract',
      'concatenate',
      'maxPool2d',
      'conv2d',
      'activation',
      'conv2d',
      'globalAvgPool2d',
      'dense',
      'activation',
      'dense',
    ]);
    console.log(`IMPORT-OPS TF.js accuracy: trained model ${tfjsAccuracy}, imported ${imported.testAccuracy}`);
    expect(Math.abs(imported.testAccuracy - tfjsAccuracy)).toBeLessThanOrEqual(1 / data.test.count);
    // Learned something (a small net, one epoch on 6,000 images: 0.712 here); the checks below are relative to it.
    expect(imported.testAccuracy).toBeGreaterThan(0.6);

    const floatGraph = modelToGraph(imported);
    expect(new Set(floatGraph.ops.map((o) => o.kind))).toEqual(
      new Set([
        'PAD',
        'CONV_2D',
        'LEAKY_RELU',
        'TANH',
        'LOGISTIC',
        'MUL',
        'SUB',
        'CONCATENATION',
        'MAX_POOL_2D',
        'HARD_SWISH',
        'MEAN',
        'FULLY_CONNECTED',
        'SOFTMAX',
      ]),
    );
    const calibration = calibrationImages(data.train, 100, 1);
    const accuracy: Record<string, number> = {};
    for (const mode of MODES) {
      const converted = convertModel(imported, { ...DEFAULT_RECIPE, mode }, calibration, floatGraph);
      expect(checkQuantSpec(converted.graph)).toEqual([]);
      const runtime = await evaluateTflite(converted.bytes, data.test.images, data.test.labels, { latencySamples: 1 });
      accuracy[mode] = runtime.accuracy;
      console.log(`IMPORT-OPS ${mode} LiteRT.js accuracy ${runtime.accuracy} (${converted.bytes.length} bytes)`);
      if (mode === 'int8') {
        // The reference interpreter and its tfjs twin predict what LiteRT.js predicts.
        const sample = data.test;
        const sim = simulateModel(converted.graph, sample);
        const agree = agreement(sim.predictions, runtime.predictions);
        console.log(`IMPORT-OPS int8 reference vs LiteRT.js agreement ${agree}`);
        expect(agree).toBeGreaterThanOrEqual(0.999);
        expect(simulateModelAccelerated(converted.graph, sample).predictions).toEqual(sim.predictions);
      }
    }
    expect(Math.abs(accuracy.float32 - imported.testAccuracy)).toBeLessThanOrEqual(1 / data.test.count);
    for (const mode of MODES) expect(Math.abs(accuracy[mode] - accuracy.float32)).toBeLessThanOrEqual(TOLERANCE);
  }, 1_800_000);
});
