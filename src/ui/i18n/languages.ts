/** The languages the lab speaks: BCP 47 tags as `<html lang>`, the URL's `lang` and i18next use them. */
export const LANGUAGES = [
  { id: 'en', name: 'English' },
  { id: 'zh-TW', name: '繁體中文' },
] as const;

export type Language = (typeof LANGUAGES)[number]['id'];

export const DEFAULT_LANGUAGE: Language = 'en';

/** The URL search parameter that carries the language (beside the lab state's own parameters). */
export const LANG_PARAM = 'lang';

/** The localStorage key that remembers the learner's choice. */
export const LANG_STORAGE_KEY = 'quantization-lab.lang';

export function isLanguage(v: string | null | undefined): v is Language {
  return LANGUAGES.some((l) => l.id === v);
}

/**
 * Which language to show: the URL's `lang` (a shared link), else the remembered choice, else the first of
 * the browser's languages the lab speaks (any Chinese but Simplified-only tags reads zh-TW), else English.
 */
export function pickLanguage(
  fromUrl: string | null,
  remembered: string | null,
  browserLanguages: readonly string[],
): Language {
  if (isLanguage(fromUrl)) return fromUrl;
  if (isLanguage(remembered)) return remembered;
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('en')) return 'en';
    if (lower === 'zh' || lower.startsWith('zh-tw') || lower.startsWith('zh-hant') || lower.startsWith('zh-hk'))
      return 'zh-TW';
  }
  return DEFAULT_LANGUAGE;
}
