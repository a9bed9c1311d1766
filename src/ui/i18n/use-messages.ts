import { useTranslation } from 'react-i18next';
import { MESSAGES } from './i18n';
import { isLanguage, DEFAULT_LANGUAGE } from './languages';
import type { Messages } from './messages/en';

/**
 * The shown language's whole table, for texts looked up by a core declaration's id (fields, modes, presets),
 * where a typed object beats a computed `t()` key. Re-renders on a language change like useTranslation.
 */
export function useMessages(): Messages {
  const { i18n } = useTranslation();
  return MESSAGES[isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE];
}
