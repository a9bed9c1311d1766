import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../backends/select-backend';
import { loadMnistFromIdx } from '../../../node/mnist-node';
import type { Graph } from '../../graph/graph';
import { modelToGraph } from '../../graph/model-to-graph';
import { randomWeights } from '../../graph/random-weights';
import { runGraph } from '../../graph/reference/run-graph';
import { imagesToFloat } from '../../mnist/dataset';
import { quantizeModel } from '../quantize-graph';
import { DEFAULT_RECIPE, type QuantRecipe } from '../recipe';
import { adaroundBeta } from './adaround';

const N = 32;
const images = imagesToFloat(loadMnistFromIdx().train, 0, N);
const float = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 7) });
const recipe: QuantRecipe = {
  ...DEFAULT_RECIPE,
  mode: 'dynamic',
  weightBits: 2,
  perChannel: false,
  dynamicMinElements: 0,
  calibrationSamples: N,
};

/** Mean squared difference of the logits against the float graph, on the calibration images. */
function logitError(g: Graph): number {
  const logits = (x: Graph) => {
    const i = x.tensors.findIndex((t) => t.name.endsWith('/logits'));
    return runGraph(x, images, N, { capture: true }).captured?.get(i) as Float32Array;
  };
  const [a, b] = [logits(g), logits(float)];
  return a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length;
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('AdaRound', () => {
  it('anneals beta from 20 to 2 after a 20% warm start', () => {
    expect(adaroundBeta(10, 100)).toBeUndefined();
    expect(adaroundBeta(20, 100)).toBeCloseTo(20, 6);
    expect(adaroundBeta(100, 100)).toBeCloseTo(2, 6);
  });

  it('learns roundings that cut the output error of 2-bit weights, with progress, on the same grid', () => {
    const steps: number[] = [];
    const plain = quantizeModel(float, images, recipe);
    const ada = quantizeModel(
      float,
      images,
      { ...recipe, adaround: true },
      {
        adaround: { iterations: 100, onProgress: (p) => steps.push(p.layerIndex) },
      },
    );
    const layers = ada.algorithms?.adaround ?? [];
    expect(layers.map((l) => l.layer)).toEqual(['conv2d_0', 'dense_3']);
    expect(layers.some((l) => l.flipped > 0)).toBe(true);
    expect(new Set(steps)).toEqual(new Set([0, 1]));
    expect(logitError(ada.graph)).toBeLessThan(logitError(plain.graph));
    const scales = (g: Graph) => g.tensors.filter((t) => t.dtype === 'int8').map((t) => t.quant?.scale[0]);
    expect(scales(ada.graph)).toEqual(scales(plain.graph));
  });

  it('stops when cancelled, keeping round-to-nearest', () => {
    const plain = quantizeModel(float, images, recipe);
    const cancelled = quantizeModel(
      float,
      images,
      { ...recipe, adaround: true },
      { adaround: { shouldCancel: () => true } },
    );
    expect(cancelled.algorithms?.adaround).toEqual([]);
    expect(logitError(cancelled.graph)).toBe(logitError(plain.graph));
  });
});
