/**
 * The sparsity sweep: prune the same trained model to each level (optionally cluster it), quantize and measure
 * every result, and tabulate accuracy against gzip size. The measuring is the caller's (the CLI runs LiteRT.js),
 * so the core stays runtime-free.
 */
import type { MnistDataset } from '../mnist/dataset';
import type { TrainedModel } from '../model/trained-model';
import type { ClusterSettings, PruneSettings } from './compress-settings';
import { compressModel } from './compress-model';
import type { SweepRow } from './compression-recipe';

/** TFMOT-style levels: the 0, 50, 70, 80, 90 and 95% zeros. */
export const DEFAULT_SWEEP_LEVELS: readonly number[] = [0, 0.5, 0.7, 0.8, 0.9, 0.95];

/** What the caller measures for one compressed model: one row per quantization mode. */
export type SweepMeasure = (
  model: TrainedModel,
) => Promise<{ mode: string; bytes: number; gzip_bytes: number; accuracy: number }[]>;

/**
 * Prunes `trained` to each of `levels` with `prune`'s schedule (polynomial runs start at the smaller of its
 * initial sparsity and the level), clusters when `cluster` is given, and measures each result.
 */
export async function sweepSparsity(
  data: MnistDataset,
  trained: TrainedModel,
  levels: readonly number[],
  prune: PruneSettings,
  measure: SweepMeasure,
  options: {
    cluster?: ClusterSettings;
    onLevel?: (level: number, rows: SweepRow[]) => void;
    backendName?: string;
  } = {},
): Promise<SweepRow[]> {
  const rows: SweepRow[] = [];
  for (const level of levels) {
    const plan = {
      prune:
        level > 0 ? { ...prune, sparsity: level, initialSparsity: Math.min(prune.initialSparsity, level) } : undefined,
      cluster: options.cluster,
    };
    const { model, recipe } = await compressModel(data, trained, plan, { backendName: options.backendName });
    const measured = await measure(model);
    const levelRows = measured.map((m) => ({
      sparsity: level,
      measured_sparsity: recipe.pruning?.sparsity ?? 0,
      ...(options.cluster && { clusters: options.cluster.clusters }),
      ...m,
      float_accuracy: model.testAccuracy,
    }));
    rows.push(...levelRows);
    options.onLevel?.(level, levelRows);
  }
  return rows;
}

/** The sweep as a fixed-width text table (CLI output and the README). */
export function formatSweepTable(rows: SweepRow[]): string {
  const head = 'sparsity  clusters  mode      bytes    gzip bytes  accuracy  float accuracy';
  const lines = rows.map((r) =>
    [
      `${(r.measured_sparsity * 100).toFixed(1)}%`.padEnd(10),
      String(r.clusters ?? '-').padEnd(10),
      r.mode.padEnd(8),
      String(r.bytes).padStart(7),
      String(r.gzip_bytes).padStart(12),
      `${(r.accuracy * 100).toFixed(2)}%`.padStart(10),
      `${(r.float_accuracy * 100).toFixed(2)}%`.padStart(16),
    ].join(''),
  );
  return [head, ...lines].join('\n');
}
