/**
 * The wizard's repairs: when a measured mode loses more accuracy than the learner tolerates, which kind of
 * drop it is and which post-training algorithm addresses it, as a recipe change that can be run. Pure; the
 * rules are checked in order and each fires at most once per mode:
 *   1. one layer to blame (the per-layer debugger flags exactly one op)  -> keep that op in float;
 *   2. per-tensor weights in a model with depthwise convolutions         -> cross-layer equalization
 *      (Nagel et al. 2019: depthwise channel ranges differ by orders of magnitude, one scale cannot fit all);
 *   3. a systematic output shift (the debugger's mean error dominates) -> bias correction (same paper, 4.2);
 *   4. fewer than 8 weight bits, per-tensor                             -> per-channel scales;
 *      fewer than 8 weight bits, already per-channel                    -> AdaRound (Nagel et al. 2020).
 */
import type { LayerError } from '../debug/layer-errors';
import { QUANT_MODES, supportsKeepFloat, type QuantMode } from '../modes/lab-modes';
import type { QuantRecipe } from '../quant/recipe';

export type RepairKind = 'keep-float' | 'cle' | 'bias-correction' | 'per-channel' | 'adaround';

/** The recipe fields the rules read (a report entry's `recipe`, or the lab's settings). */
export type RepairRecipe = Pick<
  QuantRecipe,
  'perChannel' | 'weightBits' | 'crossLayerEqualization' | 'biasCorrection' | 'adaround'
>;

export interface MeasuredForRepair {
  /** The results-table name: a mode ('int8'), or a run derived from one ('int8-cle', 'int8-mixed'). */
  mode: string;
  /** Runtime accuracy, fraction. */
  accuracy: number;
  recipe: RepairRecipe;
}

export interface RepairInput {
  /** The float model's accuracy, fraction. */
  floatAccuracy: number;
  /** Largest acceptable drop, in percentage points. */
  tolerancePoints: number;
  measured: readonly MeasuredForRepair[];
  /** The model has DEPTHWISE_CONV_2D layers. */
  hasDepthwise: boolean;
  /** The per-layer debugger's rows, and the mode they were measured for. */
  debugger?: { mode: string; rows: readonly LayerError[] };
}

export interface RepairProposal {
  kind: RepairKind;
  /** The mode whose drop this repairs; running the proposal re-measures it. */
  mode: string;
  /** Its drop against float, in percentage points. */
  dropPoints: number;
  /** What to change in the recipe (keep-float: the keepFloat list; run as `${mode}-mixed`). */
  patch: Partial<QuantRecipe>;
  /** keep-float: the op to keep (its layer name). */
  layer?: string;
  /** The weight bits the proposal is about. */
  bits: number;
}

/**
 * A layer's error is a "systematic bias" when the squared mean error is at least this share of its mean
 * squared error (mean^2 / (mean^2 + var) >= 0.25, i.e. |mean| >= stddev / sqrt(3)).
 */
export const BIAS_SHARE = 0.25;

/** The quantization mode a results-table name was made with: the longest mode name it starts with. */
export function baseMode(name: string): QuantMode | undefined {
  return [...QUANT_MODES].sort((a, b) => b.length - a.length).find((m) => name === m || name.startsWith(`${m}-`));
}

/** The results-table name a proposal's run is measured under: '<mode>-mixed' for keep-float, else '<mode>-<kind>'. */
export function repairRunName(p: Pick<RepairProposal, 'kind' | 'mode'>): string {
  const base = baseMode(p.mode) ?? p.mode;
  return p.kind === 'keep-float' ? `${base}-mixed` : `${p.mode}-${p.kind}`;
}

function biased(rows: readonly LayerError[]): boolean {
  return rows.some(
    (r) =>
      r.quantized &&
      r.weightDtype !== undefined &&
      r.meanSquaredError > 0 &&
      r.meanError ** 2 / r.meanSquaredError >= BIAS_SHARE,
  );
}

/** Proposals for every measured mode that drops more than the tolerance, worst drop first. */
export function proposeRepairs(input: RepairInput): RepairProposal[] {
  const out: RepairProposal[] = [];
  const measured = [...input.measured].sort((a, b) => a.accuracy - b.accuracy);
  for (const m of measured) {
    const mode = baseMode(m.mode);
    if (!mode || mode === 'float32' || mode === 'float16') continue;
    const dropPoints = (input.floatAccuracy - m.accuracy) * 100;
    if (dropPoints <= input.tolerancePoints) continue;
    const base = { mode: m.mode, dropPoints, bits: m.recipe.weightBits };
    const rows = input.debugger?.mode === m.mode ? input.debugger.rows : undefined;
    const flagged = rows?.filter((r) => r.flagged) ?? [];
    if (flagged.length === 1 && supportsKeepFloat(mode)) {
      out.push({ ...base, kind: 'keep-float', patch: { keepFloat: [flagged[0].tensorName] }, layer: flagged[0].layer });
    }
    if (!m.recipe.perChannel && input.hasDepthwise && !m.recipe.crossLayerEqualization) {
      out.push({ ...base, kind: 'cle', patch: { crossLayerEqualization: true } });
    }
    if (rows && biased(rows) && !m.recipe.biasCorrection) {
      out.push({ ...base, kind: 'bias-correction', patch: { biasCorrection: true } });
    }
    if (m.recipe.weightBits < 8) {
      if (!m.recipe.perChannel)
        out.push({ ...base, kind: 'per-channel', patch: { perChannel: true, fcPerChannel: true } });
      else if (!m.recipe.adaround) out.push({ ...base, kind: 'adaround', patch: { adaround: true } });
    }
  }
  return out;
}
