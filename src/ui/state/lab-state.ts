import { DEFAULT_TARGET_ID, parseTarget } from '../../core/deploy/targets';
import { isPresetId } from '../../core/model/presets';
import {
  CALIBRATION_METHODS,
  DEFAULT_RECIPE,
  QUANT_MODES,
  isQuantMode,
  type CalibrationMethod,
  type QuantMode,
  type QuantRecipe,
} from '../../core/quant/recipe';
import {
  DEFAULT_TRAIN_SETTINGS,
  validateTrainSettings,
  type OptimizerName,
  type TrainSettings,
} from '../../core/train/settings';

import type { BackendPreference } from '../../backends/select-backend';

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
  qat: QatUiSettings;
  /** Deployment target id (src/core/deploy/targets.ts): a board, or custom:RAM_KB:FLASH_KB. */
  deployTarget: string;
}

export interface QatUiSettings {
  epochs: number;
  learningRate: number;
}

export const DEFAULT_QAT_UI: QatUiSettings = { epochs: 1, learningRate: 2e-4 };

/** The quantization recipe minus its mode, plus which modes to run (mode 'qat' is added by the QAT panel). */
export type QuantSettings = Omit<QuantRecipe, 'mode' | 'keepFloat'> & { modes: QuantMode[] };

export const DEFAULT_QUANT_SETTINGS: QuantSettings = (() => {
  const { mode: _mode, ...recipe } = DEFAULT_RECIPE;
  return { ...recipe, modes: [...QUANT_MODES] };
})();

export const DEFAULT_LAB_STATE: LabState = {
  train: DEFAULT_TRAIN_SETTINGS,
  backend: 'auto',
  quant: DEFAULT_QUANT_SETTINGS,
  qat: DEFAULT_QAT_UI,
  deployTarget: DEFAULT_TARGET_ID,
};

/** The recipe for one mode under these settings. */
export function recipeFor(settings: QuantSettings, mode: QuantMode): QuantRecipe {
  const { modes: _modes, ...recipe } = settings;
  return { ...recipe, mode };
}

const QUANT_KEYS = {
  calibrationSamples: 'cal',
  calibrationMethod: 'calm',
  percentile: 'pct',
  perChannel: 'pc',
  fcPerChannel: 'fcpc',
  dynamicMinElements: 'dynmin',
} as const;

/** Problems with quantization settings (empty when valid). */
export function validateQuantSettings(q: QuantSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(q.calibrationSamples) || q.calibrationSamples < 1 || q.calibrationSamples > 5000) {
    problems.push(`calibration images must be an integer from 1 to 5000 (got ${q.calibrationSamples})`);
  }
  if (!(q.percentile > 50 && q.percentile <= 100))
    problems.push(`percentile must be in (50, 100] (got ${q.percentile})`);
  if (!Number.isInteger(q.dynamicMinElements) || q.dynamicMinElements < 0)
    problems.push('the dynamic-range threshold must be a whole number of weights');
  if (!CALIBRATION_METHODS.includes(q.calibrationMethod))
    problems.push(`unknown calibration method ${q.calibrationMethod}`);
  return problems;
}

const KEYS: Record<keyof TrainSettings, string> = {
  preset: 'preset',
  epochs: 'epochs',
  batchSize: 'batch',
  learningRate: 'lr',
  optimizer: 'opt',
  trainLimit: 'limit',
  seed: 'seed',
};

/** Encodes the state as URL search parameters (only the fields that differ from the defaults). */
export function stateToQuery(state: LabState): string {
  const p = new URLSearchParams();
  for (const [field, key] of Object.entries(KEYS) as [keyof TrainSettings, string][]) {
    if (state.train[field] !== DEFAULT_TRAIN_SETTINGS[field]) p.set(key, String(state.train[field]));
  }
  if (state.backend !== DEFAULT_LAB_STATE.backend) p.set('backend', state.backend);
  for (const [field, key] of Object.entries(QUANT_KEYS) as [keyof typeof QUANT_KEYS, string][]) {
    if (state.quant[field] !== DEFAULT_QUANT_SETTINGS[field]) p.set(key, String(state.quant[field]));
  }
  if (state.quant.modes.join(',') !== DEFAULT_QUANT_SETTINGS.modes.join(','))
    p.set('modes', state.quant.modes.join(','));
  if (state.qat.epochs !== DEFAULT_QAT_UI.epochs) p.set('qe', String(state.qat.epochs));
  if (state.qat.learningRate !== DEFAULT_QAT_UI.learningRate) p.set('qlr', String(state.qat.learningRate));
  if (state.deployTarget !== DEFAULT_TARGET_ID) p.set('target', state.deployTarget);
  return p.toString();
}

/** Decodes URL search parameters, ignoring anything invalid (a shared link never breaks the page). */
export function stateFromQuery(query: string): LabState {
  const p = new URLSearchParams(query);
  const train: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS };
  const num = (key: string) => (p.has(key) ? Number(p.get(key)) : undefined);
  const preset = p.get(KEYS.preset);
  if (preset && isPresetId(preset)) train.preset = preset;
  const opt = p.get(KEYS.optimizer);
  if (opt) train.optimizer = opt as OptimizerName;
  for (const field of ['epochs', 'batchSize', 'learningRate', 'trainLimit', 'seed'] as const) {
    const v = num(KEYS[field]);
    if (v !== undefined && Number.isFinite(v)) train[field] = v;
  }
  const safeTrain = validateTrainSettings(train).length === 0 ? train : DEFAULT_TRAIN_SETTINGS;
  const backend = p.get('backend') as BackendPreference | null;
  return {
    train: safeTrain,
    backend: backend && BACKEND_PREFERENCES.includes(backend) ? backend : 'auto',
    quant: quantFromQuery(p),
    qat: qatFromQuery(p),
    deployTarget: targetFromQuery(p.get('target')),
  };
}

function targetFromQuery(id: string | null): string {
  try {
    return id ? parseTarget(id).id : DEFAULT_TARGET_ID;
  } catch {
    return DEFAULT_TARGET_ID;
  }
}

/** Problems with the QAT settings (empty when valid). */
export function validateQatUi(q: QatUiSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(q.epochs) || q.epochs < 1 || q.epochs > 20)
    problems.push(`QAT epochs must be an integer from 1 to 20 (got ${q.epochs})`);
  if (!(q.learningRate > 0 && q.learningRate <= 0.1))
    problems.push(`QAT learning rate must be in (0, 0.1] (got ${q.learningRate})`);
  return problems;
}

function qatFromQuery(p: URLSearchParams): QatUiSettings {
  const q = { ...DEFAULT_QAT_UI };
  if (p.has('qe')) q.epochs = Number(p.get('qe'));
  if (p.has('qlr')) q.learningRate = Number(p.get('qlr'));
  return validateQatUi(q).length === 0 ? q : DEFAULT_QAT_UI;
}

function quantFromQuery(p: URLSearchParams): QuantSettings {
  const q: QuantSettings = { ...DEFAULT_QUANT_SETTINGS };
  const num = (key: string) => (p.has(key) ? Number(p.get(key)) : undefined);
  for (const field of ['calibrationSamples', 'percentile', 'dynamicMinElements'] as const) {
    const v = num(QUANT_KEYS[field]);
    if (v !== undefined && Number.isFinite(v)) q[field] = v;
  }
  for (const field of ['perChannel', 'fcPerChannel'] as const) {
    const v = p.get(QUANT_KEYS[field]);
    if (v === 'true' || v === 'false') q[field] = v === 'true';
  }
  const method = p.get(QUANT_KEYS.calibrationMethod);
  if (method && CALIBRATION_METHODS.includes(method as CalibrationMethod))
    q.calibrationMethod = method as CalibrationMethod;
  const modes = p.get('modes')?.split(',').filter(isQuantMode);
  if (modes && modes.length > 0) q.modes = modes;
  return validateQuantSettings(q).length === 0 ? q : DEFAULT_QUANT_SETTINGS;
}
