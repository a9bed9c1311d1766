import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/graph';
import { modelToGraph } from '../../graph/model-to-graph';
import { randomWeights } from '../../graph/random-weights';
import { runGraph } from '../../graph/reference/run-graph';
import { imagesToFloat } from '../../mnist/dataset';
import { loadMnistFromIdx } from '../../../node/mnist-node';
import { quantizeModel } from '../quantize-graph';
import { DEFAULT_RECIPE, type QuantRecipe } from '../recipe';

const N = 100;
const images = imagesToFloat(loadMnistFromIdx().train, 0, N);

/** Mean over images of |mean logit shift per class| between a graph and the float graph. */
function meanLogitShift(g: Graph, float: Graph): number {
  const logits = (x: Graph) => {
    const i = x.tensors.findIndex((t) => t.name.endsWith('/logits'));
    return runGraph(x, images, N, { capture: true }).captured?.get(i) as Float32Array;
  };
  const [a, b] = [logits(g), logits(float)];
  const shift = new Float64Array(10);
  for (let i = 0; i < a.length; i++) shift[i % 10] += (a[i] - b[i]) / N;
  return shift.reduce((s, v) => s + Math.abs(v), 0) / 10;
}

describe('bias correction', () => {
  it.each([['dynamic' as const], ['int8' as const]])(
    '%s, 2-bit per-tensor weights: removes most of the mean output shift on the calibration images',
    (mode) => {
      const float = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 11) });
      const recipe: QuantRecipe = {
        ...DEFAULT_RECIPE,
        mode,
        weightBits: 2,
        perChannel: false,
        dynamicMinElements: 0,
        calibrationSamples: N,
      };
      const plain = quantizeModel(float, images, recipe);
      const corrected = quantizeModel(float, images, { ...recipe, biasCorrection: true });
      expect(corrected.algorithms?.biasCorrections?.map((c) => c.layer)).toHaveLength(2);
      expect(meanLogitShift(corrected.graph, float)).toBeLessThan(0.5 * meanLogitShift(plain.graph, float));
    },
  );
});
