import { loadLiteRtForNode } from '../src/node/litert-node';
import { loadMnistFromIdx } from '../src/node/mnist-node';
import { simulateGraphTfjs } from '../src/accel/simulate-tfjs';
import { initBackend } from '../src/backends/select-backend';
import { accuracyOf, argmaxRows } from '../src/core/eval/metrics';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { imagesToFloat, takeFirst, type MnistSplit } from '../src/core/mnist/dataset';
import { calibrationImages, convertModel, simulateModel, type ConvertedModel } from '../src/core/pipeline/convert';
import { DEFAULT_RECIPE } from '../src/core/quant/recipe';
import { QUANT_MODES } from '../src/core/modes/lab-modes';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
import { trainModel } from '../src/core/train/train';
import { evaluateTflite } from '../src/runtime/litert-eval';
import type { BenchRow, BenchSection } from './types';

/** Goals from the brief, printed next to the numbers. */
const GOAL_CONVERT_ALL_SECONDS = 1;
const GOAL_EVAL_SECONDS = 2;
const TEST_IMAGES = 10000;

const goal = (seconds: number, limit: number) => `${seconds <= limit ? 'meets' : 'MISSES'} goal <= ${limit} s`;
const percent = (a: number) => `${(a * 100).toFixed(2)}%`;

/** Seconds for all test images: measured when `count` is the whole split, else scaled up linearly. */
function perTestSet(seconds: number, count: number): { seconds: number; how: string } {
  return count >= TEST_IMAGES
    ? { seconds, how: `${count} images` }
    : { seconds: (seconds * TEST_IMAGES) / count, how: `extrapolated from ${count} images` };
}

/** Times the tfjs twin of the reference interpreter (on the active tfjs backend) over `test`. */
function simulateTfjs(converted: ConvertedModel, test: MnistSplit): { seconds: number; accuracy: number } {
  const input = imagesToFloat(test);
  const started = performance.now();
  const outputs = simulateGraphTfjs(converted.graph, input, test.count);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, accuracy: accuracyOf(argmaxRows(outputs, 10), test.labels) };
}

/**
 * Conversion, simulation and runtime timings for every quantization mode of the tutorial CNN.
 * Conversion time does not depend on the weights' values, but accuracies do, so the model is
 * trained briefly (1 epoch on a subset, tfjs-wasm) first.
 */
export const quantizeNode: BenchSection = {
  id: 'quantize-node',
  title: 'Quantization in Node: tutorial CNN, every TFLite mode (calibration: 100 images, min/max)',
  async run({ quick }) {
    const trainImages = 6000;
    // Quick mode scores a slice of the test set and extrapolates; the full run uses all 10,000.
    const evalImages = quick ? 2000 : TEST_IMAGES;
    const choice = await initBackend('wasm', {});
    if (choice.name !== 'wasm') throw new Error(`wasm backend unavailable: ${choice.reason}`);
    const data = loadMnistFromIdx();
    const test = takeFirst(data.test, evalImages);
    const { model } = await trainModel(
      data,
      { ...DEFAULT_TRAIN_SETTINGS, trainLimit: trainImages },
      { skipTestEvaluation: true },
    );

    const calibration = calibrationImages(data.train, DEFAULT_RECIPE.calibrationSamples, model.seed);
    const floatGraph = modelToGraph(model);
    // Warm-up: the first conversion pays for JIT compilation of the quantizer and the writer.
    convertModel(model, { ...DEFAULT_RECIPE, mode: 'int8' }, calibration, floatGraph);

    const allStarted = performance.now();
    const converted = QUANT_MODES.map((mode) =>
      convertModel(model, { ...DEFAULT_RECIPE, mode }, calibration, floatGraph),
    );
    const allSeconds = (performance.now() - allStarted) / 1000;

    const rows: BenchRow[] = [
      {
        label: `trained on wasm (${trainImages} images, 1 epoch)`,
        value: model.trainSeconds,
        unit: 's',
        digits: 1,
        note: 'only to get realistic accuracies',
      },
      {
        label: 'convert all 6 modes',
        value: allSeconds,
        unit: 's',
        digits: 3,
        note: `calibrate + quantize + write; ${goal(allSeconds, GOAL_CONVERT_ALL_SECONDS)}`,
      },
    ];
    for (const c of converted) {
      rows.push({
        label: `  convert ${c.recipe.mode}`,
        value: c.convertSeconds * 1000,
        unit: 'ms',
        digits: 0,
        note: `${c.bytes.length.toLocaleString('en-US')} B`,
      });
    }

    rows.push({
      label: 'simulation, reference interpreter (TS)',
      value: '',
      unit: '',
      note: `per ${TEST_IMAGES} test images`,
    });
    for (const c of converted) {
      const sim = simulateModel(c.graph, test);
      const t = perTestSet(sim.seconds, test.count);
      rows.push({
        label: `  ${c.recipe.mode}`,
        value: t.seconds,
        unit: 's',
        digits: 2,
        note: `${goal(t.seconds, GOAL_EVAL_SECONDS)}; ${t.how}; accuracy ${percent(sim.accuracy)}`,
      });
    }

    rows.push({
      label: 'simulation, tfjs-wasm twin',
      value: '',
      unit: '',
      note: `per ${TEST_IMAGES} test images, chunks of 500`,
    });
    for (const c of converted) {
      try {
        const sim = simulateTfjs(c, test);
        const t = perTestSet(sim.seconds, test.count);
        rows.push({
          label: `  ${c.recipe.mode}`,
          value: t.seconds,
          unit: 's',
          digits: 2,
          note: `${goal(t.seconds, GOAL_EVAL_SECONDS)}; ${t.how}; accuracy ${percent(sim.accuracy)}`,
        });
      } catch (error) {
        rows.push({
          label: `  ${c.recipe.mode}`,
          value: 'failed',
          unit: '',
          note: error instanceof Error ? error.message : String(error),
        });
      }
    }

    const { engine } = await loadLiteRtForNode();
    rows.push({
      label: 'runtime, LiteRT.js',
      value: '',
      unit: '',
      note: `${engine}; one image per run; latency over 1000 runs`,
    });
    for (const c of converted) {
      const started = performance.now();
      const run = await evaluateTflite(c.bytes, test.images, test.labels, { latencySamples: 1000 });
      const t = perTestSet((performance.now() - started) / 1000, run.count);
      rows.push({
        label: `  ${c.recipe.mode}`,
        value: t.seconds,
        unit: 's',
        digits: 2,
        note: `${goal(t.seconds, GOAL_EVAL_SECONDS)}; ${t.how}; latency median ${run.latency.medianMs.toFixed(3)} ms, p90 ${run.latency.p90Ms.toFixed(3)} ms; accuracy ${percent(run.accuracy)}`,
      });
    }
    return rows;
  },
};
