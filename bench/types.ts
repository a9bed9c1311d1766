/** Command-line options every bench section receives. */
export interface BenchOptions {
  /** Smaller runs (subsets, extrapolated) for a quick look. */
  quick: boolean;
  /** Browser section: only the WASM training and quantization run (no CPU / WebGPU subsets). */
  wasmOnly?: boolean;
  /** quantize-browser, mobilenet-browser: the git ref built and measured beside this checkout (`--baseline=<ref>`, 'none' to skip). */
  baseline?: string;
}

/** One printed line: a measured value with its unit and how it was obtained. */
export interface BenchRow {
  label: string;
  value: number | string;
  unit: string;
  /** Decimals for numeric values (default 2). */
  digits?: number;
  /** How it was measured, e.g. "extrapolated from 960 images". */
  note?: string;
}

/** A group of measurements: `id` selects it with --only=<id>. */
export interface BenchSection {
  id: string;
  title: string;
  run(opts: BenchOptions): Promise<BenchRow[]>;
}
