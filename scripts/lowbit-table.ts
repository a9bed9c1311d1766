/**
 * `npx tsx scripts/lowbit-table.ts [--train-limit N] [--epochs N] [--bits 8,4,3,2] [--datasets mnist,fashion]
 * [--presets tutorial,separable] [--granularity per-channel,per-tensor] [--algorithms rtn,cle,bc,cle+bc]
 * [--out FILE]` (algorithms also: adaround, adaround+bc): the "when
 * quantization hurts" table. For the tutorial and separable presets on MNIST and Fashion-MNIST: accuracy
 * against weight bits, per-channel and per-tensor, with round-to-nearest and with cross-layer equalization,
 * bias correction and both. 8 bits is mode int8; fewer bits are mode int4 (TFLite INT4 conv and dense
 * weights, int8 activations; depthwise weights stay int8 storage). Every file is scored in LiteRT.js on all
 * test images; where LiteRT.js refuses a file the lab's simulation is reported instead, marked "sim".
 * Prints markdown tables and writes the numbers as JSON.
 */
import { writeFileSync } from 'node:fs';
import { initBackend } from '../src/backends/select-backend';
import { simulateModelAccelerated } from '../src/accel/simulate-model-tfjs';
import type { MnistDataset } from '../src/core/mnist/dataset';
import { DATASETS, type DatasetId } from '../src/core/mnist/datasets';
import type { PresetId } from '../src/core/model/presets';
import type { TrainedModel } from '../src/core/model/trained-model';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { calibrationImages, convertModel } from '../src/core/pipeline/convert';
import { DEFAULT_RECIPE, type QuantRecipe } from '../src/core/quant/recipe';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
import { trainModel } from '../src/core/train/train';
import { loadDatasetForNode } from '../src/node/fashion-node';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { evaluateTflite } from '../src/runtime/litert-eval';

const ALGORITHMS = {
  rtn: { crossLayerEqualization: false, biasCorrection: false },
  cle: { crossLayerEqualization: true, biasCorrection: false },
  bc: { crossLayerEqualization: false, biasCorrection: true },
  'cle+bc': { crossLayerEqualization: true, biasCorrection: true },
  adaround: { crossLayerEqualization: false, biasCorrection: false, adaround: true },
  'adaround+bc': { crossLayerEqualization: false, biasCorrection: true, adaround: true },
} as const;

type AlgorithmName = keyof typeof ALGORITHMS;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** One cell: accuracy in LiteRT.js (or simulation when the runtime refuses the file). */
async function measure(model: TrainedModel, data: MnistDataset, recipe: QuantRecipe, calibration: Float32Array) {
  const converted = convertModel(model, recipe, calibration, modelToGraph(model));
  try {
    const run = await evaluateTflite(converted.bytes, data.test.images, data.test.labels, { latencySamples: 1 });
    return {
      accuracy: run.accuracy,
      engine: 'litert',
      bytes: converted.bytes.length,
      algorithms: converted.algorithms,
    };
  } catch (e) {
    const sim = simulateModelAccelerated(converted.graph, data.test);
    return {
      accuracy: sim.accuracy,
      engine: `sim (${(e as Error).message.slice(0, 80)})`,
      bytes: converted.bytes.length,
    };
  }
}

async function tableFor(dataset: DatasetId, preset: PresetId, bits: number[], algorithms: AlgorithmName[]) {
  const data = loadDatasetForNode(dataset);
  const settings = {
    ...DEFAULT_TRAIN_SETTINGS,
    dataset,
    preset,
    epochs: Number(arg('epochs', '1')),
    trainLimit: Number(arg('train-limit', '60000')),
  };
  const { model } = await trainModel(data, settings, {});
  const calibration = calibrationImages(data.train, DEFAULT_RECIPE.calibrationSamples, model.seed);
  const rows: Record<string, unknown>[] = [];
  console.log(
    `\n### ${preset} on ${DATASETS[dataset].title}: float (TF.js) ${(model.testAccuracy * 100).toFixed(2)}%\n`,
  );
  console.log(`| bits | granularity | ${algorithms.join(' | ')} |\n|---|---|${'---|'.repeat(algorithms.length)}`);
  for (const b of bits) {
    for (const perChannel of arg('granularity', 'per-channel,per-tensor')
      .split(',')
      .map((g) => g === 'per-channel')) {
      const cells: string[] = [];
      for (const name of algorithms) {
        const algo = ALGORITHMS[name];
        const mode = b === 8 ? 'int8' : b <= 4 ? 'int4' : 'int8';
        const recipe = {
          ...DEFAULT_RECIPE,
          ...algo,
          mode,
          weightBits: b,
          perChannel,
          fcPerChannel: perChannel,
        } as QuantRecipe;
        const r = await measure(model, data, recipe, calibration);
        rows.push({ dataset, preset, bits: b, perChannel, algorithm: name, ...r });
        cells.push(`${(r.accuracy * 100).toFixed(2)}${r.engine === 'litert' ? '' : ' (sim)'}`);
      }
      console.log(`| ${b} | ${perChannel ? 'per-channel' : 'per-tensor'} | ${cells.join(' | ')} |`);
    }
  }
  return { dataset, preset, float: model.testAccuracy, rows };
}

async function main() {
  await initBackend('wasm');
  await loadLiteRtForNode();
  const bits = arg('bits', '8,4,3,2').split(',').map(Number);
  const results = [];
  const algorithms = arg('algorithms', 'rtn,cle,bc,cle+bc').split(',') as AlgorithmName[];
  const bad = algorithms.filter((a) => !Object.hasOwn(ALGORITHMS, a));
  if (bad.length) throw new Error(`unknown algorithm(s) ${bad.join(', ')}; have ${Object.keys(ALGORITHMS).join(', ')}`);
  for (const dataset of arg('datasets', 'mnist,fashion').split(',') as DatasetId[])
    for (const preset of arg('presets', 'tutorial,separable').split(',') as PresetId[])
      results.push(await tableFor(dataset, preset, bits, algorithms));
  writeFileSync(arg('out', 'lowbit-table.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e);
    process.exit(1);
  },
);
