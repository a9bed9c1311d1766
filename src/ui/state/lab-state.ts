import { isPresetId } from '../../core/model/presets';
import { DEFAULT_TRAIN_SETTINGS, validateTrainSettings, type OptimizerName, type TrainSettings } from '../../core/train/settings';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm' | 'cpu';
export const BACKEND_PREFERENCES: BackendPreference[] = ['auto', 'webgpu', 'wasm', 'cpu'];

/**
 * Everything the learner chose, and nothing computed: serializable, round-trips through the URL
 * (TensorFlow Playground's habit), so a link reproduces a lab. Results live elsewhere, keyed by it.
 */
export interface LabState {
  train: TrainSettings;
  backend: BackendPreference;
}

export const DEFAULT_LAB_STATE: LabState = { train: DEFAULT_TRAIN_SETTINGS, backend: 'auto' };

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
  return { train: safeTrain, backend: backend && BACKEND_PREFERENCES.includes(backend) ? backend : 'auto' };
}
