import { formatNumberFixed, unit } from '../i18n/locale';

/** 0.9581 -> "95.81%" (digits and grouping follow the shown language). */
export function formatPercent(fraction: number, digits = 2): string {
  return Number.isFinite(fraction) ? `${formatNumberFixed(fraction * 100, digits)}%` : '–';
}

/** Seconds as "42 s" or "3 min 5 s" ("42 秒", "3 分 5 秒" in zh-TW). */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  if (s < 60) return unit('seconds', { n: s < 10 ? formatNumberFixed(s, 1) : String(Math.round(s)) });
  return unit('minutesSeconds', { m: String(Math.floor(s / 60)), s: String(Math.round(s % 60)) });
}

/** 84688 -> "84,688 B (82.7 KiB)". */
export function formatBytes(n: number): string {
  return `${formatNumberFixed(n, 0)} B (${formatNumberFixed(n / 1024, 1)} KiB)`;
}
