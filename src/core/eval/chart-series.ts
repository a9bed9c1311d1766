/**
 * The "chart series" stage: turns the evaluation report into the plain rows the results charts and
 * table plot. Accuracies stay fractions (0..1); changes vs float are in percentage points.
 */
import type { FloatReport, ModeReport } from '../report/report';

export interface ChartSeriesInput {
  float: FloatReport;
  modes: ModeReport[];
}

/** The mode whose file every size ratio is measured against. */
export const SIZE_BASELINE_MODE = 'float32';

export interface AccuracyPoint {
  mode: string;
  /** Runtime accuracy (0..1), computed by `engine`. */
  accuracy: number;
  engine: string;
  /** Lab simulation accuracy (0..1), when it ran. */
  simulated?: number;
  /** Fraction of test images where simulation and runtime predict the same class. */
  simulationAgreement?: number;
  /** (accuracy - float reference) x 100: negative means the mode lost accuracy. */
  deltaPp: number;
}

export interface AccuracySeries {
  points: AccuracyPoint[];
  /** The trained float model's test accuracy (0..1), measured in TF.js. */
  floatReference: number;
  /** Where the reference was measured, e.g. "TF.js (webgl)". */
  floatEngine: string;
}

export interface SizePoint {
  mode: string;
  bytes: number;
  kib: number;
  /** bytes / float32 file bytes; undefined when there is no float32 file to compare with. */
  ratioVsFloat32?: number;
  /** The file's gzip size, when measured (ModeReport.gzip_bytes). */
  gzipBytes?: number;
  gzipKib?: number;
}

export interface SizeAccuracyPoint {
  mode: string;
  kib: number;
  /** gzip size in KiB, when measured. */
  gzipKib?: number;
  /** Runtime accuracy (0..1). */
  accuracy: number;
}

export interface LatencyPoint {
  mode: string;
  median_ms: number;
  p90_ms: number;
  samples: number;
  /** Engine that ran the timed inferences (the mode's runtime engine). */
  engine: string;
}

export interface ChartSeries {
  accuracy: AccuracySeries;
  size: SizePoint[];
  sizeVsAccuracy: SizeAccuracyPoint[];
  /** Only modes that were timed. */
  latency: LatencyPoint[];
}

/** "TF.js (webgl)": where the float reference accuracy was computed. */
export function floatEngineLabel(float: FloatReport): string {
  return `TF.js (${float.backend})`;
}

/** Change in accuracy vs the float reference, in percentage points (both inputs are fractions). */
export function deltaPercentagePoints(accuracy: number, reference: number): number {
  return (accuracy - reference) * 100;
}

export function accuracySeries({ float, modes }: ChartSeriesInput): AccuracySeries {
  return {
    floatReference: float.test_accuracy,
    floatEngine: floatEngineLabel(float),
    points: modes.map((m) => ({
      mode: m.mode,
      accuracy: m.accuracy,
      engine: m.accuracy_engine,
      ...(m.simulated_accuracy !== undefined && { simulated: m.simulated_accuracy }),
      ...(m.simulation_agreement !== undefined && { simulationAgreement: m.simulation_agreement }),
      deltaPp: deltaPercentagePoints(m.accuracy, float.test_accuracy),
    })),
  };
}

export function sizeSeries(modes: ModeReport[]): SizePoint[] {
  const baseline = modes.find((m) => m.mode === SIZE_BASELINE_MODE);
  return modes.map((m) => ({
    mode: m.mode,
    bytes: m.bytes,
    kib: m.bytes / 1024,
    ...(baseline && baseline.bytes > 0 && { ratioVsFloat32: m.bytes / baseline.bytes }),
    ...(m.gzip_bytes !== undefined && { gzipBytes: m.gzip_bytes, gzipKib: m.gzip_bytes / 1024 }),
  }));
}

export function sizeVsAccuracyPoints(modes: ModeReport[]): SizeAccuracyPoint[] {
  return modes.map((m) => ({
    mode: m.mode,
    kib: m.bytes / 1024,
    ...(m.gzip_bytes !== undefined && { gzipKib: m.gzip_bytes / 1024 }),
    accuracy: m.accuracy,
  }));
}

export function latencySeries(modes: ModeReport[]): LatencyPoint[] {
  return modes.flatMap((m) =>
    m.latency
      ? [
          {
            mode: m.mode,
            median_ms: m.latency.median_ms,
            p90_ms: m.latency.p90_ms,
            samples: m.latency.samples,
            engine: m.accuracy_engine,
          },
        ]
      : [],
  );
}

/** Every series the results view plots, in the report's mode order. */
export function buildChartSeries(input: ChartSeriesInput): ChartSeries {
  return {
    accuracy: accuracySeries(input),
    size: sizeSeries(input.modes),
    sizeVsAccuracy: sizeVsAccuracyPoints(input.modes),
    latency: latencySeries(input.modes),
  };
}

/**
 * Y-axis range for accuracy charts: accuracies sit within a few points of each other, so a 0..100%
 * axis would hide every difference. Starts 0.5 pp below the lowest value, rounded down to a whole
 * percent, and ends at 100%. The chart must say that the axis does not start at zero.
 */
export function accuracyAxisDomain(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lowestPercent = Math.floor((Math.min(...finite) - 0.005) * 100);
  return [Math.max(0, Math.min(99, lowestPercent)) / 100, 1];
}

/** Tick positions for `accuracyAxisDomain`: every whole percent up to 10 points of span, else every 10%. */
export function accuracyAxisTicks([lo, hi]: [number, number]): number[] {
  const stepPercent = hi - lo <= 0.1 + 1e-9 ? 1 : 10;
  const first = Math.ceil((lo * 100) / stepPercent - 1e-9) * stepPercent;
  const ticks: number[] = [];
  for (let p = first; p <= hi * 100 + 1e-9; p += stepPercent) ticks.push(p / 100);
  return ticks;
}
