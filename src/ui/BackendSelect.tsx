import { useTranslation } from 'react-i18next';
import { Rich } from './i18n/Rich';
import type { BackendChoice as BackendInfo } from '../backends/select-backend';
import { BACKEND_PREFERENCES, type BackendPreference } from './state/lab-state';

interface Props {
  value: BackendPreference;
  info?: BackendInfo;
  onChange: (b: BackendPreference) => void;
  disabled?: boolean;
}

/** Which tfjs backend trains: chosen automatically, shown, overridable. */
export function BackendSelect({ value, info, onChange, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <div className="backend">
      <label>
        {t('backend.label')}
        <select
          data-testid="backend-select"
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value as BackendPreference)}
        >
          {BACKEND_PREFERENCES.map((b) => (
            <option key={b} value={b}>
              {t(`backend.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="backend-active" data-backend={info?.name}>
        {info ? (
          <Rich
            k="backend.running"
            values={{ name: info.name, reason: info.reason }}
            tags={{ reason: <span lang="en" /> }}
          />
        ) : (
          t('backend.starting')
        )}
      </span>
    </div>
  );
}
