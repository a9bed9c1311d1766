import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build-model';
import { PRESETS, PRESET_IDS } from '../model/presets';
import { modelToGraph } from './model-to-graph';
import { randomArchitectureWeights, randomWeights, seededRandom } from './random-weights';
import { NAMED_CHAIN } from '../model/testing/architectures';
import { runGraph } from './reference/run-graph';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('modelToGraph', () => {
  it('tutorial graph: ops, shapes, names and TFLite layouts', () => {
    const g = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) });
    expect(g.ops.map((o) => o.kind)).toEqual(['CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    expect(g.tensors[g.inputs[0]]).toMatchObject({ name: 'input', shape: [1, 28, 28, 1], dtype: 'float32' });
    expect(g.tensors[g.outputs[0]]).toMatchObject({ name: 'probabilities', shape: [1, 10] });
    expect(g.tensors.find((t) => t.name === 'conv2d_0/w')?.shape).toEqual([12, 3, 3, 1]);
    expect(g.tensors.find((t) => t.name === 'dense_3/w')?.shape).toEqual([10, 2028]);
    expect(g.ops[0]).toMatchObject({ activation: 'RELU', padding: 'VALID' });
    expect(g.ops[3]).toMatchObject({ activation: 'NONE' });
  });

  it('rejects weights that do not fit the preset', () => {
    expect(() => modelToGraph({ preset: 'deep', weights: randomWeights('tutorial', 1) })).toThrow(/shape/);
  });

  // The reference interpreter on the converted graph must reproduce TF.js predictions: this checks the
  // weight transposes, SAME padding, strides, depthwise layout and the flatten order at once.
  const architectures = [...PRESET_IDS.map((id) => PRESETS[id]), NAMED_CHAIN];
  it.each(architectures.map((a) => [a.name, a] as const))(
    '%s: reference float graph matches TF.js predict',
    (_, arch) => {
      const weights = randomArchitectureWeights(arch, 3);
      const model = buildModel(arch, 3);
      model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
      const n = 4;
      const rand = seededRandom(11);
      const x = Float32Array.from({ length: n * 784 }, () => rand());
      const want = tf.tidy(
        () => (model.predict(tf.tensor4d(x, [n, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array,
      );
      const got = runGraph(modelToGraph({ preset: 'imported', architecture: arch, weights }), x, n).outputs;
      expect(got.length).toBe(n * 10);
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
      model.dispose();
    },
  );
});
