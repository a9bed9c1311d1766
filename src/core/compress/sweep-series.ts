/**
 * Chart rows for "accuracy against gzip size" across sparsity levels: from a CLI sweep (report.json
 * `compression_sweep`) or from the files measured in a session (each entry's `recipe.compression`).
 */
import type { ModeReport } from '../report/report';
import type { CompressionRecipe, SweepRow } from './compression-recipe';

export interface SweepPoint {
  /** One point per sparsity, cluster count and mode, e.g. "80% zeros, 16 clusters". */
  series: string;
  sparsity: number;
  clusters?: number;
  mode: string;
  gzipKib: number;
  /** Runtime accuracy (0..1). */
  accuracy: number;
}

function seriesName(sparsity: number, clusters?: number): string {
  return `${Math.round(sparsity * 1000) / 10}% zeros${clusters ? `, ${clusters} clusters` : ''}`;
}

/** The sweep's rows as chart points. */
export function sweepPointsFromRows(rows: SweepRow[]): SweepPoint[] {
  return rows.map((r) => ({
    series: seriesName(r.measured_sparsity, r.clusters),
    sparsity: r.measured_sparsity,
    ...(r.clusters !== undefined && { clusters: r.clusters }),
    mode: r.mode,
    gzipKib: r.gzip_bytes / 1024,
    accuracy: r.accuracy,
  }));
}

/** A measured file as a chart point (undefined without a gzip size); an uncompressed model is 0% zeros. */
export function sweepPointFromEntry(entry: ModeReport): SweepPoint | undefined {
  if (entry.gzip_bytes === undefined) return undefined;
  const compression = entry.recipe?.compression as CompressionRecipe | undefined;
  const sparsity = compression?.pruning?.sparsity ?? 0;
  const clusters = compression?.clustering?.clusters;
  return {
    series: seriesName(sparsity, clusters),
    sparsity,
    ...(clusters !== undefined && { clusters }),
    mode: entry.mode,
    gzipKib: entry.gzip_bytes / 1024,
    accuracy: entry.accuracy,
  };
}
