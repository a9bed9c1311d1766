import { describe, expect, it } from 'vitest';
import type { ModelArchitecture } from './architecture';
import { NAMED_CHAIN } from './testing/architectures';
import { describeArchitecture, inferShapes } from './layer-shapes';
import { PRESETS, PRESET_IDS } from './presets';

const named = NAMED_CHAIN;

describe('describeArchitecture', () => {
  it.each([
    ['tutorial', 20410],
    ['deep', 160 + 2320 + 4640 + 9248 + 15690],
    ['separable', 160 + 160 + 544 + 320 + 1056 + 15690],
  ] as const)('%s parameter count', (id, params) => {
    const d = describeArchitecture(PRESETS[id]);
    expect(d.params).toBe(params);
    expect(d.shapes.at(-1)).toEqual([10]);
    expect(d.float32Bytes).toBe(d.params * 4);
  });

  it('named layers and explicit inputs: shapes by name', () => {
    const s = inferShapes(named);
    expect(s.byName.get('c')).toEqual([14, 14, 4]);
    expect(s.byName.get('r')).toEqual([14, 56]);
    expect(describeArchitecture(named).params).toBe(3 * 3 * 4 + 4 + 784 * 10 + 10);
  });

  it.each([
    [{ ...named, layers: [{ ...named.layers[0], inputs: ['nope'] }] }, /reads nope/],
    [{ ...named, layers: [{ type: 'dense', units: 3, activation: 'linear' }] }, /rank-1 input/],
    [{ ...named, layers: [{ type: 'reshape', targetShape: [5] }] }, /cannot reshape/],
  ] as [ModelArchitecture, RegExp][])('rejects a bad architecture with a sentence (%#)', (arch, msg) => {
    expect(() => inferShapes(arch)).toThrow(msg);
  });

  it('every preset infers without error', () => {
    for (const id of PRESET_IDS) expect(() => inferShapes(PRESETS[id])).not.toThrow();
  });
});
