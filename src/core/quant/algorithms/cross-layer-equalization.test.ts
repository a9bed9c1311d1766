import { describe, expect, it } from 'vitest';
import { constFloat32, type Graph } from '../../graph/graph';
import { modelToGraph } from '../../graph/model-to-graph';
import { randomWeights } from '../../graph/random-weights';
import { runGraph } from '../../graph/reference/run-graph';
import { imagesToFloat } from '../../mnist/dataset';
import { loadMnistFromIdx } from '../../../node/mnist-node';
import { equalizeGraph } from './cross-layer-equalization';

const images = imagesToFloat(loadMnistFromIdx().train, 0, 40);

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** max|w| per output channel of a CONV_2D weight [out, kh, kw, in]. */
function convRanges(g: Graph, name: string): number[] {
  const t = g.tensors.find((x) => x.name === name) as Graph['tensors'][number];
  const w = constFloat32(t);
  const per = w.length / t.shape[0];
  return Array.from({ length: t.shape[0] }, (_, c) => Math.max(...w.subarray(c * per, (c + 1) * per).map(Math.abs)));
}

describe('cross-layer equalization', () => {
  it('equalizes conv -> pool -> flatten -> dense (tutorial) without changing the float function', () => {
    const g = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 3) });
    const { graph, pairs, skipped } = equalizeGraph(g, images, 40);
    expect(pairs).toHaveLength(1);
    expect(skipped).toEqual([]);
    const before = runGraph(g, images, 40).outputs;
    expect(maxAbsDiff(runGraph(graph, images, 40).outputs, before)).toBeLessThan(1e-5);
    const convName = g.tensors[g.ops[0].inputs[1]].name;
    const spread = (r: number[]) => Math.max(...r) / Math.min(...r);
    expect(spread(convRanges(graph, convName))).toBeLessThan(spread(convRanges(g, convName)));
  });

  it('chains through the separable preset (ReLU6 that never clips becomes ReLU) and keeps its outputs', () => {
    const g = modelToGraph({ preset: 'separable', weights: randomWeights('separable', 5) });
    const { graph, pairs, skipped } = equalizeGraph(g, images, 40);
    expect(pairs.length + skipped.length).toBe(5);
    for (const p of pairs) expect(p.relu6Replaced).toBe(true);
    expect(maxAbsDiff(runGraph(graph, images, 40).outputs, runGraph(g, images, 40).outputs)).toBeLessThan(1e-4);
  });

  it('skips a pair whose ReLU6 clips on the calibration images, and says why', () => {
    const weights = randomWeights('separable', 5).map((w, i) =>
      i === 0 ? { ...w, values: w.values.map((v) => v * 50) } : w,
    );
    const g = modelToGraph({ preset: 'separable', weights });
    const { skipped } = equalizeGraph(g, images, 40);
    expect(skipped[0]?.reason).toMatch(/ReLU6 clips .* clip point/);
  });
});
