import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../node/mnist-node';
import { initBackend } from '../backends/select-backend';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomWeights } from '../core/graph/random-weights';
import { imagesToFloat } from '../core/mnist/dataset';
import { PRESET_IDS } from '../core/model/presets';
import { calibrate } from '../core/quant/calibrate';
import { collectRangesTfjs } from './collect-ranges-tfjs';

const images = imagesToFloat(loadMnistFromIdx().train, 0, 100);

describe.each(['wasm', 'cpu'] as const)('collectRangesTfjs on %s matches calibrate(minmax)', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(PRESET_IDS)('%s: same tensors, min/max within 1e-5 relative', (preset) => {
    const graph = modelToGraph({ preset, weights: randomWeights(preset, 3) });
    const want = calibrate(graph, images, 100, 'minmax');
    const got = collectRangesTfjs(graph, images, 100, 64);
    expect(got.count).toBe(100);
    expect(Object.keys(got.tensors).sort()).toEqual(Object.keys(want.tensors).sort());
    for (const [name, r] of Object.entries(want.tensors)) {
      const g = got.tensors[name];
      const tol = 1e-5 * Math.max(1, Math.abs(r.min), Math.abs(r.max));
      expect(Math.abs(g.min - r.min), name).toBeLessThanOrEqual(tol);
      expect(Math.abs(g.max - r.max), name).toBeLessThanOrEqual(tol);
      expect([g.rangeMin, g.rangeMax]).toEqual([g.min, g.max]);
    }
  });
});
