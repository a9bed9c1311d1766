import { describe, expect, it } from 'vitest';
import { batchedCopy } from './batch-copy';
import { inspectTflite } from './inspect-tflite';
import { detectorLikeModel } from './testing/converter-fixtures';
import { SMALL_GRAPHS, tutorialFloatGraph } from './testing/graph-fixtures';
import { writeTflite, writeTfliteModel } from './write-tflite';

describe('batchedCopy', () => {
  const bytes = writeTflite(tutorialFloatGraph());

  it('gives every activation the batch, RESHAPE an inferred batch, and keeps every other byte', () => {
    const copy = batchedCopy(bytes, 50)!;
    expect(copy).toBeDefined();
    expect(copy.byteLength).toBe(bytes.byteLength);
    const [before] = inspectTflite(bytes).subgraphs;
    const [after] = inspectTflite(copy).subgraphs;
    after!.tensors.forEach((t, i) => {
      const was = before!.tensors[i]!;
      if (was.byteLength > 0) expect(t.shape).toEqual(was.shape);
      else expect(t.shape).toEqual([50, ...was.shape.slice(1)]);
    });
    expect(after!.tensors[after!.inputs[0]!]!.shape).toEqual([50, 28, 28, 1]);
    expect(after!.tensors[after!.outputs[0]!]!.shape).toEqual([50, 10]);
    const reshape = after!.ops.find((o) => o.opName === 'RESHAPE')!;
    expect(reshape.options?.new_shape).toEqual([-1, 2028]);
    // Only int32 shape entries changed: the weights are the same bytes.
    const changed = [...copy].filter((b, i) => b !== bytes[i]).length;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(4 * (after!.tensors.length + 1));
  });

  it('copies each small graph of the lab (int8, 16x8, float16, dynamic range) with its batch', () => {
    for (const [name, graph] of Object.entries(SMALL_GRAPHS)) {
      const copy = batchedCopy(writeTflite(graph()), 7);
      expect(copy, name).toBeDefined();
      const [sg] = inspectTflite(copy!).subgraphs;
      expect(sg!.tensors[sg!.inputs[0]!]!.shape[0], name).toBe(7);
    }
  });

  it('keeps the shapes at batch 1 and refuses graphs with ops it cannot batch', () => {
    const [one] = inspectTflite(batchedCopy(bytes, 1)!).subgraphs;
    expect(one!.tensors.map((t) => t.shape)).toEqual(inspectTflite(bytes).subgraphs[0]!.tensors.map((t) => t.shape));
    expect(batchedCopy(writeTfliteModel(detectorLikeModel()), 8)).toBeUndefined();
    expect(() => batchedCopy(bytes, 0)).toThrow(RangeError);
  });
});
