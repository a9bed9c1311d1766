/**
 * A 224x224x3 MobileNet-sized model (bench/mobilenet-fixture.ts, about 3.2 M parameters, random weights)
 * through the lab's import and every TFLite mode: built as a Keras 2 .h5, imported, calibrated on 100
 * images a few at a time (min/max, the tfjs twin of calibrate), quantized and written per mode, each
 * file simulated (tfjs twin of the integer arithmetic) and run in LiteRT.js; without labels each mode is
 * scored by top-1 agreement and output SNR against the float model. Memory is sampled between chunks.
 */
import { floatPassTfjs } from '../src/accel/collect-ranges-tfjs';
import { runGraphTfjs } from '../src/accel/simulate-tfjs';
import { initBackend } from '../src/backends/select-backend';
import { agreementAccumulator, type OutputAgreement } from '../src/core/eval/output-agreement';
import type { Graph } from '../src/core/graph/graph';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { describeArchitecture } from '../src/core/model/layer-shapes';
import { DEFAULT_QUANT_MODES } from '../src/core/modes/lab-modes';
import { calibrationChunkSize } from '../src/core/quant/calibrate';
import { quantizeGraph } from '../src/core/quant/quantize-graph';
import { DEFAULT_RECIPE } from '../src/core/quant/recipe';
import { writeTflite } from '../src/core/tflite/write-tflite';
import { openH5Node } from '../src/import/h5-node';
import { importModelFiles } from '../src/import/import-model';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { clearRuntimeCache, runTfliteOutputs } from '../src/runtime/litert-eval';
import { MOBILENET_INPUT, mobilenetH5, smoothImages } from './mobilenet-fixture';
import type { BenchRow, BenchSection } from './types';

const GOAL_ALL_MODES_SECONDS = 60;
const PER_IMAGE = MOBILENET_INPUT.reduce((a, b) => a * b, 1);

/** Peak resident set and JS heap seen at the sample points (the work is synchronous between them). */
const peak = { rss: 0, heap: 0 };
function sample() {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
}

/** The graph's outputs on `count` images, `chunk` images a call (bounded memory), sampled per chunk. */
function outputsChunked(graph: Graph, images: Float32Array, count: number, chunk: number): Float32Array {
  const parts: Float32Array[] = [];
  for (let s = 0; s < count; s += chunk) {
    const m = Math.min(chunk, count - s);
    parts.push(runGraphTfjs(graph, images.subarray(s * PER_IMAGE, (s + m) * PER_IMAGE), m, { chunkSize: m }).outputs);
    sample();
  }
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const fmt = (a: OutputAgreement) =>
  `top-1 agreement ${(100 * a.top1Agreement).toFixed(0)}%, SNR ${Number.isFinite(a.snrDb) ? a.snrDb.toFixed(1) : 'inf'} dB`;

export const mobilenetNode: BenchSection = {
  id: 'mobilenet',
  title:
    'MobileNet-sized import in Node: 224x224x3, the six TFLite modes, 100 calibration images (memory: process RSS)',
  async run({ quick }) {
    const images = quick ? 20 : 100;
    const runtimeImages = quick ? 5 : 20;
    const choice = await initBackend('wasm', {});
    if (choice.name !== 'wasm') throw new Error(`wasm backend unavailable: ${choice.reason}`);
    await loadLiteRtForNode();
    const rows: BenchRow[] = [];
    sample();
    let t = performance.now();
    const h5 = await mobilenetH5();
    const imported = await importModelFiles([{ name: 'mobilenet.h5', bytes: h5 }], openH5Node);
    const arch = imported.architecture;
    const params = describeArchitecture(arch).params;
    rows.push({
      label: 'build .h5 + import',
      value: (performance.now() - t) / 1000,
      unit: 's',
      note: `${(h5.length / 1e6).toFixed(1)} MB .h5, ${arch.layers.length} layers, ${params.toLocaleString('en-US')} parameters`,
    });
    const floatGraph = modelToGraph({ preset: 'imported', ...imported });
    const data = smoothImages(images);
    const chunk = calibrationChunkSize(floatGraph);
    sample();
    const allStarted = performance.now();
    t = performance.now();
    // One streamed pass: the float reference for agreement and the min/max ranges every mode shares.
    const { outputs: reference, stats } = floatPassTfjs(floatGraph, data, images, images, chunk, sample);
    const calibrateSeconds = (performance.now() - t) / 1000;
    rows.push({
      label: 'float outputs + calibrate (min/max), one pass for every mode',
      value: calibrateSeconds,
      unit: 's',
      note: `${images} images, ${chunk} a chunk`,
    });
    for (const mode of DEFAULT_QUANT_MODES) {
      t = performance.now();
      const graph = quantizeGraph(floatGraph, stats, { ...DEFAULT_RECIPE, mode, calibrationSamples: images });
      const bytes = writeTflite(graph);
      const convert = (performance.now() - t) / 1000;
      sample();
      t = performance.now();
      const simulated = agreementAccumulator(10);
      simulated.add(reference, outputsChunked(graph, data, images, chunk));
      const simulate = (performance.now() - t) / 1000;
      t = performance.now();
      let runtime: string;
      try {
        const { outputs: out } = await runTfliteOutputs(
          bytes,
          data.subarray(0, runtimeImages * PER_IMAGE),
          runtimeImages,
        );
        const acc = agreementAccumulator(10);
        acc.add(reference.subarray(0, runtimeImages * 10), out);
        runtime = `LiteRT.js ${fmt(acc.result())} on ${runtimeImages}`;
      } catch (e) {
        runtime = `LiteRT.js failed: ${(e as Error).message.slice(0, 120)}`;
      }
      await clearRuntimeCache();
      const run = (performance.now() - t) / 1000;
      sample();
      rows.push({
        label: `${mode}: convert + simulate + LiteRT.js`,
        value: convert + simulate + run,
        unit: 's',
        note: `convert ${convert.toFixed(1)} s (${(bytes.length / 1e6).toFixed(2)} MB), simulate ${simulate.toFixed(1)} s (${fmt(simulated.result())} on ${images}), LiteRT.js ${run.toFixed(1)} s (${runtime})`,
      });
    }
    const all = (performance.now() - allStarted) / 1000;
    rows.push({
      label: 'all modes (float reference, calibration, every mode)',
      value: all,
      unit: 's',
      note: `${all <= GOAL_ALL_MODES_SECONDS ? 'meets' : 'MISSES'} goal <= ${GOAL_ALL_MODES_SECONDS} s${quick ? ' (--quick: fewer images)' : ''}`,
    });
    rows.push({
      label: 'peak memory (process RSS)',
      value: peak.rss / 2 ** 20,
      unit: 'MiB',
      digits: 0,
      note: 'sampled between chunks; includes the WASM heaps',
    });
    rows.push({ label: 'peak JS heap (heapUsed)', value: peak.heap / 2 ** 20, unit: 'MiB', digits: 0 });
    return rows;
  },
};
