import { PRESETS, PRESET_IDS, describePreset, type PresetId } from '../../core/model/presets';
import type { OptimizerName, TrainSettings } from '../../core/train/settings';

interface Props {
  options: TrainSettings;
  onChange: (next: TrainSettings) => void;
  disabled?: boolean;
}

const NUMBER_FIELDS: {
  key: 'epochs' | 'batchSize' | 'learningRate' | 'trainLimit' | 'seed';
  label: string;
  min: number;
  max: number;
  step: number;
}[] = [
  { key: 'epochs', label: 'Epochs', min: 1, max: 100, step: 1 },
  { key: 'batchSize', label: 'Batch size', min: 1, max: 4096, step: 1 },
  { key: 'learningRate', label: 'Learning rate', min: 0.00001, max: 10, step: 0.0001 },
  { key: 'trainLimit', label: 'Training images', min: 1, max: 60000, step: 1 },
  { key: 'seed', label: 'Random seed', min: 0, max: 2 ** 31 - 1, step: 1 },
];

const OPTIMIZERS: OptimizerName[] = ['adam', 'sgd', 'rmsprop'];

/** Controlled form for the training settings. */
export function TrainSettingsForm({ options, onChange, disabled }: Props) {
  const info = describePreset(PRESETS[options.preset]);
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <label>
        Model
        <select
          data-testid="preset-select"
          value={options.preset}
          onChange={(e) => onChange({ ...options, preset: e.target.value as PresetId })}
        >
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {PRESETS[id].name}
            </option>
          ))}
        </select>
      </label>
      <p className="hint" data-testid="preset-info">
        {PRESETS[options.preset].blurb} <strong>{info.params.toLocaleString('en-US')}</strong> parameters,{' '}
        <strong>{(info.float32Bytes / 1024).toFixed(1)} KiB</strong> of float32 weights.
      </p>
      {NUMBER_FIELDS.map((f) => (
        <label key={f.key}>
          {f.label}
          <input
            type="number"
            data-testid={`setting-${f.key}`}
            min={f.min}
            max={f.max}
            step={f.step}
            value={options[f.key]}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (e.target.value !== '' && Number.isFinite(v)) onChange({ ...options, [f.key]: v });
            }}
          />
        </label>
      ))}
      <label>
        Optimizer
        <select
          data-testid="setting-optimizer"
          value={options.optimizer}
          onChange={(e) => onChange({ ...options, optimizer: e.target.value as OptimizerName })}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
