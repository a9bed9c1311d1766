import { useTranslation } from 'react-i18next';
import { ChoiceSelect } from './common/ChoiceSelect';
import { Rich } from './i18n/Rich';
import { useLanguage } from './i18n/CoreSentence';
import { backendWhyZh } from './i18n/messages/backend.zh-TW';
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
  // zh-TW writes the reason from its data; English (and a reason without data) is the core's sentence.
  const zhWhy = useLanguage() === 'zh-TW' && info?.why ? backendWhyZh(info.why) : undefined;
  return (
    <div className="backend">
      <ChoiceSelect
        label={t('backend.label')}
        choices={BACKEND_PREFERENCES}
        value={value}
        onChange={onChange}
        text={(b) => t(`backend.${b}`)}
        testId="backend-select"
        disabled={disabled}
      />
      <span className="muted" data-testid="backend-active" data-backend={info?.name}>
        {info ? (
          <Rich
            k="backend.running"
            values={{ name: info.name, reason: zhWhy ?? info.reason }}
            tags={{ reason: <span lang={zhWhy ? undefined : 'en'} title={zhWhy ? info.reason : undefined} /> }}
          />
        ) : (
          t('backend.starting')
        )}
      </span>
    </div>
  );
}
