import { describe, expect, it } from 'vitest';
import { modelToGraph } from '../graph/model-to-graph';
import { randomWeights } from '../graph/random-weights';
import { symmetricQmax } from '../quant/quant-params';
import { weightGridLayers } from './weight-grid';

const graph = modelToGraph({ preset: 'separable', weights: randomWeights('separable', 11) });

describe('weightGridLayers', () => {
  it.each([8, 6, 5, 4, 3, 2])('%i bits: per-tensor values sit on the 2^bits - 1 drawn levels', (bits) => {
    const layers = weightGridLayers(graph, bits, false);
    expect(layers.length).toBeGreaterThan(2);
    for (const l of layers) {
      expect(l.levels).toHaveLength(2 * symmetricQmax(bits) + 1);
      const step = l.levels![1] - l.levels![0];
      let offGrid = 0;
      let worst = 0;
      l.quantized.forEach((v, i) => {
        offGrid = Math.max(offGrid, Math.abs(v / step - Math.round(v / step)));
        worst = Math.max(worst, Math.abs(l.float[i] - v));
      });
      expect(offGrid).toBeLessThan(1e-3);
      // Rounding error is at most half a step.
      expect(worst).toBeLessThanOrEqual(step / 2 + 1e-7);
    }
  });

  it('per-channel draws no single grid and rounds closer than per-tensor at low bits', () => {
    const rms = (ls: ReturnType<typeof weightGridLayers>) =>
      Math.sqrt(ls.reduce((s, l) => s + l.float.reduce((a, f, i) => a + (f - l.quantized[i]) ** 2, 0), 0));
    const perChannel = weightGridLayers(graph, 3, true);
    expect(perChannel.every((l) => l.levels === undefined)).toBe(true);
    expect(rms(perChannel)).toBeLessThan(rms(weightGridLayers(graph, 3, false)));
  });
});
