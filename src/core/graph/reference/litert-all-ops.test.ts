// The model with every op imported models add (ALL_OPS, seeded random weights), in each of TFLite's six
// modes: written by the lab, run in LiteRT.js on real MNIST test images, against the reference
// interpreter. Measured (ALL-OPS lines): max |diff| of the output probabilities, output elements equal
// in the output's own type, and argmax agreement.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLiteRtForNode } from '../../../node/litert-node';
import { loadMnistFromIdx } from '../../../node/mnist-node';
import { LiteRtModelSession } from '../../../runtime/litert-model';
import { decodeOutput, encodeInput } from '../../../runtime/litert-eval';
import { imagesToFloat } from '../../mnist/dataset';
import { ALL_OPS } from '../../model/testing/architectures';
import { quantizeModel } from '../../quant/quantize-graph';
import { DEFAULT_RECIPE } from '../../quant/recipe';
import { checkQuantSpec } from '../../quant/spec-check';
import { writeTflite } from '../../tflite/write-tflite';
import { modelToGraph } from '../model-to-graph';
import { randomArchitectureWeights } from '../random-weights';
import { runGraph } from './run-graph';

const N = 100;
const mnist = loadMnistFromIdx();
const calibration = imagesToFloat(mnist.train, 0, 100);
const test = imagesToFloat(mnist.test, 0, N);
const floatGraph = modelToGraph({
  preset: 'imported',
  architecture: ALL_OPS,
  weights: randomArchitectureWeights(ALL_OPS, 5, 0.5),
});

/** Tolerated max |diff| of the probabilities, and the share of output values that must be equal. */
const MODES = [
  { mode: 'float32', maxAbs: 1e-5, equal: 0 },
  { mode: 'float16', maxAbs: 1e-5, equal: 0 },
  { mode: 'dynamic', maxAbs: 1e-5, equal: 0 },
  { mode: 'int8', maxAbs: 0, equal: 1 },
  { mode: 'int8-io', maxAbs: 0, equal: 1 },
  { mode: 'int16x8', maxAbs: 1e-4, equal: 0.8 },
] as const;

beforeAll(async () => {
  await loadLiteRtForNode();
}, 120_000);

describe('every imported-model op in LiteRT.js against the reference', () => {
  it.each(MODES)(
    '$mode',
    async ({ mode, maxAbs, equal }) => {
      const graph = quantizeModel(floatGraph, calibration, { ...DEFAULT_RECIPE, mode }).graph;
      expect(checkQuantSpec(graph)).toEqual([]);
      const want = runGraph(graph, test, N);
      const session = await LiteRtModelSession.open(writeTflite(graph));
      const got = new Float32Array(N * 10);
      const gotRaw: number[] = [];
      try {
        for (let i = 0; i < N; i++) {
          const bytes = await session.run(encodeInput(test.subarray(i * 784, (i + 1) * 784), session.input));
          got.set(decodeOutput(bytes, session.output), i * 10);
          const outType = graph.tensors[graph.outputs[0]].dtype;
          gotRaw.push(
            ...(outType === 'int8' ? new Int8Array(bytes.slice().buffer) : new Float32Array(bytes.slice().buffer)),
          );
        }
      } finally {
        session.delete();
      }
      let max = 0;
      let same = 0;
      let agree = 0;
      for (let i = 0; i < got.length; i++) {
        max = Math.max(max, Math.abs(got[i] - want.outputs[i]));
        if (gotRaw[i] === want.raw[i]) same++;
      }
      for (let r = 0; r < N; r++) {
        const row = (a: ArrayLike<number>) => {
          let b = 0;
          for (let k = 1; k < 10; k++) if (a[r * 10 + k] > a[r * 10 + b]) b = k;
          return b;
        };
        if (row(got) === row(want.outputs)) agree++;
      }
      console.log(`ALL-OPS ${mode} maxAbs=${max.toExponential(2)} equal=${same}/${got.length} argmax=${agree}/${N}`);
      expect(max).toBeLessThanOrEqual(maxAbs);
      expect(same / got.length).toBeGreaterThanOrEqual(equal);
    },
    120_000,
  );
});
