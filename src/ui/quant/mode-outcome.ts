/**
 * The results-table entry of one mode, built from what the lab worker converted and what the
 * runtime worker measured. (To be replaced by the core builder in src/core/pipeline/measure-mode.ts.)
 */
import { agreement } from '../../core/eval/metrics';
import { tfliteFileName } from '../../core/eval/artifact-names';
import type { TrainedModel } from '../../core/model/trained-model';
import type { WeightLayer } from '../../core/pipeline/weight-layers';
import type { QuantRecipe } from '../../core/quant/recipe';
import type { ModeReport } from '../../core/report/report';
import type { RuntimeEvaluation } from '../common/evaluate-in-runtime';
import type { ModeOutcome } from '../state/results-cache';

/** What the lab worker returns for one converted file (PTQ convert, or QAT then convert). */
export interface ConvertedMode {
  mode: string;
  recipe: Partial<QuantRecipe>;
  bytes: Uint8Array;
  convertSeconds: number;
  simulated: { accuracy: number; predictions: Uint8Array; seconds?: number; engine?: string };
  layers: WeightLayer[];
  extra?: Record<string, unknown>;
}

/** The outcome (report entry, bytes, layers, predictions) of `mode`; `runtimeSeconds` is the evaluation's wall time. */
export function modeOutcome(
  trained: TrainedModel,
  mode: string,
  converted: ConvertedMode,
  evaluation: RuntimeEvaluation,
  runtimeSeconds: number,
): ModeOutcome {
  const { mode: _m, ...recipe } = converted.recipe;
  const entry: ModeReport = {
    mode,
    file: tfliteFileName(trained.preset, mode),
    bytes: converted.bytes.length,
    accuracy: evaluation.accuracy,
    accuracy_engine: evaluation.engine,
    simulated_accuracy: converted.simulated.accuracy,
    ...(converted.simulated.engine && { simulation_engine: converted.simulated.engine }),
    simulation_agreement: agreement(converted.simulated.predictions, evaluation.predictions),
    ...(trained.testPredictions && {
      tfjs_agreement: agreement(trained.testPredictions, evaluation.predictions),
    }),
    latency: {
      median_ms: evaluation.latency.medianMs,
      p90_ms: evaluation.latency.p90Ms,
      samples: evaluation.latency.samples,
    },
    convert_seconds: converted.convertSeconds,
    ...(converted.simulated.seconds !== undefined && { simulation_seconds: converted.simulated.seconds }),
    runtime_seconds: runtimeSeconds,
    recipe: { ...recipe, ...converted.extra },
  };
  return {
    entry,
    bytes: converted.bytes,
    layers: converted.layers,
    simulatedPredictions: converted.simulated.predictions,
    runtimePredictions: evaluation.predictions,
  };
}
