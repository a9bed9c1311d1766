import { describe, expect, it } from 'vitest';
import { modelToGraph } from '../model-to-graph';
import { randomWeights } from '../random-weights';
import { quantizeModel } from '../../quant/quantize-graph';
import { DEFAULT_RECIPE } from '../../quant/recipe';
import { writeTflite } from '../../tflite/write-tflite';
import { inspectTflite } from '../../tflite/inspect-tflite';
import { buildOpGraph, listGraph, listTflite } from './op-graph';
import { layoutGraph } from './layout-graph';

const floatGraph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 7) });

describe('buildOpGraph', () => {
  it.each([
    ['tutorial', 'tutorial' as const],
    ['separable', 'separable' as const],
  ])('the %s preset: one node per op plus the input, a chain of edges with activation shapes', (_, preset) => {
    const graph = modelToGraph({ preset, weights: randomWeights(preset, 3) });
    const view = buildOpGraph(listGraph(graph));
    expect(view.nodes).toHaveLength(graph.ops.length + 1);
    expect(view.nodes[0].op).toBe('INPUT');
    expect(new Set(view.nodes.map((n) => n.id)).size).toBe(view.nodes.length);
    // Every edge joins two known nodes and carries the shape of an activation (batch dimension first).
    const ids = new Set(view.nodes.map((n) => n.id));
    for (const e of view.edges) {
      expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
      expect(e.shape.length).toBeGreaterThanOrEqual(2);
    }
    // Weighted ops know their kernel; pooling and reshape have none.
    for (const n of view.nodes) {
      const weighted = ['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED'].includes(n.op);
      expect(n.weightTensor !== undefined).toBe(weighted);
    }
  });

  it('reads the same nodes from the written .tflite as from the graph, QUANTIZE and DEQUANTIZE included', () => {
    const { graph } = quantizeModel(floatGraph, new Float32Array(784 * 4).fill(0.5), {
      ...DEFAULT_RECIPE,
      mode: 'int8',
    });
    const fromGraph = buildOpGraph(listGraph(graph));
    const fromFile = buildOpGraph(listTflite(inspectTflite(writeTflite(graph))));
    expect(fromFile.nodes.map((n) => [n.op, n.tensorName])).toEqual(fromGraph.nodes.map((n) => [n.op, n.tensorName]));
    expect(fromFile.edges.length).toBe(fromGraph.edges.length);
    expect(fromGraph.nodes.map((n) => n.op)).toContain('QUANTIZE');
  });
});

describe('layoutGraph', () => {
  it('lays the chain out left to right, inside the reported size', () => {
    const layout = layoutGraph(buildOpGraph(listGraph(floatGraph)));
    const xs = layout.nodes.map((n) => n.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(xs.length);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
  });
});
