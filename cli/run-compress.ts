/**
 * The CLI's compression steps: prune and/or cluster the trained model (--prune-sparsity, --clusters), and the
 * sparsity sweep (--prune-sweep) measured in LiteRT.js. The stages are the core's (compressModel, sweepSparsity).
 */
import { compressModel } from '../src/core/compress/compress-model';
import type { CompressProgress } from '../src/core/compress/compress-progress';
import { gzipBytes } from '../src/core/compress/gzip-size';
import { sweepSparsity, type SweepMeasure } from '../src/core/compress/sparsity-sweep';
import type { SweepRow } from '../src/core/compress/compression-recipe';
import { modelToGraph } from '../src/core/graph/model-to-graph';
import type { MnistDataset } from '../src/core/mnist/dataset';
import type { TrainedModel } from '../src/core/model/trained-model';
import { calibrationImages, convertModel } from '../src/core/pipeline/convert';
import { isQuantMode } from '../src/core/modes/lab-modes';
import { loadLiteRtForNode } from '../src/node/litert-node';
import { evaluateTflite } from '../src/runtime/litert-eval';
import { compressPlanFor } from '../src/core/compress/compress-fields';
import type { CliOptions } from './options';

/** Prints a line at most every 5 s, plus every epoch. */
function progressPrinter(): (p: CompressProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase !== 'epoch' && now - last < 5000) return;
    last = now;
    const sparsity = p.stage === 'prune' ? `, sparsity ${(p.sparsity * 100).toFixed(1)}%` : '';
    const test = p.testAccuracy === undefined ? '' : `, test accuracy ${p.testAccuracy.toFixed(4)}`;
    console.log(
      `  ${p.stage} epoch ${p.epoch + 1}/${p.epochs}, batch ${p.batch + 1}/${p.batchesPerEpoch}: loss ${p.loss.toFixed(4)}${sparsity}${test}`,
    );
  };
}

/** Prunes then clusters `model` as the options say; returns it unchanged when neither was asked for. */
export async function compressForCli(
  model: TrainedModel,
  data: MnistDataset,
  options: CliOptions,
  backendName: string,
): Promise<TrainedModel> {
  const plan = compressPlanFor(options.compress, options.train);
  if (!plan.prune && !plan.cluster) return model;
  const print = progressPrinter();
  const { recipe, model: compressed } = await compressModel(data, model, plan, {
    backendName,
    onPruneProgress: (p) => print({ stage: 'prune', ...p }),
    onClusterProgress: (p) => print({ stage: 'cluster', ...p }),
  });
  if (recipe.pruning)
    console.log(
      `pruned: ${(recipe.pruning.sparsity * 100).toFixed(2)}% zeros in ${recipe.pruning.pruned_weights.join(', ')}, test accuracy ${recipe.pruning.test_accuracy.toFixed(4)}`,
    );
  if (recipe.clustering)
    console.log(
      `clustered: at most ${recipe.clustering.max_distinct_values} values per kernel, test accuracy ${recipe.clustering.test_accuracy.toFixed(4)}`,
    );
  return compressed;
}

/** Converts a model into each PTQ mode of the options and scores it in LiteRT.js, with gzip sizes. */
function measureInLiteRt(data: MnistDataset, options: CliOptions): SweepMeasure {
  const modes = options.modes.filter(isQuantMode);
  return async (model) => {
    await loadLiteRtForNode();
    const graph = modelToGraph(model);
    const calibration = calibrationImages(data.train, options.recipe.calibrationSamples, model.seed);
    const rows = [];
    for (const mode of modes) {
      const { bytes } = convertModel(model, { ...options.recipe, mode }, calibration, graph);
      const run = await evaluateTflite(bytes, data.test.images, data.test.labels, { latencySamples: 0 });
      rows.push({ mode, bytes: bytes.length, gzip_bytes: gzipBytes(bytes), accuracy: run.accuracy });
    }
    return rows;
  };
}

/** --prune-sweep: prunes the trained model to each level (clustering too with --clusters) and measures it. */
export function runSweep(
  model: TrainedModel,
  data: MnistDataset,
  options: CliOptions,
  backendName: string,
  onLevel: (level: number, rows: SweepRow[]) => void,
): Promise<SweepRow[]> {
  const levels = options.sweep ?? [];
  const plan = compressPlanFor(options.compress, options.train, Math.max(...levels, 0.5));
  return sweepSparsity(data, model, levels, plan.prune!, measureInLiteRt(data, options), {
    cluster: plan.cluster,
    onLevel,
    backendName,
  });
}
