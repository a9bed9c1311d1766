/**
 * Speed of the twins (skipped unless ACCEL_BENCH=1): 10,000 MNIST test images per mode, reference
 * interpreter vs simulateGraphTfjs on WASM; calibration of 100 images, calibrate vs collectRangesTfjs.
 * ACCEL_BENCH_PRESETS=tutorial,deep picks presets; ACCEL_BENCH_REFERENCE=0 skips the slow reference runs.
 *   ACCEL_BENCH=1 npx vitest run src/accel/bench-tfjs.test.ts
 */
import { it } from 'vitest';
import { loadMnistFromIdx } from '../../cli/mnist-node';
import { initBackend } from '../backends/select-backend';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomWeights } from '../core/graph/random-weights';
import { runGraph } from '../core/graph/reference/run-graph';
import { argmaxRows } from '../core/eval/metrics';
import { imagesToFloat } from '../core/mnist/dataset';
import { isPresetId, type PresetId } from '../core/model/presets';
import { calibrate } from '../core/quant/calibrate';
import { quantizeWeightsSymmetric } from '../core/quant/quant-params';
import { quantizeModel } from '../core/quant/quantize-graph';
import { DEFAULT_RECIPE, QUANT_MODES } from '../core/quant/recipe';
import { collectRangesTfjs } from './collect-ranges-tfjs';
import { simulateGraphTfjs } from './simulate-tfjs';

const env = process.env;
const presets = (env.ACCEL_BENCH_PRESETS ?? 'tutorial').split(',').filter(isPresetId) as PresetId[];

it.skipIf(env.ACCEL_BENCH !== '1')('bench: 10,000 images per mode, reference vs tfjs-wasm', { timeout: 3_600_000 }, async () => {
  await initBackend('wasm');
  const mnist = loadMnistFromIdx();
  const x = imagesToFloat(mnist.test);
  const calib = imagesToFloat(mnist.train, 0, 100);
  const seconds = (f: () => unknown) => { const t = performance.now(); f(); return (performance.now() - t) / 1000; };
  for (const preset of presets) {
    const floatGraph = modelToGraph({ preset, weights: randomWeights(preset, 1) });
    const w = floatGraph.tensors.filter((t) => t.data && t.dtype === 'float32');
    console.log(`BENCH ${preset} calibrate(minmax, 100) ${seconds(() => calibrate(floatGraph, calib, 100, 'minmax')).toFixed(3)} s; ` +
      `collectRangesTfjs ${seconds(() => collectRangesTfjs(floatGraph, calib, 100)).toFixed(3)} s; ` +
      `quantizeWeightsSymmetric all ${w.length} float constants ${seconds(() => w.forEach((t) => quantizeWeightsSymmetric(new Float32Array(t.data!.slice().buffer), t.shape, 0))).toFixed(4)} s`);
    for (const mode of QUANT_MODES) {
      const graph = quantizeModel(floatGraph, calib, { ...DEFAULT_RECIPE, mode }).graph;
      let out: Float32Array = new Float32Array(0);
      const tfjsS = seconds(() => { out = simulateGraphTfjs(graph, x, 10000); });
      let refS = NaN;
      let agree = NaN;
      if (env.ACCEL_BENCH_REFERENCE !== '0') {
        let ref: Float32Array = new Float32Array(0);
        refS = seconds(() => { ref = runGraph(graph, x, 10000).outputs; });
        const a = argmaxRows(out, 10);
        const b = argmaxRows(ref, 10);
        agree = a.filter((v, i) => v === b[i]).length;
      }
      console.log(`BENCH ${preset} ${mode} reference ${refS.toFixed(2)} s, tfjs-wasm ${tfjsS.toFixed(2)} s, argmax agreement ${agree}/10000`);
    }
  }
});
