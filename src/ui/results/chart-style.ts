import { accuracyAxisTicks } from '../../core/eval/chart-series';
import { formatNumberFixed } from '../i18n/locale';

/** Shared look of the results charts (matches the training charts). */
export const CHART_HEIGHT = 220;
export const CHART_MARGIN = { left: 0, right: 12, top: 16, bottom: 4 };
export const COLORS = {
  runtime: '#1f4fa3',
  simulated: '#8aa4d6',
  reference: '#c0392b',
  size: '#2e8b57',
  p90: '#9bd3a6',
} as const;

/** 0.98123 -> "98.12%" for axes and tooltips. */
export const percentTick = (v: unknown) => `${formatNumberFixed(Number(v) * 100, 2)}%`;

/** 0.98 -> "98%" for accuracy axes (ticks sit on whole percents, see accuracyAxisTicks). */
export const percentAxisTick = (v: unknown) => `${Math.round(Number(v) * 100)}%`;

/** The accuracy Y axis every accuracy chart shares: whole-percent ticks over `domain`, spread into `<YAxis>`. */
export function accuracyAxisProps(domain: [number, number]) {
  return {
    domain,
    ticks: accuracyAxisTicks(domain),
    allowDataOverflow: true,
    tickFormatter: percentAxisTick,
    width: 48,
    fontSize: 12,
  };
}
