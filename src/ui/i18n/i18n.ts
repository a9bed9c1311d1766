import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANG_PARAM, LANG_STORAGE_KEY, pickLanguage, type Language } from './languages';
import { en, type Messages } from './messages/en';
import { zhTW } from './messages/zh-TW';

/** The tables, one per language; a language added to LANGUAGES without a table fails the typecheck. */
export const MESSAGES: Record<Language, Messages> = { en, 'zh-TW': zhTW };

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The language this page starts in (URL, then remembered choice, then the browser's languages). */
export function initialLanguage(): Language {
  return pickLanguage(new URLSearchParams(location.search).get(LANG_PARAM), storedLanguage(), navigator.languages);
}

/** Keeps `<html lang>`, the URL's `lang` and the remembered choice in step with the language shown. */
function followLanguage(lang: string): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode: the URL still carries the choice
  }
  const params = new URLSearchParams(location.search);
  if (params.get(LANG_PARAM) !== lang) {
    params.set(LANG_PARAM, lang);
    history.replaceState(history.state, '', `?${params.toString()}${location.hash}`);
  }
}

/** Starts i18next for the page (call once, before the first render). */
export function startI18n(): typeof i18next {
  const lng = initialLanguage();
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: { en: { translation: en }, 'zh-TW': { translation: zhTW } },
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  followLanguage(lng);
  i18next.on('languageChanged', followLanguage);
  return i18next;
}
