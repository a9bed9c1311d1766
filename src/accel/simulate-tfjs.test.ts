/**
 * The twin rule: simulateGraphTfjs on WASM and CPU against the reference interpreter, for every preset
 * and mode, on real MNIST test images (random seeded weights, calibrated on 100 training images).
 * (Full run, 1,000 images for every preset on WASM and 200-300 on CPU, measured once: every integer mode
 * bit-exact, float modes max |diff| 6e-5 (dynamic, deep); the default counts, tutorial/deep/separable 500/100/200
 * images on WASM and 300/50/60 on CPU, keep the run short.)
 * Float modes: outputs within 1e-4. Integer modes: raw outputs equal on >= 99.9% of elements and argmax
 * agreement >= 99.9%.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../node/mnist-node';
import { initBackend, type BackendName } from '../backends/select-backend';
import type { Graph } from '../core/graph/graph';
import { modelToGraph } from '../core/graph/model-to-graph';
import { randomWeights } from '../core/graph/random-weights';
import { runGraph, type RunResult } from '../core/graph/reference/run-graph';
import { argmaxRows } from '../core/eval/metrics';
import { imagesToFloat } from '../core/mnist/dataset';
import { PRESET_IDS, type PresetId } from '../core/model/presets';
import { quantizeModel } from '../core/quant/quantize-graph';
import { DEFAULT_RECIPE } from '../core/quant/recipe';
import { QUANT_MODES, type QuantMode } from '../core/modes/lab-modes';
import { runGraphTfjs } from './simulate-tfjs';
import { ALL_OPS } from '../core/model/testing/architectures';
import { randomArchitectureWeights } from '../core/graph/random-weights';

const FLOAT_MODES: QuantMode[] = ['float32', 'float16', 'dynamic'];
/** Images compared per backend: CPU convolutions are slow, so the larger presets use fewer there. */
const IMAGES: Record<BackendName, Record<PresetId, number>> = {
  wasm: { tutorial: 500, deep: 100, separable: 200 },
  cpu: { tutorial: 300, deep: 50, separable: 60 },
  webgpu: { tutorial: 0, deep: 0, separable: 0 },
};

const mnist = loadMnistFromIdx();
const calibration = imagesToFloat(mnist.train, 0, 100);
const test = imagesToFloat(mnist.test, 0, 500);
const referenceCount: Record<PresetId, number> = { tutorial: 500, deep: 100, separable: 200 };
const reference = new Map<string, { graph: Graph; result: RunResult }>();

function modeGraph(preset: PresetId, mode: QuantMode): { graph: Graph; result: RunResult } {
  const key = `${preset}/${mode}`;
  let r = reference.get(key);
  if (!r) {
    const floatGraph = modelToGraph({ preset, weights: randomWeights(preset, 7) });
    const graph = quantizeModel(floatGraph, calibration, { ...DEFAULT_RECIPE, mode }).graph;
    r = { graph, result: runGraph(graph, test.subarray(0, referenceCount[preset] * 784), referenceCount[preset]) };
    reference.set(key, r);
  }
  return r;
}

/** ALL_OPS quantized per mode with its reference outputs on 200 images, computed once for both backends. */
const allOpsReference = new Map<QuantMode, { graph: Graph; result: RunResult }>();
function allOpsGraph(mode: QuantMode): { graph: Graph; result: RunResult } {
  let r = allOpsReference.get(mode);
  if (!r) {
    const floatGraph = modelToGraph({
      preset: 'imported',
      architecture: ALL_OPS,
      weights: randomArchitectureWeights(ALL_OPS, 5),
    });
    const graph = quantizeModel(floatGraph, calibration, { ...DEFAULT_RECIPE, mode }).graph;
    r = { graph, result: runGraph(graph, test.subarray(0, 200 * 784), 200) };
    allOpsReference.set(mode, r);
  }
  return r;
}

describe.each(['wasm', 'cpu'] as const)('simulateGraphTfjs on %s matches runGraph', (backend) => {
  beforeAll(async () => {
    expect((await initBackend(backend)).name).toBe(backend);
  });

  describe.each(PRESET_IDS)('%s', (preset) => {
    // dynamic-int4: the twin refuses hybrid INT4 filters (it disagreed with the reference, which matches
    // LiteRT.js); simulateModelAccelerated then falls back to the reference interpreter.
    it.each(QUANT_MODES.filter((m) => m !== 'dynamic-int4'))('%s', (mode) => {
      const n = IMAGES[backend][preset];
      const { graph, result } = modeGraph(preset, mode);
      const got = runGraphTfjs(graph, test.subarray(0, n * 784), n);
      expect(got.backend).toBe(backend);
      const want = result.outputs.subarray(0, n * 10);
      const wantRaw = result.raw.subarray(0, n * 10);
      let maxAbs = 0;
      let equalRaw = 0;
      for (let i = 0; i < want.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(got.outputs[i] - want[i]));
        if (got.raw[i] === wantRaw[i]) equalRaw++;
      }
      const a = argmaxRows(got.outputs, 10);
      const b = argmaxRows(want, 10);
      let agree = 0;
      for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
      console.log(
        `TWIN ${backend} ${preset} ${mode} n=${n} maxAbs=${maxAbs.toExponential(2)} rawEqual=${equalRaw}/${want.length} argmax=${agree}/${n}`,
      );
      if (FLOAT_MODES.includes(mode)) expect(maxAbs).toBeLessThanOrEqual(1e-4);
      else {
        expect(equalRaw / want.length).toBeGreaterThanOrEqual(0.999);
        expect(agree / n).toBeGreaterThanOrEqual(0.999);
      }
    });
  });
});

/**
 * The ops imported models add (ALL_OPS: PAD, LEAKY_RELU, HARD_SWISH, SUB, LOGISTIC, MUL, CONCATENATION,
 * swish, TANH, MEAN), every mode, 200 test images on WASM and 60 on CPU: float modes within 1e-4,
 * integer modes raw-equal (the quantized new ops run the reference kernels on the host).
 */
describe.each(['wasm', 'cpu'] as const)(
  'simulateGraphTfjs on %s matches runGraph on every imported-model op',
  (backend) => {
    const n = backend === 'wasm' ? 200 : 60;
    beforeAll(async () => {
      expect((await initBackend(backend)).name).toBe(backend);
    });
    it.each(QUANT_MODES.filter((m) => m !== 'dynamic-int4'))('%s', (mode) => {
      const { graph, result } = allOpsGraph(mode);
      const got = runGraphTfjs(graph, test.subarray(0, n * 784), n);
      const want = { outputs: result.outputs.subarray(0, n * 10), raw: result.raw.subarray(0, n * 10) };
      let maxAbs = 0;
      let equalRaw = 0;
      for (let i = 0; i < want.outputs.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(got.outputs[i] - want.outputs[i]));
        if (got.raw[i] === want.raw[i]) equalRaw++;
      }
      console.log(
        `TWIN-OPS ${backend} ${mode} n=${n} maxAbs=${maxAbs.toExponential(2)} rawEqual=${equalRaw}/${want.raw.length}`,
      );
      if (FLOAT_MODES.includes(mode)) expect(maxAbs).toBeLessThanOrEqual(1e-4);
      else expect(equalRaw / want.raw.length).toBeGreaterThanOrEqual(0.999);
    });
  },
);
