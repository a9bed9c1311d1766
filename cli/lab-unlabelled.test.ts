/**
 * `npm run lab -- --import FILE --calibration-images DIR` end to end on a model that is not MNIST: a 16x16 RGB
 * model written as a float .tflite by the lab's writer and a folder of PNGs written here. report.json says
 * where the model came from and scores each mode by agreement with the float model; the files run in LiteRT.js.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageToModelInput, stackModelInputs, type RgbaImage } from '../src/core/import/calibration-pixels';
import { decodePng, encodePng } from '../src/core/import/png';
import { outputAgreement } from '../src/core/eval/output-agreement';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { randomArchitectureWeights } from '../src/core/graph/random-weights';
import { runGraph } from '../src/core/graph/reference/run-graph';
import type { LabReport } from '../src/core/report/report';
import { writeTflite } from '../src/core/tflite/write-tflite';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { runTfliteOutputs } from '../src/runtime/litert-eval';
import { rgbBlock } from '../src/core/model/testing/architectures';

const RGB16 = rgbBlock({ size: 16, stride: 2, filters: 6, classes: 4 });
const MODES = ['int8', 'float16', 'dynamic'];
const model = { preset: 'imported' as const, architecture: RGB16, weights: randomArchitectureWeights(RGB16, 5, 0.3) };

/** Coloured patterns of other sizes than the input (the CLI resizes them), some with alpha. */
function patterns(count: number): RgbaImage[] {
  return Array.from({ length: count }, (_, n) => {
    const width = 20 + 3 * n;
    const height = 18 + n;
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        data.set(
          [
            128 + 127 * Math.sin((x + n * 5) / (3 + n)),
            128 + 127 * Math.cos((y - n * 2) / (2 + n)),
            ((x * y) / 2 + n * 30) % 256,
            255,
          ],
          (y * width + x) * 4,
        );
    return { width, height, data };
  });
}

let dir: string;
let report: LabReport;
let stdout: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lab-unlabelled-'));
  writeFileSync(join(dir, 'rgb16.tflite'), writeTflite(modelToGraph(model)));
  mkdirSync(join(dir, 'images'));
  patterns(8).forEach((img, i) => writeFileSync(join(dir, 'images', `photo-${i}.png`), encodePng(img)));
  writeFileSync(join(dir, 'images', 'notes.txt'), 'not an image');
  const run = await promisify(execFile)(
    'npm',
    [
      'run',
      'lab',
      '--',
      '--import',
      join(dir, 'rgb16.tflite'),
      '--calibration-images',
      join(dir, 'images'),
      '--modes',
      MODES.join(','),
      '--out',
      join(dir, 'out'),
    ],
    { cwd: join(import.meta.dirname, '..'), maxBuffer: 1 << 24 },
  );
  stdout = run.stdout;
  report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as LabReport;
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run lab -- --import FILE --calibration-images DIR', () => {
  it('reads the PNG folder, names the file it skipped, and reports the source and settings', () => {
    expect(stdout).toContain('calibration images: 8 from images (PNG, resized to 16x16x3, in 0-1)');
    expect(stdout).toContain('skipped notes.txt');
    expect(report.source).toEqual({ kind: 'tflite', file: 'rgb16.tflite' });
    expect(report.settings).toEqual({ import: 'rgb16.tflite', calibration_images: 8, input_range: '0-1' });
    // No labels: JSON writes the accuracies as null.
    expect(report.float.test_accuracy).toBeNull();
    expect(report.modes.map((m) => m.mode)).toEqual(MODES);
  });

  it('each file runs in LiteRT.js and agrees with the float model as report.json says', async () => {
    const inputs = stackModelInputs(
      readPngs().map((img) => imageToModelInput(img, RGB16.inputShape, '0-1')),
      RGB16.inputShape,
    );
    const reference = runGraph(modelToGraph(model), inputs.values, inputs.count).outputs;
    await loadLiteRtForNode();
    for (const entry of report.modes) {
      const a = entry.float_model_agreement!;
      expect(entry.accuracy, entry.mode).toBeNull();
      expect(a.images).toBe(8);
      expect(a.engine).toMatch(/LiteRT\.js/);
      const bytes = new Uint8Array(readFileSync(join(dir, 'out', entry.file)));
      expect(bytes.length).toBe(entry.bytes);
      const ran = await runTfliteOutputs(bytes, inputs.values, inputs.count);
      const measured = outputAgreement(reference, ran.outputs, 4);
      expect(measured.top1Agreement, entry.mode).toBe(a.top1_agreement);
      // The CLI's float reference is TF.js; here it is the reference interpreter: the SNRs differ by rounding
      // only. Past 80 dB (a file as exact as float32, e.g. dynamic on weights this small) rounding is the noise.
      const reported = a.output_snr_db ?? Number.POSITIVE_INFINITY;
      if (Math.min(reported, measured.snrDb) > 80) expect(reported, entry.mode).toBeGreaterThan(80);
      else expect(Math.abs(measured.snrDb - reported), entry.mode).toBeLessThan(0.5);
      expect(measured.snrDb, entry.mode).toBeGreaterThan(15);
    }
  });
});

/** The PNGs the CLI read, decoded again here (name order, as the CLI reads them). */
function readPngs(): RgbaImage[] {
  return Array.from({ length: 8 }, (_, i) =>
    decodePng(new Uint8Array(readFileSync(join(dir, 'images', `photo-${i}.png`)))),
  );
}
