import { describe, expect, it } from 'vitest';
import type { Graph } from '../graph/graph';
import { SMALL_GRAPHS, tutorialFloatGraph } from './testing/graph-fixtures';
import { inspectTflite, readTflite } from './read-tflite';
import { opVersion, writeTflite } from './write-tflite';
import { modelToGraph } from '../graph/model-to-graph';
import { randomArchitectureWeights } from '../graph/random-weights';
import { ALL_OPS } from '../model/testing/architectures';
import { quantizeModel } from '../quant/quantize-graph';
import { DEFAULT_RECIPE } from '../quant/recipe';

const ALL_GRAPHS: Record<string, () => Graph> = { tutorialFloat: () => tutorialFloatGraph(), ...SMALL_GRAPHS };

describe('writeTflite round trip', () => {
  for (const [name, make] of Object.entries(ALL_GRAPHS)) {
    it(`${name}: read gives back every tensor, op, quant param and option`, () => {
      const graph = make();
      const back = readTflite(writeTflite(graph));
      expect(back.tensors.length).toBe(graph.tensors.length);
      graph.tensors.forEach((t, i) => {
        const u = back.tensors[i]!;
        expect(u.name).toBe(t.name);
        expect(u.dtype).toBe(t.dtype);
        expect(u.shape).toEqual(t.shape);
        expect(u.quant).toEqual(t.quant);
        if (t.data) expect(Buffer.from(u.data!).equals(Buffer.from(t.data))).toBe(true);
        else expect(u.data).toBeUndefined();
      });
      expect(back.ops).toEqual(graph.ops);
      expect(back.inputs).toEqual(graph.inputs);
      expect(back.outputs).toEqual(graph.outputs);
      expect(back.description).toBe(graph.description);
      // The writer adds min_runtime_version; writing the read graph again gives the same bytes.
      expect(back.metadata.map((m) => m.name)).toEqual(['min_runtime_version']);
      expect(writeTflite(back)).toEqual(writeTflite(graph));
    });
  }

  it('keeps metadata the graph already carries instead of adding min_runtime_version', () => {
    const graph = SMALL_GRAPHS['int8']!();
    const version = new Uint8Array(16);
    version.set([57, 46, 57]); // "9.9"
    graph.metadata = [
      { name: 'min_runtime_version', data: version },
      { name: 'lab_recipe', data: new Uint8Array([123, 125]) },
    ];
    const back = readTflite(writeTflite(graph));
    expect(back.metadata).toEqual(graph.metadata);
    const info = inspectTflite(writeTflite(graph));
    expect(info.metadata.find((m) => m.name === 'min_runtime_version')?.text).toBe('9.9');
  });

  it('keeps an omitted optional input (-1)', () => {
    const graph = SMALL_GRAPHS['dynamicRange']!();
    const fc = graph.ops.find((o) => o.kind === 'FULLY_CONNECTED')!;
    fc.inputs = [fc.inputs[0]!, fc.inputs[1]!, -1];
    expect(readTflite(writeTflite(graph)).ops).toEqual(graph.ops);
  });
});

describe('writeTflite file layout', () => {
  for (const [name, make] of Object.entries(ALL_GRAPHS)) {
    it(`${name}: identifier, sentinel buffer, 16-byte aligned data, no dead buffers`, () => {
      const graph = make();
      const bytes = writeTflite(graph);
      expect(String.fromCharCode(...bytes.subarray(4, 8))).toBe('TFL3');
      const info = inspectTflite(bytes);
      expect(info.warnings).toEqual([]);
      expect(info.version).toBe(3);
      expect(info.buffers[0]!.size).toBe(0);
      const constants = graph.tensors.filter((t) => t.data).length;
      expect(info.buffers.length).toBe(1 + constants + 1); // sentinel + constants + min_runtime_version
      for (const b of info.buffers.slice(1)) {
        expect(b.offset % 16).toBe(0);
        expect(b.offset + b.size).toBeLessThanOrEqual(bytes.length);
      }
      for (const t of info.subgraphs[0]!.tensors) {
        expect(t.buffer === 0).toBe(!graph.tensors[t.index]!.data);
      }
      expect(info.signatures).toEqual([
        {
          key: 'serving_default',
          subgraphIndex: 0,
          inputs: graph.inputs.map((i) => ({ name: graph.tensors[i]!.name, tensorIndex: i })),
          outputs: graph.outputs.map((i) => ({ name: graph.tensors[i]!.name, tensorIndex: i })),
        },
      ]);
      // One OperatorCode per builtin code, carrying the highest version its ops need.
      const codes = info.operatorCodes.map((c) => c.name);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of info.operatorCodes) {
        const wanted = Math.max(...graph.ops.filter((o) => o.kind === code.name).map((o) => opVersion(o, graph)));
        expect(code.version).toBe(wanted);
      }
    });
  }

  it('writes the tutorial float32 CNN (20,410 parameters) well under the converter size', () => {
    const graph = tutorialFloatGraph();
    const params = graph.tensors.reduce((s, t) => s + (t.data ? t.data.length / 4 : 0), 0);
    expect(params).toBe(20410);
    const size = writeTflite(graph).length;
    console.info(`tutorial float32 .tflite: ${size} bytes (raw weights ${params * 4})`);
    expect(size).toBeGreaterThan(params * 4);
    // TF's converter writes 84,688 bytes for this model; we allow at most 2 KB over the raw weights.
    expect(size).toBeLessThan(params * 4 + 2048);
  });

  it.each([
    ['tutorialFloat', '1.5.0'],
    ['int8', '1.14.0'],
    ['x16x8', '2.3.0'],
    ['float16', '1.15.0'],
    ['dynamicRangeFloatConv', '2.3.0'],
    ['dynamicRange', '2.4.0'],
  ])('%s: min_runtime_version %s', (name, version) => {
    const info = inspectTflite(writeTflite(ALL_GRAPHS[name]!()));
    const entry = info.metadata.find((m) => m.name === 'min_runtime_version')!;
    expect(entry.size).toBe(16);
    expect(entry.text).toBe(version);
  });

  it('rejects graphs it cannot write', () => {
    const bad = SMALL_GRAPHS['int8']!();
    bad.tensors[2]!.data = new Uint8Array(3);
    expect(() => writeTflite(bad)).toThrow(/needs 27/);
    const dangling = SMALL_GRAPHS['int8']!();
    dangling.ops[0]!.outputs = [99];
    expect(() => writeTflite(dangling)).toThrow(/tensor 99/);
  });
});

describe('writeTflite round trip of every imported-model op', () => {
  const floatGraph = modelToGraph({
    preset: 'imported',
    architecture: ALL_OPS,
    weights: randomArchitectureWeights(ALL_OPS, 3),
  });
  const calibration = Float32Array.from({ length: 20 * 784 }, (_, i) => ((i * 7919) % 256) / 255);
  it.each(['float32', 'float16', 'dynamic', 'int8', 'int8-io', 'int16x8'] as const)('%s', (mode) => {
    const graph = quantizeModel(floatGraph, calibration, { ...DEFAULT_RECIPE, mode, calibrationSamples: 20 }).graph;
    const back = readTflite(writeTflite(graph));
    expect(back.ops).toEqual(graph.ops);
    expect(back.tensors.map((t) => t.quant)).toEqual(graph.tensors.map((t) => t.quant));
    expect(writeTflite(back)).toEqual(writeTflite(graph));
  });
});
