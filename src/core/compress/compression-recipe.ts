/**
 * How a model was compressed before quantization: report.json's `compression` (on the report and in each
 * mode's recipe) and part of the stored trained model. Plain data without imports from the stages, so the
 * trained-model type can carry it. Field names are a public contract: add, never rename.
 */
import type { PruningSchedule } from './pruning-schedule';

/** report.json's `compression` (on the report and in each mode's recipe): field names are a public contract. */
export interface CompressionRecipe {
  /** TF.js test accuracy of the model before any compression. */
  base_test_accuracy?: number;
  pruning?: {
    schedule: PruningSchedule;
    layers: 'dense' | 'all';
    epochs: number;
    learning_rate: number;
    batch_size: number;
    train_images: number;
    /** Measured fraction of exact zeros over the pruned kernels. */
    sparsity: number;
    pruned_weights: string[];
    test_accuracy: number;
    seconds: number;
    cancelled: boolean;
  };
  clustering?: {
    clusters: number;
    init: 'linear' | 'density';
    preserve_sparsity: boolean;
    layers: 'dense' | 'all';
    epochs: number;
    learning_rate: number;
    max_distinct_values: number;
    clustered_weights: string[];
    test_accuracy: number;
    seconds: number;
    cancelled: boolean;
  };
}

/** One measured file of the sweep (report.json `compression_sweep` rows: names are a public contract). */
export interface SweepRow {
  /** Requested sparsity (0: not pruned). */
  sparsity: number;
  /** Measured fraction of zeros over the pruned kernels. */
  measured_sparsity: number;
  clusters?: number;
  mode: string;
  bytes: number;
  gzip_bytes: number;
  /** Runtime accuracy on all test images. */
  accuracy: number;
  /** TF.js float accuracy of the compressed model. */
  float_accuracy: number;
}
