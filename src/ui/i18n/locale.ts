import i18next from 'i18next';
import { isLanguage, DEFAULT_LANGUAGE, type Language } from './languages';
import { en } from './messages/en';
import { zhTW } from './messages/zh-TW';

const UNITS = { en: en.units, 'zh-TW': zhTW.units } as const;

/** The language shown (English before i18next starts, e.g. in unit tests). */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** `n` with exactly `digits` decimals and the shown language's grouping (Intl, cached per locale and digits). */
export function formatNumberFixed(n: number, digits: number): string {
  const key = `${currentLanguage()}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(currentLanguage(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** A unit phrase of the shown language from the message tables, e.g. unit('seconds', { n: '42' }). */
export function unit(key: keyof typeof en.units, vars: Record<string, string>): string {
  return UNITS[currentLanguage()][key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

/** A date and time in the shown language (Intl). */
export function formatDateTime(d: Date | number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Names joined as a list in the shown language (Intl.ListFormat: "a, b, and c", "a、b和c"). */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).format(items);
}
