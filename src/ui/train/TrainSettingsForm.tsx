import { PRESETS, describePreset, type PresetId } from '../../core/model/presets';
import { TRAIN_FIELDS, type TrainSettings } from '../../core/train/settings';
import { SettingsFields } from '../common/SettingsFields';

interface Props {
  options: TrainSettings;
  onChange: (next: TrainSettings) => void;
  disabled?: boolean;
}

/** The training fields after the model choice, in form order. */
const TUNING_FIELDS = ['epochs', 'batchSize', 'learningRate', 'trainLimit', 'seed', 'optimizer'] as const;

const TEST_IDS: Partial<Record<keyof TrainSettings, string>> = {
  preset: 'preset-select',
  ...Object.fromEntries(TUNING_FIELDS.map((k) => [k, `setting-${k}`])),
};

const PRESET_NAMES = { preset: (id: string) => PRESETS[id as PresetId].name };

/** Controlled form for the training settings, over their declarations (TRAIN_FIELDS). */
export function TrainSettingsForm({ options, onChange, disabled }: Props) {
  const info = describePreset(PRESETS[options.preset]);
  const common = { group: TRAIN_FIELDS, values: options, onChange, testIds: TEST_IDS };
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <SettingsFields {...common} fields={['preset']} optionLabels={PRESET_NAMES} />
      <p className="hint" data-testid="preset-info">
        {PRESETS[options.preset].blurb} <strong>{info.params.toLocaleString('en-US')}</strong> parameters,{' '}
        <strong>{(info.float32Bytes / 1024).toFixed(1)} KiB</strong> of float32 weights.
      </p>
      <SettingsFields {...common} fields={TUNING_FIELDS} />
    </fieldset>
  );
}
