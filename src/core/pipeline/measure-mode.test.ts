import { describe, expect, it } from 'vitest';
import { DEFAULT_RECIPE } from '../quant/recipe';
import { gzipBytes } from '../compress/gzip-size';
import { measureMode, modeReportEntry } from './measure-mode';

describe('modeReportEntry', () => {
  const run = {
    accuracy: 0.5,
    engine: 'runtime',
    predictions: Uint8Array.from([1, 2, 3, 4]),
    latency: { medianMs: 0.1, p90Ms: 0.2, samples: 3 },
  };

  it('an inspected file has no simulation, recipe or agreement fields', () => {
    const entry = modeReportEntry({ mode: 'file:x.tflite', file: 'x.tflite', size: 10 }, run);
    expect(entry).toEqual({
      mode: 'file:x.tflite',
      file: 'x.tflite',
      bytes: 10,
      accuracy: 0.5,
      accuracy_engine: 'runtime',
      latency: { median_ms: 0.1, p90_ms: 0.2, samples: 3 },
    });
  });

  it('unlabelled inputs: the agreement with the float model is its own field', () => {
    const floatAgreement = { images: 100, top1_agreement: 0.97, output_snr_db: 24.5, engine: 'LiteRT.js' };
    const entry = modeReportEntry({ mode: 'int8', file: 'int8.tflite', size: 10 }, run, { floatAgreement });
    expect(entry.float_model_agreement).toEqual(floatAgreement);
    expect(entry.accuracy).toBe(0.5);
  });

  it('agreement counts matching predictions; QAT fields stand in qat and, for compatibility, in recipe', () => {
    const simulated = { accuracy: 0.5, predictions: Uint8Array.from([1, 2, 0, 4]), seconds: 1, engine: 'sim' };
    const qat = {
      epochs: 1,
      learning_rate: 2e-4,
      batch_size: 32,
      images: 100,
      seconds: 3,
      float_accuracy: 0.9,
      simulated_accuracy: 0.89,
      cancelled: false,
      summary: ['ranges moved'],
    };
    const entry = modeReportEntry(
      { mode: 'qat', file: 'qat.tflite', size: 4, recipe: { ...DEFAULT_RECIPE }, simulated, qat },
      run,
      { tfjsPredictions: Uint8Array.from([1, 2, 3, 0]) },
    );
    expect(entry.simulation_agreement).toBe(0.75);
    expect(entry.tfjs_agreement).toBe(0.75);
    expect(entry.qat).toEqual(qat);
    expect(entry.recipe).toMatchObject({ calibrationMethod: 'qat-moving-average', qat_epochs: 1 });
    expect(entry.recipe).not.toHaveProperty('mode');
  });
});

describe('measureMode', () => {
  it('names the entry after the results-table row when it differs from the converted mode (int8-mixed)', async () => {
    const converted = {
      mode: 'int8' as const,
      recipe: { ...DEFAULT_RECIPE, keepFloat: ['dense'] },
      bytes: Uint8Array.from([1, 2, 3]),
      gzipSize: 23,
      convertSeconds: 0.1,
      simulated: { accuracy: 1, predictions: Uint8Array.from([1]), seconds: 0, engine: 'sim' },
      layers: [],
    };
    const run = {
      accuracy: 1,
      engine: 'runtime',
      predictions: Uint8Array.from([1]),
      latency: { medianMs: 0, p90Ms: 0, samples: 1 },
    };
    const plain = await measureMode(converted, async () => run);
    const mixed = await measureMode(converted, async () => run, { mode: 'int8-mixed' });
    expect([plain.entry.mode, plain.entry.file]).toEqual(['int8', 'int8.tflite']);
    expect([mixed.entry.mode, mixed.entry.file]).toEqual(['int8-mixed', 'int8-mixed.tflite']);
  });

  it('records the gzip size taken at conversion and the compression recipe the model carried', async () => {
    const bytes = new Uint8Array(4000); // all zeros: gzips to a few dozen bytes
    const compression = { pruning: { sparsity: 0.8 } } as never;
    const converted = {
      mode: 'dynamic' as const,
      recipe: { ...DEFAULT_RECIPE, mode: 'dynamic' as const },
      bytes,
      gzipSize: gzipBytes(bytes),
      convertSeconds: 0,
      simulated: { accuracy: 1, predictions: Uint8Array.from([1]), seconds: 0, engine: 'sim' },
      layers: [],
      compression,
    };
    const run = {
      accuracy: 1,
      engine: 'rt',
      predictions: Uint8Array.from([1]),
      latency: { medianMs: 0, p90Ms: 0, samples: 1 },
    };
    const { entry } = await measureMode(converted, async () => run);
    expect(entry.bytes).toBe(4000);
    expect(entry.gzip_bytes).toBe(gzipBytes(bytes));
    expect(entry.gzip_bytes).toBeLessThan(100);
    expect(entry.recipe?.compression).toBe(compression);
  });
});
