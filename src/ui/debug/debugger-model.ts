/**
 * The per-layer debugger's decisions, without React: what a finished analysis flags, which layers
 * are kept in float, and the mixed-precision recipe to export. Pure. (Which modes it analyses and
 * which honour keep-in-float is declared with the lab modes, src/core/modes/lab-modes.ts.)
 */
import type { LayerError } from '../../core/debug/layer-errors';
import { supportsKeepFloat, type QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';
import { rmseOverScalePoints, type RmseOverScalePoint } from './layer-format';

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
    selective: supportsKeepFloat(analysis.mode),
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
