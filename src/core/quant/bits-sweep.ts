/**
 * The bit-width explorer's core: accuracy against weight bits, per granularity, simulated by the lab's own
 * integer path (convertModel + simulateModel; weights on a symmetric n-bit grid, activations int8 or int16).
 */
import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import { modelToGraph } from '../graph/model-to-graph';
import { calibrationImages, convertModel, simulateModel, type GraphRunner } from '../pipeline/convert';
import { DEFAULT_RECIPE, type QuantRecipe } from './recipe';

/** The explorer's weight bit-widths, widest first. */
export const SWEEP_WEIGHT_BITS = [8, 6, 5, 4, 3, 2] as const;

export type WeightGranularity = 'per-channel' | 'per-tensor';

export const WEIGHT_GRANULARITIES: readonly WeightGranularity[] = ['per-channel', 'per-tensor'];

export interface BitsPoint {
  bits: number;
  /** Simulated accuracy on the test images used. */
  accuracy: number;
}

export interface BitsSeries {
  granularity: WeightGranularity;
  activationBits: 8 | 16;
  points: BitsPoint[];
}

export interface SweepOptions {
  activationBits?: 8 | 16;
  bits?: readonly number[];
  /** Test images to score (default all). */
  testLimit?: number;
  /** Base recipe (calibration, algorithms); mode, bits and granularity are set by the sweep. */
  recipe?: Partial<QuantRecipe>;
  runner?: GraphRunner;
  onProgress?: (done: number, total: number) => void;
  /** Polled between points; true stops the sweep with the points measured so far. */
  shouldCancel?: () => boolean;
}

/** The recipe of one sweep point: int8 or 16x8 activations, `bits`-bit weights, conv and dense alike. */
export function sweepRecipe(base: Partial<QuantRecipe>, activationBits: 8 | 16, g: WeightGranularity, bits: number) {
  const perChannel = g === 'per-channel';
  const mode = activationBits === 16 ? 'int16x8' : 'int8';
  return { ...DEFAULT_RECIPE, ...base, mode, weightBits: bits, perChannel, fcPerChannel: perChannel } as QuantRecipe;
}

/** Accuracy against weight bits, one series per granularity. */
export function sweepWeightBits(trained: TrainedModel, data: MnistDataset, options: SweepOptions = {}): BitsSeries[] {
  const activationBits = options.activationBits ?? 8;
  const bits = options.bits ?? SWEEP_WEIGHT_BITS;
  const base = options.recipe ?? {};
  const floatGraph = modelToGraph(trained);
  const calibration = calibrationImages(
    data.train,
    base.calibrationSamples ?? DEFAULT_RECIPE.calibrationSamples,
    trained.seed,
  );
  const total = bits.length * WEIGHT_GRANULARITIES.length;
  const series: BitsSeries[] = WEIGHT_GRANULARITIES.map((granularity) => ({ granularity, activationBits, points: [] }));
  let done = 0;
  for (const s of series) {
    for (const b of bits) {
      if (options.shouldCancel?.()) return series;
      const converted = convertModel(
        trained,
        sweepRecipe(base, activationBits, s.granularity, b),
        calibration,
        floatGraph,
      );
      const sim = simulateModel(converted.graph, data.test, { limit: options.testLimit, runner: options.runner });
      s.points.push({ bits: b, accuracy: sim.accuracy });
      options.onProgress?.(++done, total);
    }
  }
  return series;
}

/** `a` with the points of `b` appended, series matched by granularity (for a sweep run one bit-width at a time). */
export function mergeSeries(a: readonly BitsSeries[], b: readonly BitsSeries[]): BitsSeries[] {
  if (a.length === 0) return b.map((s) => ({ ...s, points: [...s.points] }));
  return a.map((s) => ({
    ...s,
    points: [...s.points, ...(b.find((t) => t.granularity === s.granularity)?.points ?? [])],
  }));
}
