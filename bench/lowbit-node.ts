import { initBackend } from '../src/backends/select-backend';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { takeFirst } from '../src/core/mnist/dataset';
import { calibrationImages, convertModel } from '../src/core/pipeline/convert';
import { SWEEP_WEIGHT_BITS, sweepWeightBits } from '../src/core/quant/bits-sweep';
import { DEFAULT_RECIPE } from '../src/core/quant/recipe';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
import { trainModel } from '../src/core/train/train';
import { loadMnistFromIdx } from '../src/node/mnist-node';
import type { BenchRow, BenchSection } from './types';

/** The issue's goal for AdaRound on the tutorial CNN (measured here in Node; Chromium runs the same core). */
const GOAL_ADAROUND_SECONDS = 60;

/**
 * AdaRound time on the tutorial CNN (int4 mode, 4-bit per-tensor weights, 100 calibration images, 200 steps
 * a layer) and the bit-width explorer's sweep time (6 bit-widths x 2 granularities, simulated).
 */
export const lowbitNode: BenchSection = {
  id: 'lowbit-node',
  title: 'Low-bit in Node: AdaRound and the bit-width sweep, tutorial CNN (tfjs-wasm)',
  async run({ quick }) {
    await initBackend('wasm', {});
    const data = loadMnistFromIdx();
    const { model } = await trainModel(
      data,
      { ...DEFAULT_TRAIN_SETTINGS, trainLimit: 6000 },
      { skipTestEvaluation: true },
    );
    const calibration = calibrationImages(data.train, DEFAULT_RECIPE.calibrationSamples, model.seed);
    const recipe = { ...DEFAULT_RECIPE, mode: 'int4' as const, weightBits: 4, perChannel: false, adaround: true };
    let started = performance.now();
    const converted = convertModel(model, recipe, calibration, modelToGraph(model), {
      adaround: quick ? { iterations: 50 } : {},
    });
    const adaroundSeconds = (performance.now() - started) / 1000;
    const testImages = quick ? 1000 : 10000;
    started = performance.now();
    sweepWeightBits(model, { train: data.train, test: takeFirst(data.test, testImages) });
    const sweepSeconds = (performance.now() - started) / 1000;
    const rows: BenchRow[] = [
      {
        label: 'AdaRound, tutorial CNN',
        value: adaroundSeconds,
        unit: 's',
        note: `${quick ? '50' : '200'} steps a layer; ${adaroundSeconds <= GOAL_ADAROUND_SECONDS ? 'meets' : 'MISSES'} goal <= ${GOAL_ADAROUND_SECONDS} s; ${converted.algorithms?.adaround?.map((l) => `${l.layer} ${l.flipped} flipped`).join(', ')}`,
      },
      {
        label: 'bit-width sweep',
        value: sweepSeconds,
        unit: 's',
        note: `${SWEEP_WEIGHT_BITS.length} bit-widths x 2 granularities, ${testImages} test images, reference interpreter`,
      },
    ];
    return rows;
  },
};
