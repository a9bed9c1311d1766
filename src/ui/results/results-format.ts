/** Number formats for the results view. Percentages and points use 2 decimals throughout; Intl follows the shown language. */
import { formatNumberFixed, unit } from '../i18n/locale';

/** -0.2512 -> "−0.25 pp", 0.1 -> "+0.10 pp", 0 -> "±0.00 pp" (a real minus sign, readable at a glance). */
export function formatPp(pp: number): string {
  if (!Number.isFinite(pp)) return '–';
  const rounded = Math.abs(pp).toFixed(2);
  const sign = rounded === '0.00' ? '±' : pp < 0 ? '−' : '+';
  return `${sign}${unit('pp', { n: rounded })}`;
}

/** 0.2857 -> "0.29×"; undefined -> "–". */
export function formatRatio(ratio: number | undefined): string {
  return ratio !== undefined && Number.isFinite(ratio) ? `${formatNumberFixed(ratio, 2)}×` : '–';
}

/** 84688 -> "82.7 KiB". */
export function formatKiB(bytes: number): string {
  return `${formatNumberFixed(bytes / 1024, 1)} KiB`;
}

/** 84688 -> "84,688". */
export function formatInt(n: number): string {
  return formatNumberFixed(n, 0);
}

/** Milliseconds with 3 significant-ish digits: 0.0421 -> "0.042 ms", 12.34 -> "12.3 ms". */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : 1;
  return `${formatNumberFixed(ms, digits)} ms`;
}
