/**
 * The per-layer debugger's decisions, without React: which modes it analyses, which honour
 * keep-in-float, what a finished analysis flags, and the mixed-precision recipe to export. Pure.
 */
import type { LayerError } from '../../core/debug/layer-errors';
import type { QuantMode, QuantRecipe } from '../../core/quant/recipe';
import { rmseOverScalePoints, type RmseOverScalePoint } from './layer-format';

/** Modes the debugger analyses: the ones that quantize activations or weights per layer. */
export const DEBUG_MODES: readonly QuantMode[] = ['int8', 'int8-io', 'int16x8', 'dynamic'];

/** Modes whose converter honours recipe.keepFloat (selective quantization). */
const SELECTIVE_MODES: ReadonlySet<QuantMode> = new Set(['int8', 'int8-io', 'int16x8']);

/** How many test images the comparison may run on. */
export const SAMPLE_CHOICES = [100, 200, 500] as const;

/** A finished per-layer comparison. */
export interface LayerAnalysis {
  mode: QuantMode;
  samples: number;
  rows: LayerError[];
}

/** What the view shows for a finished analysis. */
export interface AnalysisSummary {
  /** The rows above the RMSE / scale flag. */
  flagged: LayerError[];
  /** Whether layers can be kept in float and the model exported again. */
  selective: boolean;
  chartPoints: RmseOverScalePoint[];
}

/** Flags, selectivity and chart rows of `analysis`. */
export function summarizeAnalysis(analysis: LayerAnalysis): AnalysisSummary {
  return {
    flagged: analysis.rows.filter((r) => r.flagged),
    selective: SELECTIVE_MODES.has(analysis.mode),
    chartPoints: rmseOverScalePoints(analysis.rows),
  };
}

/** `keep` (a set of output tensor names) with `name` ticked or unticked. */
export function toggleKeepFloat(keep: ReadonlySet<string>, name: string, on: boolean): ReadonlySet<string> {
  const next = new Set(keep);
  if (on) next.add(name);
  else next.delete(name);
  return next;
}

/**
 * The mixed-precision export: its results-table name ('int8-mixed') and `recipe` with the ticked
 * layers kept in float, in the table's op order so the recipe reads like the model. None when nothing is ticked.
 */
export function mixedExport(
  analysis: LayerAnalysis,
  keep: ReadonlySet<string>,
  recipe: QuantRecipe,
): { mode: string; recipe: QuantRecipe } | undefined {
  if (keep.size === 0) return undefined;
  const keepFloat = analysis.rows.map((r) => r.tensorName).filter((n) => keep.has(n));
  return { mode: `${analysis.mode}-mixed`, recipe: { ...recipe, keepFloat } };
}
