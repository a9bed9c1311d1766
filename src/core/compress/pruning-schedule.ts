/**
 * Pruning schedules as TFMOT defines them (tensorflow/model-optimization,
 * tensorflow_model_optimization/python/core/sparsity/keras/pruning_schedule.py): data only, evaluated per
 * optimizer step. The constants (power 3, frequency 100, end step -1 meaning "never stop") are TFMOT's defaults.
 */

/** TFMOT `PolynomialDecay`: sparsity rises from `initialSparsity` to `finalSparsity` between begin and end step. */
export interface PolynomialDecaySchedule {
  kind: 'polynomial';
  initialSparsity: number;
  finalSparsity: number;
  /** First optimizer step (0-based) at which the mask is updated. */
  beginStep: number;
  /** Last step of the ramp; after it the sparsity stays at `finalSparsity` (and the mask stops changing). */
  endStep: number;
  /** TFMOT default 3: most of the pruning happens early, when the network can still recover. */
  power: number;
  /** The mask is updated every `frequency` steps (TFMOT default 100). */
  frequency: number;
}

/** TFMOT `ConstantSparsity`: one target from `beginStep` on; `endStep` -1 keeps updating the mask forever. */
export interface ConstantSparsitySchedule {
  kind: 'constant';
  targetSparsity: number;
  beginStep: number;
  endStep: number;
  frequency: number;
}

export type PruningSchedule = PolynomialDecaySchedule | ConstantSparsitySchedule;

/** TFMOT's defaults for the arguments it lets you omit. */
export const TFMOT_SCHEDULE_DEFAULTS = { power: 3, frequency: 100, constantEndStep: -1 } as const;

/** Target sparsity at `step` (fraction of weights that are zero); 0 before the schedule begins. */
export function scheduledSparsity(schedule: PruningSchedule, step: number): number {
  if (schedule.kind === 'constant') return step >= schedule.beginStep ? schedule.targetSparsity : 0;
  if (step < schedule.beginStep) return 0;
  const span = schedule.endStep - schedule.beginStep;
  const p = span <= 0 ? 1 : Math.min(1, Math.max(0, (step - schedule.beginStep) / span));
  const { initialSparsity: s0, finalSparsity: s1 } = schedule;
  return s1 + (s0 - s1) * (1 - p) ** schedule.power;
}

/**
 * TFMOT's `_should_prune_in_step`: inside [beginStep, endStep] (endStep -1: no end) and on a multiple of
 * `frequency` steps after beginStep.
 */
export function isPruningStep(schedule: PruningSchedule, step: number): boolean {
  const inRange = step >= schedule.beginStep && (schedule.endStep === -1 || step <= schedule.endStep);
  return inRange && (step - schedule.beginStep) % schedule.frequency === 0;
}

/** Human-readable problems with a schedule (empty when valid). */
export function validateSchedule(s: PruningSchedule): string[] {
  const problems: string[] = [];
  const fraction = (v: number, name: string) => {
    if (!(v >= 0 && v < 1)) problems.push(`${name} must be at least 0 and below 1 (got ${v})`);
  };
  if (s.kind === 'polynomial') {
    fraction(s.initialSparsity, 'initial sparsity');
    fraction(s.finalSparsity, 'final sparsity');
    if (s.finalSparsity < s.initialSparsity) problems.push('final sparsity must not be below the initial sparsity');
    if (!(s.endStep > s.beginStep)) problems.push(`end step (${s.endStep}) must be after begin step (${s.beginStep})`);
    if (!(s.power > 0)) problems.push(`power must be positive (got ${s.power})`);
  } else {
    fraction(s.targetSparsity, 'target sparsity');
    if (s.endStep !== -1 && s.endStep < s.beginStep) problems.push('end step must be -1 or not before begin step');
  }
  if (!Number.isInteger(s.beginStep) || s.beginStep < 0) problems.push('begin step must be an integer of at least 0');
  if (!Number.isInteger(s.frequency) || s.frequency < 1) problems.push('frequency must be a positive integer');
  return problems;
}
