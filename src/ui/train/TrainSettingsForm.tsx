import { PRESETS, describePreset, type PresetId } from '../../core/model/presets';
import { TRAIN_FIELDS, type TrainSettings } from '../../core/train/settings';
import { SettingsFields } from '../common/SettingsFields';
import { formatNumberFixed } from '../i18n/locale';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';

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

/** Controlled form for the training settings, over their declarations (TRAIN_FIELDS). */
export function TrainSettingsForm({ options, onChange, disabled }: Props) {
  const m = useMessages();
  const info = describePreset(PRESETS[options.preset]);
  const common = { group: TRAIN_FIELDS, values: options, onChange, testIds: TEST_IDS, texts: m.fields.train };
  const presetNames = { preset: (id: string) => m.presets[id as PresetId].name };
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <SettingsFields {...common} fields={['preset']} optionLabels={presetNames} />
      <p className="hint" data-testid="preset-info">
        <Rich
          k="train.presetInfo"
          values={{
            blurb: m.presets[options.preset].blurb,
            params: formatNumberFixed(info.params, 0),
            kib: formatNumberFixed(info.float32Bytes / 1024, 1),
          }}
        />
      </p>
      <SettingsFields {...common} fields={TUNING_FIELDS} />
    </fieldset>
  );
}
