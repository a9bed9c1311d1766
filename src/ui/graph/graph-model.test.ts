import { describe, expect, it } from 'vitest';
import { buildOpGraph, listGraph } from '../../core/graph/view/op-graph';
import { modelToGraph } from '../../core/graph/model-to-graph';
import { randomWeights } from '../../core/graph/random-weights';
import { DEFAULT_RECIPE } from '../../core/quant/recipe';
import { canKeepFloat, graphMixedExport } from './graph-model';

const { nodes } = buildOpGraph(listGraph(modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 1) })));

describe('graphMixedExport', () => {
  it('keeps the ticked ops in graph order and names the mode -mixed', () => {
    const [, first, second] = nodes;
    const out = graphMixedExport(nodes, new Set([second.tensorName, first.tensorName]), DEFAULT_RECIPE);
    expect(out).toEqual({
      mode: 'int8-mixed',
      recipe: { ...DEFAULT_RECIPE, keepFloat: [first.tensorName, second.tensorName] },
    });
  });

  it('exports nothing when nothing (or only the input) is kept', () => {
    expect(graphMixedExport(nodes, new Set(), DEFAULT_RECIPE)).toBeUndefined();
    expect(graphMixedExport(nodes, new Set([nodes[0].tensorName]), DEFAULT_RECIPE)).toBeUndefined();
  });
});

describe('canKeepFloat', () => {
  it.each([
    ['int8', true],
    ['dynamic', false],
  ] as const)('an op under %s: %s', (mode, expected) => {
    expect(canKeepFloat(nodes[1], mode)).toBe(expected);
    expect(canKeepFloat(nodes[0], mode)).toBe(false);
  });
});
