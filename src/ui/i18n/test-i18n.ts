import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './messages/en';
import { zhTW } from './messages/zh-TW';
import type { Language } from './languages';

/**
 * Starts the shared i18next for render tests (Node, no DOM: startI18n needs location and localStorage),
 * in English unless told otherwise. Import it before rendering a component.
 */
export function startTestI18n(lng: Language = 'en'): void {
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: { en: { translation: en }, 'zh-TW': { translation: zhTW } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
}
