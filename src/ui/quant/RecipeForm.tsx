import { useTranslation } from 'react-i18next';
import { useMessages } from '../i18n/use-messages';
import { QUANT_MODES, needsCalibration, type QuantMode } from '../../core/modes/lab-modes';
import { RECIPE_FIELDS, type CalibrationMethod, type RecipeSettings } from '../../core/quant/recipe';
import { SettingsFields } from '../common/SettingsFields';
import type { QuantSettings } from '../state/lab-state';

interface Props {
  options: QuantSettings;
  onChange: (next: QuantSettings) => void;
  disabled?: boolean;
}

const TEST_IDS: Partial<Record<keyof RecipeSettings, string>> = {
  calibrationSamples: 'calibration-samples',
  calibrationMethod: 'calibration-method',
  perChannel: 'per-channel',
  fcPerChannel: 'fc-per-channel',
  dynamicMinElements: 'dynamic-min-elements',
  weightBits: 'weight-bits',
  crossLayerEqualization: 'recipe-cle',
  biasCorrection: 'recipe-bias-correction',
  adaround: 'recipe-adaround',
};

/** The recipe fields shown: all declared ones, the percentile only for percentile calibration. */
function shownFields(options: QuantSettings): (keyof RecipeSettings)[] {
  const all = Object.keys(RECIPE_FIELDS) as (keyof RecipeSettings)[];
  return all.filter((k) => k !== 'percentile' || options.calibrationMethod === 'percentile');
}

/** Controlled form: which modes to export and the quantization recipe they share (RECIPE_FIELDS). */
export function RecipeForm({ options, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const m = useMessages();
  const calibrated = options.modes.some(needsCalibration);
  return (
    <fieldset className="recipe" disabled={disabled}>
      <ModeChoices modes={options.modes} onChange={(modes) => onChange({ ...options, modes })} />
      <div className="form-grid">
        <SettingsFields<RecipeSettings>
          group={RECIPE_FIELDS}
          values={options}
          onChange={(recipe) => onChange({ ...options, ...recipe })}
          fields={shownFields(options)}
          testIds={TEST_IDS}
          texts={m.fields.recipe}
          optionLabels={{ calibrationMethod: (o) => m.fieldOptions.calibrationMethod[o as CalibrationMethod] ?? o }}
          disabled={{ calibrationSamples: !calibrated, calibrationMethod: !calibrated }}
        />
      </div>
      <p className="hint">{t('quant.recipeHint')}</p>
    </fieldset>
  );
}

/** One checkbox per post-training mode, in the declared order. */
function ModeChoices({ modes, onChange }: { modes: QuantMode[]; onChange: (modes: QuantMode[]) => void }) {
  const { t } = useTranslation();
  const m = useMessages();
  const toggle = (mode: QuantMode, on: boolean) =>
    onChange(QUANT_MODES.filter((m) => (m === mode ? on : modes.includes(m))));
  return (
    <div className="mode-list" role="group" aria-label={t('quant.modesAria')}>
      {QUANT_MODES.map((mode) => (
        <label key={mode} className="mode-choice" title={m.modes[mode].description}>
          <input
            type="checkbox"
            data-testid={`mode-${mode}`}
            checked={modes.includes(mode)}
            onChange={(e) => toggle(mode, e.target.checked)}
          />
          <span>
            <strong>{m.modes[mode].title}</strong>
            <br />
            <span className="hint">{m.modes[mode].description}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
