/** Number formats and chart rows for the per-layer debugger. */
import type { LayerError } from '../../core/debug/layer-errors';

/** Three significant digits, small and large values in exponent form: 0.000123 -> "1.23e-4". */
export function formatSig(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return Number(v.toPrecision(3)).toString();
  const [m, e] = v.toExponential(2).split('e');
  return `${m}e${Number(e)}`;
}

/** SNR in dB with one decimal; "∞" when the output has no error. */
export function formatDb(v: number): string {
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return `${v.toFixed(1)} dB`;
}

/** "conv2d_0 (CONV_2D)": what the chart's axis shows for a row. */
export function layerLabel(row: Pick<LayerError, 'layer' | 'op'>): string {
  return `${row.layer} (${row.op})`;
}

export interface RmseOverScalePoint {
  label: string;
  tensorName: string;
  perLayer: number;
  endToEnd: number;
  flagged: boolean;
}

/** Chart rows: only ops with a quantized output (a scale) have an rmse / scale. */
export function rmseOverScalePoints(rows: LayerError[]): RmseOverScalePoint[] {
  return rows
    .filter((r) => r.rmseOverScale !== null)
    .map((r) => ({
      label: layerLabel(r),
      tensorName: r.tensorName,
      perLayer: r.rmseOverScale as number,
      endToEnd: r.endToEnd.rmseOverScale ?? 0,
      flagged: r.flagged,
    }));
}
