/**
 * Every mode of a model whose inputs are not MNIST, on images without labels (the user's own): each
 * file is calibrated on the images (a few at a time, see calibrationChunkSize), written, run by the
 * runtime, and scored by its agreement with the float model (top-1 agreement, output SNR in dB) in
 * report.json's `float_model_agreement`; `accuracy` is null (NaN) because there are no labels. A mode the
 * runtime runs on slow kernels is scored on the first images only (runtime-subset.ts), and its
 * `float_model_agreement.images` says how many.
 */
import { gzipBytes } from '../compress/gzip-size';
import { problemOf, type CodedProblem } from '../errors/coded-error';
import { agreementAccumulator, agreementReport } from '../eval/output-agreement';
import type { Graph } from '../graph/graph';
import { modelToGraph } from '../graph/model-to-graph';
import type { ModelWeights } from '../model/trained-model';
import { needsCalibration, type QuantMode } from '../modes/lab-modes';
import { calibrate, type CalibrationStats } from '../quant/calibrate';
import { quantizeGraph } from '../quant/quantize-graph';
import type { QuantRecipe, RecipeSettings } from '../quant/recipe';
import type { ModeReport } from '../report/report';
import { writeTflite } from '../tflite/write-tflite';
import { convertModel, type ConvertedModel } from './convert';
import { modeReportEntry } from './measure-mode';
import { runtimeImageCount } from './runtime-subset';

/** The runtime's outputs for `count` images and how long each run took (ms). */
export interface RuntimeOutputs {
  outputs: Float32Array;
  msPerImage: number[];
  engine: string;
}

/** Images without labels, [count, ...shape] floats as the model takes them (src/core/import/npy.ts reads them). */
export interface UnlabelledImages {
  count: number;
  shape: number[];
  values: Float32Array;
}

export const UNLABELLED_ENGINE = 'no labels: scored by agreement with the float model (float_model_agreement)';

/**
 * One mode's outcome: its report entry and file, or the sentence saying why it could not be made or run (with the
 * error's coded problem, e.g. a LiteRtError's, so the page writes it in its language).
 */
export type UnlabelledOutcome =
  | { mode: QuantMode; entry: ModeReport; bytes: Uint8Array }
  | { mode: QuantMode; error: string; problem?: CodedProblem };

/** Where a page's unlabelled run stands: the float reference (images done), or mode `index` of `total`. */
export type UnlabelledStep =
  | { stage: 'reference'; done: number; total: number }
  | { stage: 'convert' | 'run'; mode: QuantMode; index: number; total: number; images?: number };

/** Optional seams: an accelerated calibrator, progress, cancel. */
export interface UnlabelledHooks {
  /**
   * Calibration stats of the float graph on the first `count` images, or undefined to use the reference
   * calibrate (e.g. an accelerated min/max twin). Called once per calibration grid: modes share the ranges.
   */
  calibrate?: (
    floatGraph: Graph,
    images: Float32Array,
    count: number,
    recipe: QuantRecipe,
  ) => CalibrationStats | undefined;
  /** Images (the first ones) the runtime runs `mode` on; default runtimeImageCount (a subset for slow modes). */
  runtimeImages?: (mode: QuantMode, floatGraph: Graph, count: number) => number;
  /** Told before each stage of each mode; 'run' with the number of images the runtime runs. */
  onStep?: (mode: QuantMode, what: 'convert' | 'run', index: number, total: number, images?: number) => void;
  /** Checked between modes: true stops the run (the modes done so far are kept). */
  shouldCancel?: () => boolean;
}

function latency(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { medianMs: at(0.5), p90Ms: at(0.9), samples: s.length };
}

const referenceCalibrate = (graph: Graph, images: Float32Array, count: number, recipe: QuantRecipe) =>
  calibrate(graph, images, count, recipe.calibrationMethod, {
    percentile: recipe.percentile,
    grid: recipe.mode === 'int16x8' ? 'int16' : 'int8',
  });

/** Images the modes calibrate on: the recipe's calibration samples, at most the images there are. */
export function unlabelledCalibrationCount(recipe: RecipeSettings, count: number): number {
  return Math.min(recipe.calibrationSamples, count);
}

/**
 * Whether the modes share one min/max calibration of the float graph (the default recipe), which a caller
 * can then measure in the same pass as the float reference (hooks.calibrate returns it).
 */
export function sharesMinMaxCalibration(recipe: RecipeSettings): boolean {
  return recipe.calibrationMethod === 'minmax' && !changesGraph(recipe);
}

/** Recipes whose float graph is changed with the images (CLE, bias correction, AdaRound) calibrate per mode. */
function changesGraph(recipe: RecipeSettings): boolean {
  return !!(recipe.crossLayerEqualization || recipe.biasCorrection || recipe.adaround);
}

/**
 * Converts `model` into each mode and scores every file against `reference` (the float model's outputs
 * on the same images, [count, classes]). Yields each mode's outcome as it is done; a mode that fails
 * (a runtime that cannot allocate it) yields its sentence and the others still run.
 */
export async function* runUnlabelledModes(
  model: ModelWeights,
  images: UnlabelledImages,
  reference: Float32Array,
  modes: readonly QuantMode[],
  recipe: RecipeSettings,
  run: (bytes: Uint8Array, inputs: Float32Array, count: number, mode: QuantMode) => Promise<RuntimeOutputs>,
  hooks: UnlabelledHooks = {},
): AsyncGenerator<UnlabelledOutcome> {
  if (images.count === 0) throw new Error('no calibration images');
  const classes = reference.length / images.count;
  const floatGraph = modelToGraph(model);
  const samples = unlabelledCalibrationCount(recipe, images.count);
  const perImage = images.values.length / images.count;
  const calibrator = (graph: Graph, values: Float32Array, count: number, r: QuantRecipe) =>
    hooks.calibrate?.(graph, values, count, r) ?? referenceCalibrate(graph, values, count, r);
  // Ranges depend on the grid only for the MSE method (int16x8 searches on its own grid).
  const statsByGrid = new Map<string, CalibrationStats>();
  const convert = (mode: QuantMode): ConvertedModel => {
    const modeRecipe: QuantRecipe = { ...recipe, mode, calibrationSamples: samples };
    if (changesGraph(recipe)) return convertModel(model, modeRecipe, images.values, floatGraph);
    const started = Date.now();
    let stats: CalibrationStats | undefined;
    if (needsCalibration(mode)) {
      const grid = recipe.calibrationMethod === 'mse' && mode === 'int16x8' ? 'int16' : 'int8';
      stats = statsByGrid.get(grid) ?? calibrator(floatGraph, images.values, samples, modeRecipe);
      statsByGrid.set(grid, stats);
    }
    const graph = quantizeGraph(floatGraph, stats, modeRecipe);
    const bytes = writeTflite(graph);
    return { recipe: modeRecipe, graph, bytes, stats, convertSeconds: (Date.now() - started) / 1000 };
  };
  for (const [index, mode] of modes.entries()) {
    if (hooks.shouldCancel?.()) return;
    try {
      hooks.onStep?.(mode, 'convert', index, modes.length);
      const converted = convert(mode);
      const n = Math.min(images.count, (hooks.runtimeImages ?? runtimeImageCount)(mode, floatGraph, images.count));
      hooks.onStep?.(mode, 'run', index, modes.length, n);
      const started = Date.now();
      const ran = await run(converted.bytes, images.values.subarray(0, n * perImage), n, mode);
      const acc = agreementAccumulator(classes);
      acc.add(reference.subarray(0, n * classes), ran.outputs);
      const entry = modeReportEntry(
        {
          mode,
          file: `${mode}.tflite`,
          size: converted.bytes.length,
          gzipSize: gzipBytes(converted.bytes),
          recipe: converted.recipe,
          convertSeconds: converted.convertSeconds,
        },
        { accuracy: Number.NaN, engine: UNLABELLED_ENGINE, latency: latency(ran.msPerImage) },
        { runtimeSeconds: (Date.now() - started) / 1000, floatAgreement: agreementReport(acc.result(), ran.engine) },
      );
      yield { mode, entry, bytes: converted.bytes };
    } catch (e) {
      const problem = problemOf(e);
      const error = e instanceof Error ? e.message : String(e);
      yield problem ? { mode, error, problem } : { mode, error };
    }
  }
}
