import { COMPRESS_FIELDS, type CompressTuning } from '../../core/compress/compress-fields';
import { DEFAULT_TARGET_ID, parseTarget } from '../../core/deploy/targets';
import { DEFAULT_QUANT_MODES, isQuantMode, type QuantMode } from '../../core/modes/lab-modes';
import { DEFAULT_QAT_TUNING, QAT_FIELDS, type QatTuning } from '../../core/qat/qat-settings';
import { RECIPE_FIELDS, type QuantRecipe, type RecipeSettings } from '../../core/quant/recipe';
import {
  defaultsOf,
  fieldProblems,
  groupFromQuery,
  groupToQuery,
  validateGroup,
  type FieldProblem,
} from '../../core/settings/fields';
import { DEFAULT_TRAIN_SETTINGS, TRAIN_FIELDS, type TrainSettings } from '../../core/train/settings';
import type { BackendPreference } from '../../backends/select-backend';
import { DEFAULT_COMPRESS_FORM } from '../compress/compress-form';

export type { BackendPreference };
export const BACKEND_PREFERENCES: BackendPreference[] = ['auto', 'webgpu', 'wasm', 'cpu'];

/**
 * Everything the learner chose, and nothing computed: serializable, round-trips through the URL
 * (TensorFlow Playground's habit), so a link reproduces a lab. Results live elsewhere, keyed by it.
 */
export interface LabState {
  train: TrainSettings;
  backend: BackendPreference;
  quant: QuantSettings;
  /** Quantization-aware fine-tuning (its batch size, seed and subset follow the training settings). */
  qat: QatTuning;
  /** Deployment target id (src/core/deploy/targets.ts): a board, or custom:RAM_KB:FLASH_KB. */
  deployTarget: string;
  /** The prune-and-cluster form (its defaults are the panel's, see compress-form.ts). */
  compress: CompressTuning;
}

/** The recipe minus its mode, plus which modes to run (mode 'qat' is added by the QAT panel). */
export type QuantSettings = RecipeSettings & { modes: QuantMode[] };

export const DEFAULT_QUANT_SETTINGS: QuantSettings = { ...defaultsOf(RECIPE_FIELDS), modes: [...DEFAULT_QUANT_MODES] };

export const DEFAULT_LAB_STATE: LabState = {
  train: DEFAULT_TRAIN_SETTINGS,
  backend: 'auto',
  quant: DEFAULT_QUANT_SETTINGS,
  qat: DEFAULT_QAT_TUNING,
  deployTarget: DEFAULT_TARGET_ID,
  compress: DEFAULT_COMPRESS_FORM,
};

/** The recipe for one mode under these settings. */
export function recipeFor(settings: QuantSettings, mode: QuantMode): QuantRecipe {
  const { modes: _modes, ...recipe } = settings;
  return { ...recipe, mode };
}

/** Problems with quantization settings (empty when valid). */
export function validateQuantSettings(q: QuantSettings): string[] {
  return validateGroup(RECIPE_FIELDS, q);
}

/** The same checks as data, for the page to write in its language. */
export function quantSettingsProblems(q: QuantSettings): FieldProblem[] {
  return fieldProblems(RECIPE_FIELDS, q);
}

/** Problems with the QAT settings (empty when valid). */
export function validateQatTuning(q: QatTuning): string[] {
  return validateGroup(QAT_FIELDS, q);
}

/** The same checks as data, for the page to write in its language. */
export function qatTuningProblems(q: QatTuning): FieldProblem[] {
  return fieldProblems(QAT_FIELDS, q);
}

/** Encodes the state as URL search parameters (only the fields that differ from the defaults). */
export function stateToQuery(state: LabState): string {
  const p = new URLSearchParams();
  groupToQuery(TRAIN_FIELDS, state.train, p);
  if (state.backend !== DEFAULT_LAB_STATE.backend) p.set('backend', state.backend);
  groupToQuery(RECIPE_FIELDS, state.quant, p);
  if (state.quant.modes.join(',') !== DEFAULT_QUANT_SETTINGS.modes.join(','))
    p.set('modes', state.quant.modes.join(','));
  groupToQuery(QAT_FIELDS, state.qat, p);
  if (state.deployTarget !== DEFAULT_TARGET_ID) p.set('target', state.deployTarget);
  groupToQuery(COMPRESS_FIELDS, state.compress, p, DEFAULT_COMPRESS_FORM);
  return p.toString();
}

/** Decodes URL search parameters; an invalid value keeps its default (a shared link never breaks the page). */
export function stateFromQuery(query: string): LabState {
  const p = new URLSearchParams(query);
  const backend = p.get('backend') as BackendPreference | null;
  const modes = p.get('modes')?.split(',').filter(isQuantMode);
  return {
    train: groupFromQuery(TRAIN_FIELDS, p),
    backend: backend && BACKEND_PREFERENCES.includes(backend) ? backend : 'auto',
    quant: {
      ...groupFromQuery(RECIPE_FIELDS, p),
      modes: modes && modes.length > 0 ? modes : DEFAULT_QUANT_SETTINGS.modes,
    },
    qat: groupFromQuery(QAT_FIELDS, p),
    deployTarget: targetFromQuery(p.get('target')),
    compress: groupFromQuery(COMPRESS_FIELDS, p, DEFAULT_COMPRESS_FORM),
  };
}

/** A valid target id from the URL, or the default. */
function targetFromQuery(id: string | null): string {
  try {
    return id ? parseTarget(id).id : DEFAULT_TARGET_ID;
  } catch {
    return DEFAULT_TARGET_ID;
  }
}
