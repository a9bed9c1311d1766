import { describe, expect, it } from 'vitest';
import { smallInt8Graph, tutorialFloatGraph } from '../../core/tflite/testing/graph-fixtures';
import type { TfliteModelInfo, TfliteTensorInfo } from '../../core/tflite/read-tflite';
import { writeTflite } from '../../core/tflite/write-tflite';
import {
  constantChoices,
  elementCount,
  fileReport,
  fileSizeProblem,
  inspectFile,
  MAX_FILE_BYTES,
  mnistFit,
  shorten,
  summarizeNumbers,
  summarizeQuant,
  tensorBytes,
  tensorHistogram,
  tensorLabel,
  unknownOps,
} from './inspector-model';

const tutorial = writeTflite(tutorialFloatGraph());
const int8 = writeTflite(smallInt8Graph());

function infoOf(bytes: Uint8Array): TfliteModelInfo {
  const r = inspectFile(bytes, 'x.tflite');
  if (!r.ok) throw new Error(r.message);
  return r.info;
}

const tensor = (over: Partial<TfliteTensorInfo>): TfliteTensorInfo => ({
  index: 0,
  name: 't',
  type: 'FLOAT32',
  typeId: 0,
  dtype: 'float32',
  shape: [1, 784],
  buffer: 0,
  byteLength: 0,
  dataOffset: -1,
  isVariable: false,
  ...over,
});

describe('inspectFile', () => {
  it.each([
    [
      'random bytes',
      Uint8Array.from({ length: 300 }, (_, i) => (i * 73) % 256),
      /not a readable \.tflite model: .*not tflite\.Model/,
    ],
    ['a truncated model', tutorial.slice(0, tutorial.length >> 1), /bad\.tflite is not a readable \.tflite model/],
    ['4 bytes', new Uint8Array(4), /truncated: 4 bytes/],
  ])('names the file and the problem for %s', (_label, bytes, message) => {
    const r = inspectFile(bytes, 'bad.tflite');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('reads a valid file', () => {
    expect(infoOf(tutorial).subgraphs[0]!.ops.map((o) => o.opName)).toEqual([
      'CONV_2D',
      'MAX_POOL_2D',
      'RESHAPE',
      'FULLY_CONNECTED',
      'SOFTMAX',
    ]);
  });
});

describe('fileSizeProblem', () => {
  it.each([
    [0, 'empty'],
    [MAX_FILE_BYTES + 1, 'too-big'],
    [1000, null],
  ])('%d bytes', (size, expected) => {
    const p = fileSizeProblem('m.tflite', size);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toMatchObject({ kind: expected, fileName: 'm.tflite' });
  });
});

describe('mnistFit', () => {
  it('accepts the tutorial CNN', () => {
    const fit = mnistFit(infoOf(tutorial));
    expect(fit.fits).toBe(true);
  });

  it('explains why a small model does not fit', () => {
    const fit = mnistFit(infoOf(int8));
    expect(fit.fits).toBe(false);
    if (!fit.fits) expect(fit.reason).toMatch(/has shape \[.*\], not 784 values/);
  });

  it.each([
    [[1, 28, 28, 1], 'FLOAT32', undefined, true],
    [[1, 28, 28], 'FLOAT32', undefined, true],
    [[1, 784], 'INT8', { scale: [1 / 255], zeroPoint: [-128], quantizedDimension: 0 }, true],
    [[1, 784], 'INT8', undefined, false],
    [[-1, 784], 'FLOAT32', undefined, false],
    [[1, 784], 'STRING', undefined, false],
  ] as const)('input %j %s', (shape, type, quant, fits) => {
    const input = tensor({
      index: 0,
      shape: [...shape],
      type,
      ...(quant ? { quant: { ...quant, scale: [...quant.scale], zeroPoint: [...quant.zeroPoint] } } : {}),
    });
    const output = tensor({ index: 1, shape: [1, 10] });
    const info = { ...infoOf(tutorial) };
    info.subgraphs = [{ name: '', tensors: [input, output], inputs: [0], outputs: [1], ops: [] }];
    expect(mnistFit(info).fits).toBe(fits);
  });
});

describe('display helpers', () => {
  it.each([
    [[], 1],
    [[1, 28, 28, 1], 784],
    [[1, -1], null],
    [[0, 3], 0],
  ])('elementCount(%j)', (shape, n) => expect(elementCount(shape)).toBe(n));

  it.each([
    [[], '–'],
    [[0.5], '0.5'],
    [[1, 2, 3], '1, 2, 3'],
    [[0, 0, 0, 0, 0], '0 (all 5)'],
    [[0.001, 0.0025, 0.003, 0.004], '4 values, 0.001 … 0.004'],
    [[1e-9, 2e-9, 3e-9, 5e-9], '4 values, 1.000e-9 … 5.000e-9'],
  ])('summarizeNumbers(%j)', (values, text) => expect(summarizeNumbers(values)).toBe(text));

  it('summarizes per-tensor and per-channel quantization', () => {
    expect(summarizeQuant(undefined)).toEqual({ scale: '–', zeroPoint: '–', axis: '–' });
    expect(summarizeQuant({ scale: [0.5], zeroPoint: [-128], quantizedDimension: 0 })).toEqual({
      scale: '0.5',
      zeroPoint: '-128',
      axis: '–',
    });
    const pc = summarizeQuant({ scale: [0.1, 0.2, 0.3, 0.4], zeroPoint: [0, 0, 0, 0], quantizedDimension: 3 });
    expect(pc).toEqual({ scale: '4 values, 0.1 … 0.4', zeroPoint: '0 (all 4)', axis: '3' });
  });

  it('sizes constants by their data and activations by their shape', () => {
    expect(tensorBytes(tensor({ shape: [1, 784], typeId: 9, type: 'INT8' }))).toEqual({ bytes: 784, constant: false });
    expect(tensorBytes(tensor({ shape: [-1, 784] }))).toEqual({ bytes: null, constant: false });
    expect(tensorBytes(tensor({ byteLength: 48, dataOffset: 100 }))).toEqual({ bytes: 48, constant: true });
  });

  it('labels tensors in op rows', () => {
    const sg = infoOf(tutorial).subgraphs[0]!;
    expect(tensorLabel(sg, 0)).toBe(sg.tensors[0]!.name);
    expect(tensorLabel(sg, -1)).toBe('(none)');
    expect(tensorLabel(sg, 999)).toBe('#999 (missing)');
    expect(shorten('a'.repeat(200), 21)).toHaveLength(21);
  });
});

describe('constant tensors', () => {
  it('lists weights largest first and plots them dequantized', () => {
    const info = infoOf(int8);
    const choices = constantChoices(info);
    expect(choices.length).toBeGreaterThan(0);
    for (let i = 1; i < choices.length; i++)
      expect(choices[i - 1]!.tensor.byteLength).toBeGreaterThanOrEqual(choices[i]!.tensor.byteLength);
    const weights = choices.find((c) => c.tensor.type === 'INT8')!;
    const deq = tensorHistogram(int8, weights.tensor, true, 16);
    const raw = tensorHistogram(int8, weights.tensor, false, 16);
    if (!deq.ok || !raw.ok) throw new Error('histogram failed');
    expect(deq.dequantized).toBe(true);
    expect(deq.histogram.counts.reduce((a, b) => a + b, 0)).toBe(deq.count);
    // Stored int8 weights are symmetric in [-127, 127]; real values are much smaller.
    expect(raw.max).toBeLessThanOrEqual(127);
    expect(Math.abs(deq.max)).toBeLessThan(Math.abs(raw.max));
  });

  it('reports unreadable data instead of throwing', () => {
    const t = tensor({ byteLength: 400, dataOffset: int8.length - 10 });
    const h = tensorHistogram(int8, t, true, 8);
    expect(h.ok).toBe(false);
  });
});

describe('fileReport and unknownOps', () => {
  it('makes a comparison entry named after the file', () => {
    expect(
      fileReport('my.tflite', 1234, {
        accuracy: 0.97,
        engine: 'LiteRT',
        latency: { medianMs: 0.1, p90Ms: 0.2, samples: 300 },
      }),
    ).toEqual({
      mode: 'file:my.tflite',
      file: 'my.tflite',
      bytes: 1234,
      accuracy: 0.97,
      accuracy_engine: 'LiteRT',
      latency: { median_ms: 0.1, p90_ms: 0.2, samples: 300 },
    });
  });

  it('flags custom and unnamed operators only', () => {
    const info = infoOf(tutorial);
    expect(unknownOps(info)).toEqual([]);
    const sg = info.subgraphs[0]!;
    const odd = {
      ...info,
      subgraphs: [
        {
          ...sg,
          ops: [
            { ...sg.ops[0]!, opName: 'CUSTOM:Foo' },
            { ...sg.ops[1]!, opName: 'BUILTIN_250' },
          ],
        },
      ],
    };
    expect(unknownOps(odd)).toEqual(['CUSTOM:Foo', 'BUILTIN_250']);
  });
});
