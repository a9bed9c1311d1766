// Imports the TF tutorial CNN, trained by the lab on real MNIST, from every file format the lab reads
// (files built in the layouts Keras 2, Keras 3 and TF.js write), then quantizes it into every mode and
// runs each .tflite in the real LiteRT.js runtime.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/select-backend';
import { tutorialFixture } from '../core/import/testing/fixture-models';
import { modelToGraph } from '../core/graph/model-to-graph';
import type { MnistDataset } from '../core/mnist/dataset';
import type { TrainedModel } from '../core/model/trained-model';
import { calibrationImages, convertModel } from '../core/pipeline/convert';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { LAB_MODES, QUANT_MODES } from '../core/modes/lab-modes';
import { DEFAULT_TRAIN_SETTINGS } from '../core/train/settings';
import { modelFromTrained, trainModel } from '../core/train/train';
import { loadLiteRtForNode } from '../node/litert-node';
import { loadMnistFromIdx } from '../node/mnist-node';
import { evaluateTflite } from '../runtime/litert-eval';
import { openH5Node } from './h5-node';
import { importLabModel } from './import-model';
import type { ModelFileInput } from './read-model-file';
import { writeKerasH5, writeKerasWeightsH5, writeKerasZip } from './testing/keras-fixtures';
import { saveTfjsFiles } from './testing/tfjs-fixture';

let data: MnistDataset;
let trained: TrainedModel;

beforeAll(async () => {
  await initBackend('wasm');
  data = loadMnistFromIdx();
  ({ model: trained } = await trainModel(data, { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 6000 }));
  await loadLiteRtForNode();
}, 120_000);

const one = async (name: string, bytes: Promise<Uint8Array>): Promise<ModelFileInput[]> => [
  { name, bytes: await bytes },
];

const FORMATS: [string, string, () => Promise<ModelFileInput[]>][] = [
  [
    'Keras 2 model.save .h5',
    'keras-h5',
    () => one('tutorial.h5', writeKerasH5(tutorialFixture(trained.weights), 'keras2')),
  ],
  [
    'Keras 3 legacy .h5',
    'keras-h5',
    () => one('tutorial3.h5', writeKerasH5(tutorialFixture(trained.weights), 'keras3')),
  ],
  [
    'Keras 2 save_weights .h5',
    'keras-h5',
    () => one('weights.h5', writeKerasWeightsH5(tutorialFixture(trained.weights))),
  ],
  ['Keras 3 .keras zip', 'keras', () => one('tutorial.keras', writeKerasZip(tutorialFixture(trained.weights)))],
  // Keras 3 keys weights by class (layers/conv2d), not by the config's names (conv2d_12).
  [
    'Keras 3 .keras zip, layers renamed',
    'keras',
    () => one('t12.keras', writeKerasZip(tutorialFixture(trained.weights, '_12'))),
  ],
  [
    'TF.js model.json + .bin',
    'tfjs',
    async () => {
      const m = modelFromTrained(trained);
      const files = await saveTfjsFiles(m);
      m.dispose();
      return files;
    },
  ],
];

describe('importing the lab-trained tutorial CNN', () => {
  it.each(FORMATS)(
    '%s: same architecture, same TF.js predictions as the model it was saved from',
    async (_, kind, files) => {
      const input = await files();
      const { model } = await importLabModel(input, openH5Node, data.test, 'wasm');
      expect(model.source).toEqual({ kind, file: input[0].name });
      expect(model.architecture?.layers.map((l) => l.type)).toEqual(['conv2d', 'maxPool2d', 'flatten', 'dense']);
      expect(model.params).toBe(20410);
      expect(model.testAccuracy).toBe(trained.testAccuracy);
      expect(model.testPredictions).toEqual(trained.testPredictions);
    },
  );

  it('a model trained on raw pixels [0, 255] (no Rescaling layer) reads them with x255 folded into its first layer', async () => {
    // The same function of the image, for 0..255 inputs: the first kernel over 255.
    const raw = trained.weights.map((w) =>
      w.name === trained.weights[0]!.name ? { ...w, values: w.values.map((v) => v / 255) } : w,
    );
    expect(trained.weights[0]!.name).toMatch(/conv2d.*\/kernel$/);
    const files = await one('raw-pixels.h5', writeKerasH5(tutorialFixture(raw), 'keras2'));
    const { model, notes } = await importLabModel(files, openH5Node, data.test, 'wasm');
    expect(model.source).toEqual({ kind: 'keras-h5', file: 'raw-pixels.h5', input_range: '0-255' });
    expect(notes.at(-1)).toMatch(/^Trained on raw pixels \[0, 255\]/);
    // x255 then /255 is the trained kernel up to float rounding: the same score within a few images.
    expect(Math.abs(model.testAccuracy - trained.testAccuracy)).toBeLessThanOrEqual(0.0005);
    // The folded model is an ordinary [0, 1] model for every stage after the import.
    const int8 = convertModel(model, { ...DEFAULT_RECIPE, mode: 'int8' }, calibrationImages(data.train, 100, 1));
    const r = await evaluateTflite(int8.bytes, data.test.images, data.test.labels, { latencySamples: 1 });
    expect(Math.abs(r.accuracy - trained.testAccuracy)).toBeLessThanOrEqual(0.003);
    // The user's choice overrides: read as [0, 1], it stays near chance and unmarked.
    const plain = await importLabModel(files, openH5Node, data.test, 'wasm', '0-1');
    expect(plain.model.source).toEqual({ kind: 'keras-h5', file: 'raw-pixels.h5' });
    expect(plain.model.testAccuracy).toBeLessThan(0.5);
    // A [0, 1] model read as raw pixels, as chosen: folded and marked, whatever it scores.
    const chosen = await importLabModel(await FORMATS[0][2](), openH5Node, data.test, 'wasm', '0-255');
    expect(chosen.model.source?.input_range).toBe('0-255');
    expect(chosen.notes.at(-1)).toMatch(/^Read as trained on raw pixels \[0, 255\], as chosen/);
    expect(chosen.model.testAccuracy).toBeLessThan(trained.testAccuracy);
  });

  it('Keras 2 .h5: float32 in LiteRT.js scores what TF.js scores (within one image), every mode within 0.3 points', async () => {
    const { model } = await importLabModel(await FORMATS[0][2](), openH5Node, data.test, 'wasm');
    const calibration = calibrationImages(data.train, 100, 1);
    const floatGraph = modelToGraph(model);
    const accuracy: Record<string, number> = {};
    for (const mode of QUANT_MODES) {
      const { bytes } = convertModel(model, { ...DEFAULT_RECIPE, mode }, calibration, floatGraph);
      accuracy[mode] = (
        await evaluateTflite(bytes, data.test.images, data.test.labels, { latencySamples: 1 })
      ).accuracy;
    }
    expect(Math.abs(accuracy.float32 - model.testAccuracy)).toBeLessThanOrEqual(1 / data.test.count);
    // "Every mode" of the issue: TFLite's own modes (the lab's 4-bit modes lose more by design).
    for (const mode of QUANT_MODES.filter((m) => LAB_MODES[m].byDefault))
      expect(Math.abs(accuracy[mode] - accuracy.float32), mode).toBeLessThanOrEqual(0.003);
    expect(model.testAccuracy).toBeGreaterThan(0.9);
  }, 120_000);

  it.each([
    [
      'a text file',
      [{ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }],
      /notes.txt is not a model file the lab reads/,
    ],
    [
      'model.json without its shard',
      [
        {
          name: 'model.json',
          bytes: new TextEncoder().encode(
            JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['w.bin'], weights: [] }] }),
          ),
        },
      ],
      /model.json needs w.bin/,
    ],
  ] as [string, ModelFileInput[], RegExp][])('refuses %s with a sentence', async (_, files, message) => {
    await expect(importLabModel(files, openH5Node, data.test, 'wasm')).rejects.toThrow(message);
  });
});
