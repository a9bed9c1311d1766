/**
 * The "measure one mode" stage, shared by the CLI, the lab worker (PTQ and QAT alike), the UI and the
 * inspector: a converted file (what the lab worker returns) plus its score in the TFLite runtime (what
 * the runtime worker returns) become one report.json entry and one measured mode.
 */
import type { MnistDataset, MnistSplit } from '../mnist/dataset';
import type { LabMode } from '../modes/lab-modes';
import type { TrainedModel } from '../model/trained-model';
import { agreement } from '../eval/metrics';
import { modelToGraph } from '../graph/model-to-graph';
import type { Graph } from '../graph/graph';
import type { QatRun } from '../qat/qat-pipeline';
import type { QatExplanation } from '../qat/explain-qat';
import type { QuantRecipe } from '../quant/recipe';
import type { AlgorithmReport } from '../quant/quantize-graph';
import type { ModeReport, OutputAgreementReport, QatReport } from '../report/report';
import { calibrationImages, convertModel, simulateModel, type SimulatedEvaluation } from './convert';
import { weightLayers, type WeightLayer } from './weight-layers';
import type { CompressionRecipe } from '../compress/compression-recipe';
import { gzipBytes } from '../compress/gzip-size';

/** Runs the quantized graph over the test split: the reference interpreter, or an accelerated twin. */
export type Simulator = (graph: Graph, test: MnistSplit) => SimulatedEvaluation;

/** The plain reference interpreter over every test image. */
export const referenceSimulator: Simulator = (graph, test) => simulateModel(graph, test);

/** One converted file and what the lab knows of it before the runtime ran it (the lab worker's result). */
export interface ConvertedMode {
  mode: LabMode;
  recipe: QuantRecipe;
  /** The .tflite file. */
  bytes: Uint8Array;
  /** The file's size after gzip level 9 ({@link gzipBytes}), taken where it was converted (the lab worker, not the page). */
  gzipSize: number;
  /** Seconds to calibrate, quantize and write (QAT: the export only). */
  convertSeconds: number;
  simulated: SimulatedEvaluation;
  /** Float and quantized weights per weighted layer, for the histograms. */
  layers: WeightLayer[];
  /** Mode qat: how the file was trained. */
  qat?: QatReport;
  /** What cross-layer equalization and bias correction did (when the recipe asked for them). */
  algorithms?: AlgorithmReport;
  /** Mode qat: what changed against a plain min/max calibration. */
  explanation?: QatExplanation;
  /** How the model was pruned and clustered before this conversion (the trained model's). */
  compression?: CompressionRecipe;
}

/** The TFLite runtime's score of one file on the test split (structurally LiteRT's RuntimeEvaluation). */
export interface RuntimeMeasurement {
  accuracy: number;
  /** Predicted class per test image. */
  predictions: Uint8Array;
  latency: { medianMs: number; p90Ms: number; samples: number };
  engine: string;
}

/** What an entry needs from the runtime; predictions are needed only to report agreement. */
export type RuntimeScore = Omit<RuntimeMeasurement, 'predictions'> & { predictions?: Uint8Array };

/** A measured mode: its report entry, the file and everything the comparison panels show. */
export interface MeasuredMode {
  entry: ModeReport;
  bytes: Uint8Array;
  layers: WeightLayer[];
  /** Simulated predictions per test image (empty for a file the lab did not convert). */
  simulatedPredictions: Uint8Array;
  runtimePredictions: Uint8Array;
  explanation?: QatExplanation;
}

/** Converts one post-training mode: calibrate (seeded draw of training images), quantize, write, simulate. */
export function convertMode(
  trained: TrainedModel,
  recipe: QuantRecipe,
  data: MnistDataset,
  simulate: Simulator = referenceSimulator,
): ConvertedMode {
  const floatGraph = modelToGraph(trained);
  const calibration = calibrationImages(data.train, recipe.calibrationSamples, trained.seed);
  const converted = convertModel(trained, recipe, calibration, floatGraph);
  return {
    mode: recipe.mode,
    recipe,
    bytes: converted.bytes,
    gzipSize: gzipBytes(converted.bytes),
    convertSeconds: converted.convertSeconds,
    simulated: simulate(converted.graph, data.test),
    layers: weightLayers(converted.prepared ?? floatGraph, converted.graph),
    ...(trained.compression && { compression: trained.compression }),
    ...(converted.algorithms && { algorithms: converted.algorithms }),
  };
}

/** The QAT stage's export as a converted mode (simulated like every other file). */
export function convertedQatMode(
  trained: TrainedModel,
  run: QatRun,
  data: MnistDataset,
  simulate: Simulator = referenceSimulator,
): ConvertedMode {
  return {
    mode: 'qat',
    recipe: run.converted.recipe,
    bytes: run.converted.bytes,
    gzipSize: gzipBytes(run.converted.bytes),
    convertSeconds: run.converted.convertSeconds,
    simulated: simulate(run.converted.graph, data.test),
    layers: weightLayers(modelToGraph(trained), run.converted.graph),
    qat: run.report,
    explanation: run.explanation,
    ...(trained.compression && { compression: trained.compression }),
  };
}

/** What a file's entry needs besides the runtime's score; the inspector's files have no simulation. */
export interface EntrySource {
  mode: string;
  /** File name inside the report's folder. */
  file: string;
  /** The file's size in bytes. */
  size: number;
  /** The file's size after gzip level 9 ({@link gzipBytes}). */
  gzipSize?: number;
  recipe?: QuantRecipe;
  convertSeconds?: number;
  simulated?: SimulatedEvaluation;
  qat?: QatReport;
  compression?: CompressionRecipe;
  algorithms?: AlgorithmReport;
}

/** The report.json entry of one file (field names are a public contract: add, never rename). */
export function modeReportEntry(
  source: EntrySource,
  run: RuntimeScore,
  extra: { runtimeSeconds?: number; tfjsPredictions?: Uint8Array; floatAgreement?: OutputAgreementReport } = {},
): ModeReport {
  const { simulated, recipe, qat, tfjsPredictions, compression } = { ...source, ...extra };
  const { mode: _mode, ...recipeFields } = recipe ?? ({} as Partial<QuantRecipe>);
  return {
    mode: source.mode,
    file: source.file,
    bytes: source.size,
    ...(source.gzipSize !== undefined && { gzip_bytes: source.gzipSize }),
    accuracy: run.accuracy,
    accuracy_engine: run.engine,
    ...(simulated && { simulated_accuracy: simulated.accuracy, simulation_engine: simulated.engine }),
    ...(simulated && run.predictions && { simulation_agreement: agreement(simulated.predictions, run.predictions) }),
    ...(tfjsPredictions && run.predictions && { tfjs_agreement: agreement(tfjsPredictions, run.predictions) }),
    latency: { median_ms: run.latency.medianMs, p90_ms: run.latency.p90Ms, samples: run.latency.samples },
    ...(source.convertSeconds !== undefined && { convert_seconds: source.convertSeconds }),
    ...(simulated && { simulation_seconds: simulated.seconds }),
    ...(extra.runtimeSeconds !== undefined && { runtime_seconds: extra.runtimeSeconds }),
    ...(recipe && { recipe: { ...recipeFields, ...qatRecipeFields(qat), ...(compression && { compression }) } }),
    ...(qat && { qat }),
    ...(source.algorithms && { algorithms: source.algorithms }),
    ...(extra.floatAgreement && { float_model_agreement: extra.floatAgreement }),
  };
}

/**
 * QAT's fields as they appeared in `recipe` before `qat` had its own field: kept there, because
 * report.json is a public contract.
 */
function qatRecipeFields(qat: QatReport | undefined): Record<string, unknown> {
  if (!qat) return {};
  return {
    calibrationMethod: 'qat-moving-average',
    calibrationSamples: 0,
    qat_epochs: qat.epochs,
    qat_learning_rate: qat.learning_rate,
    qat_batch_size: qat.batch_size,
    qat_images: qat.images,
    qat_seconds: qat.seconds,
    qat_float_accuracy: qat.float_accuracy,
    qat_simulated_accuracy: qat.simulated_accuracy,
    qat_cancelled: qat.cancelled,
    qat_summary: qat.summary,
  };
}

/**
 * Measures a converted file: scores it with `evaluate` (LiteRT.js in Node or in the runtime worker)
 * and builds its entry. The entry's mode is the converted mode unless `mode` names the row otherwise
 * (e.g. 'int8-mixed': an int8 file with layers kept in float); the file name is `<mode>.tflite` unless
 * `file` says otherwise.
 */
export async function measureMode(
  converted: ConvertedMode,
  evaluate: (bytes: Uint8Array) => Promise<RuntimeMeasurement>,
  options: { mode?: string; file?: string; tfjsPredictions?: Uint8Array } = {},
): Promise<MeasuredMode> {
  const started = Date.now();
  const run = await evaluate(converted.bytes);
  const mode = options.mode ?? converted.mode;
  const entry = modeReportEntry(
    {
      ...converted,
      mode,
      file: options.file ?? `${mode}.tflite`,
      size: converted.bytes.length,
      gzipSize: converted.gzipSize,
    },
    run,
    { runtimeSeconds: (Date.now() - started) / 1000, tfjsPredictions: options.tfjsPredictions },
  );
  return {
    entry,
    bytes: converted.bytes,
    layers: converted.layers,
    simulatedPredictions: converted.simulated.predictions,
    runtimePredictions: run.predictions,
    explanation: converted.explanation,
  };
}
