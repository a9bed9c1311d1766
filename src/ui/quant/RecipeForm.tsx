import { CALIBRATION_METHODS, type CalibrationMethod } from '../../core/quant/recipe';
import { LAB_MODES, QUANT_MODES, needsCalibration, type QuantMode } from '../../core/modes/lab-modes';
import type { QuantSettings } from '../state/lab-state';

interface Props {
  options: QuantSettings;
  onChange: (next: QuantSettings) => void;
  disabled?: boolean;
}

const METHOD_LABELS: Record<CalibrationMethod, string> = {
  minmax: 'min/max (what TF’s converter does)',
  percentile: 'percentile (clip rare outliers)',
  mse: 'MSE-optimal (minimise rounding + clipping error)',
};

/** Controlled form: which modes to export and the quantization recipe they share. */
export function RecipeForm({ options, onChange, disabled }: Props) {
  const toggleMode = (mode: QuantMode, on: boolean) => {
    const modes = QUANT_MODES.filter((m) => (m === mode ? on : options.modes.includes(m)));
    onChange({ ...options, modes });
  };
  const calibrated = options.modes.some(needsCalibration);
  return (
    <fieldset className="recipe" disabled={disabled}>
      <div className="mode-list" role="group" aria-label="modes">
        {QUANT_MODES.map((mode) => (
          <label key={mode} className="mode-choice" title={LAB_MODES[mode].description}>
            <input
              type="checkbox"
              data-testid={`mode-${mode}`}
              checked={options.modes.includes(mode)}
              onChange={(e) => toggleMode(mode, e.target.checked)}
            />
            <span>
              <strong>{LAB_MODES[mode].title}</strong>
              <br />
              <span className="hint">{LAB_MODES[mode].description}</span>
            </span>
          </label>
        ))}
      </div>
      <div className="form-grid">
        <label>
          Calibration images
          <input
            type="number"
            min={1}
            max={5000}
            data-testid="calibration-samples"
            value={options.calibrationSamples}
            disabled={!calibrated}
            onChange={(e) =>
              e.target.value !== '' && onChange({ ...options, calibrationSamples: Number(e.target.value) })
            }
          />
        </label>
        <label>
          Range method
          <select
            data-testid="calibration-method"
            value={options.calibrationMethod}
            disabled={!calibrated}
            onChange={(e) => onChange({ ...options, calibrationMethod: e.target.value as CalibrationMethod })}
          >
            {CALIBRATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {options.calibrationMethod === 'percentile' && (
          <label>
            Percentile
            <input
              type="number"
              min={90}
              max={100}
              step={0.001}
              value={options.percentile}
              onChange={(e) => e.target.value !== '' && onChange({ ...options, percentile: Number(e.target.value) })}
            />
          </label>
        )}
        <label className="check">
          <input
            type="checkbox"
            data-testid="per-channel"
            checked={options.perChannel}
            onChange={(e) => onChange({ ...options, perChannel: e.target.checked })}
          />
          Per-channel conv weights
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="fc-per-channel"
            checked={options.fcPerChannel}
            onChange={(e) => onChange({ ...options, fcPerChannel: e.target.checked })}
          />
          Per-channel dense weights
        </label>
        <label>
          Dynamic range: keep float below
          <input
            type="number"
            min={0}
            step={1}
            data-testid="dynamic-min-elements"
            value={options.dynamicMinElements}
            onChange={(e) =>
              e.target.value !== '' && onChange({ ...options, dynamicMinElements: Number(e.target.value) })
            }
          />
        </label>
      </div>
      <p className="hint">
        TensorFlow’s converter leaves weight tensors with fewer than 1,024 values in float in dynamic-range mode, which
        is why the tutorial’s 108-weight conv layer is “not quantized” there. Set the threshold to 0 to quantize every
        layer. Dense weights are per-tensor by default: per-channel dense weights need a newer runtime (TFLite 2.17+ for
        the hybrid kernel).
      </p>
    </fieldset>
  );
}
