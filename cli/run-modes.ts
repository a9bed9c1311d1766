import type { MnistDataset } from '../src/core/mnist/dataset';
import type { TrainedModel } from '../src/core/model/trained-model';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import { agreement } from '../src/core/eval/metrics';
import { calibrationImages, convertModel } from '../src/core/pipeline/convert';
import { simulateModelAccelerated } from '../src/accel/simulate-model-tfjs';
import { DEFAULT_RECIPE, type QuantRecipe } from '../src/core/quant/recipe';
import type { ModeReport } from '../src/core/report/report';
import { gzipBytes } from '../src/core/compress/gzip-size';
import { evaluateTflite } from '../src/runtime/litert-eval';
import { loadLiteRtForNode } from '../src/node/litert-node';
import type { CliOptions } from './options';

export interface ModeArtifact {
  entry: ModeReport;
  bytes: Uint8Array;
}

/**
 * Converts the trained model into each requested mode, writes nothing itself, and measures every
 * file twice: in the lab's reference interpreter (simulation) and in LiteRT.js, the real runtime.
 */
export async function* runModes(
  model: TrainedModel,
  data: MnistDataset,
  options: CliOptions,
): AsyncGenerator<ModeArtifact> {
  await loadLiteRtForNode();
  const floatGraph = modelToGraph(model);
  const calibration = calibrationImages(data.train, options.calibration, model.seed);
  for (const mode of options.modes) {
    if (mode === 'qat') {
      const { runQatMode } = await import('./run-qat');
      yield await runQatMode(model, data, options);
      continue;
    }
    const recipe: QuantRecipe = {
      ...DEFAULT_RECIPE,
      mode,
      calibrationSamples: options.calibration,
      calibrationMethod: options.calibrationMethod,
    };
    yield await measureMode(
      mode,
      convertModel(model, recipe, calibration, floatGraph),
      data,
      model.testPredictions,
      model.compression,
    );
  }
}

/** Simulates and runs one converted file on all test images; shared by the PTQ modes and QAT. */
export async function measureMode(
  mode: string,
  converted: ReturnType<typeof convertModel>,
  data: MnistDataset,
  tfjsPredictions?: Uint8Array,
  compression?: TrainedModel['compression'],
): Promise<ModeArtifact> {
  const sim = simulateModelAccelerated(converted.graph, data.test);
  const runStarted = performance.now();
  const run = await evaluateTflite(converted.bytes, data.test.images, data.test.labels, { latencySamples: 1000 });
  const runtimeSeconds = (performance.now() - runStarted) / 1000;
  const { mode: _, ...recipe } = converted.recipe;
  return {
    bytes: converted.bytes,
    entry: {
      mode,
      file: `${mode}.tflite`,
      bytes: converted.bytes.length,
      gzip_bytes: gzipBytes(converted.bytes),
      accuracy: run.accuracy,
      accuracy_engine: run.engine,
      simulated_accuracy: sim.accuracy,
      simulation_engine: sim.engine,
      simulation_agreement: agreement(sim.predictions, run.predictions),
      ...(tfjsPredictions && { tfjs_agreement: agreement(tfjsPredictions, run.predictions) }),
      latency: { median_ms: run.latency.medianMs, p90_ms: run.latency.p90Ms, samples: run.latency.samples },
      convert_seconds: converted.convertSeconds,
      simulation_seconds: sim.seconds,
      runtime_seconds: runtimeSeconds,
      recipe: { ...recipe, ...(compression && { compression }) },
    },
  };
}
