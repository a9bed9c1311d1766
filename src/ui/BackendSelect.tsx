import type { BackendChoice as BackendInfo } from '../backends/select-backend';
import { BACKEND_PREFERENCES, type BackendPreference } from './state/lab-state';

interface Props {
  value: BackendPreference;
  info?: BackendInfo;
  onChange: (b: BackendPreference) => void;
  disabled?: boolean;
}

const LABELS: Record<BackendPreference, string> = {
  auto: 'Automatic (fastest available)',
  webgpu: 'WebGPU',
  wasm: 'WebAssembly (SIMD)',
  cpu: 'Plain JavaScript (CPU)',
};

/** Which tfjs backend trains: chosen automatically, shown, overridable. */
export function BackendSelect({ value, info, onChange, disabled }: Props) {
  return (
    <div className="backend">
      <label>
        Compute backend
        <select
          data-testid="backend-select"
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value as BackendPreference)}
        >
          {BACKEND_PREFERENCES.map((b) => (
            <option key={b} value={b}>
              {LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="backend-active">
        {info ? `running on ${info.name}: ${info.reason}` : 'starting…'}
      </span>
    </div>
  );
}
