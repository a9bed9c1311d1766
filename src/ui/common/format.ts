/** 0.9581 -> "95.81%". */
export function formatPercent(fraction: number, digits = 2): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '–';
}

/** Seconds as "42 s" or "3 min 5 s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** 84688 -> "84,688 B (82.7 KiB)". */
export function formatBytes(n: number): string {
  return `${n.toLocaleString('en-US')} B (${(n / 1024).toFixed(1)} KiB)`;
}
