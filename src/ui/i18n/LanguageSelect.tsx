import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from './languages';

/** The language switch: remembered in this browser and kept in the URL (see i18n.ts). */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      {t('language.label')}
      <select
        data-testid="lang-select"
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void i18n.changeLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.id} value={l.id} lang={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
