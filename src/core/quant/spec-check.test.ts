import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import { randomWeights } from '../graph/random-weights';
import { quantizeModel } from './quantize-graph';
import { DEFAULT_RECIPE } from './recipe';
import { checkQuantSpec } from './spec-check';

const images = imagesToFloat(loadMnistFromIdx().train, 0, 20);
const base = () =>
  quantizeModel(modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) }), images, {
    ...DEFAULT_RECIPE,
    calibrationSamples: 20,
  }).graph;
const tensor = (g: Graph, name: string) => {
  const t = g.tensors.find((x) => x.name === name);
  if (!t?.quant) throw new Error(`no quantized tensor ${name}`);
  return t as Required<Pick<typeof t, 'quant'>> & typeof t;
};

describe('checkQuantSpec', () => {
  it('accepts a freshly quantized graph', () => {
    expect(checkQuantSpec(base())).toEqual([]);
  });

  it.each<[string, (g: Graph) => void, RegExp]>([
    [
      'zero scale',
      (g) => {
        tensor(g, 'conv2d_0/out').quant.scale = [0];
      },
      /not finite and > 0/,
    ],
    [
      'scale / zero point count',
      (g) => {
        tensor(g, 'conv2d_0/out').quant.zeroPoint = [0, 0];
      },
      /zero points/,
    ],
    [
      'weight zero point',
      (g) => {
        tensor(g, 'dense_3/w').quant.zeroPoint = [3];
      },
      /zero point 0/,
    ],
    [
      'weight value -128',
      (g) => {
        const t = tensor(g, 'dense_3/w');
        t.data = t.data?.slice();
        if (t.data) t.data[0] = 0x80;
      },
      /\[-127, 127\]/,
    ],
    [
      'bias scale',
      (g) => {
        tensor(g, 'dense_3/b').quant.scale = [1];
      },
      /bias scale/,
    ],
    [
      'softmax params',
      (g) => {
        tensor(g, 'probabilities/int8').quant.zeroPoint = [0];
      },
      /SOFTMAX/,
    ],
    [
      'pool params',
      (g) => {
        tensor(g, 'maxpool2d_1/out').quant.scale = [0.5];
      },
      /MAX_POOL_2D output params/,
    ],
    [
      'reshape params',
      (g) => {
        tensor(g, 'flatten_2/out').quant.zeroPoint = [5];
      },
      /RESHAPE output params/,
    ],
    [
      'activation zero point',
      (g) => {
        tensor(g, 'dense_3/logits').quant.zeroPoint = [200];
      },
      /outside \[-128, 127\]/,
    ],
    [
      'quantized dimension',
      (g) => {
        tensor(g, 'conv2d_0/w').quant.quantizedDimension = 4;
      },
      /quantized_dimension/,
    ],
    [
      'per-channel count',
      (g) => {
        const q = tensor(g, 'conv2d_0/w').quant;
        q.scale = q.scale.slice(0, 5);
        q.zeroPoint = q.zeroPoint.slice(0, 5);
      },
      /5 scales/,
    ],
  ])('flags %s', (_, corrupt, message) => {
    const g = base();
    corrupt(g);
    expect(checkQuantSpec(g).join('\n')).toMatch(message);
  });

  it('flags an int16 zero point', () => {
    const g = quantizeModel(modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) }), images, {
      ...DEFAULT_RECIPE,
      mode: 'int16x8',
      calibrationSamples: 20,
    }).graph;
    expect(checkQuantSpec(g)).toEqual([]);
    tensor(g, 'conv2d_0/out').quant.zeroPoint = [1];
    expect(checkQuantSpec(g).join('\n')).toMatch(/int16 zero point/);
  });
});
