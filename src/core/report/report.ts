import type { CompressionRecipe, SweepRow } from '../compress/compression-recipe';

/**
 * report.json, written by the CLI and by the UI's "download all". Field names are a public
 * contract (issues and scripts read them): add fields, never rename or remove them.
 */

import type { ModelSource } from '../model/architecture';
import type { TrainedModel } from '../model/trained-model';
import type { QatSummaryLine } from '../qat/explain-qat';

export interface FloatReport {
  /** Fraction of all 10,000 MNIST test images the TF.js model classifies correctly. */
  test_accuracy: number;
  params: number;
  train_seconds: number;
  epochs: number;
  train_images: number;
  backend: string;
  /** What ran the training steps: 'fused-simd' (the lab's WASM SIMD step) or 'tfjs' (tfjs ops); absent when not trained here. */
  trainer?: NonNullable<TrainedModel['trainer']>;
}

export interface LatencyReport {
  median_ms: number;
  p90_ms: number;
  samples: number;
}

export interface ModeReport {
  /** CLI mode name: float32, dynamic, int8, int8-io, float16, int16x8, qat. */
  mode: string;
  /** File name inside the report's folder. */
  file: string;
  bytes: number;
  /** Size of the file after gzip level 9 (src/core/compress/gzip-size.ts): what pruning and clustering shrink. */
  gzip_bytes?: number;
  /** Accuracy on all 10,000 test images, as computed by `accuracy_engine`. */
  accuracy: number;
  /** What computed `accuracy`, e.g. "LiteRT.js 2.5.3 (wasm, XNNPACK)" or "lab reference interpreter". */
  accuracy_engine: string;
  /** Accuracy predicted by the lab's simulated quantized forward pass, when run. */
  simulated_accuracy?: number;
  /** What computed `simulated_accuracy` (the tfjs twin or the reference interpreter). */
  simulation_engine?: string;
  /** Fraction of test predictions on which simulation and runtime agree. */
  simulation_agreement?: number;
  /** Fraction of test predictions on which the runtime agrees with the trained TF.js model. */
  tfjs_agreement?: number;
  latency?: LatencyReport;
  /** Seconds to calibrate, quantize and write this file. */
  convert_seconds?: number;
  /** Seconds the lab's simulation took over all test images. */
  simulation_seconds?: number;
  /** Seconds the runtime took to score all test images (one image per run, plus the timed runs). */
  runtime_seconds?: number;
  /** Recipe that produced the file (calibration method and samples, per-channel, ...). */
  recipe?: Record<string, unknown>;
  /** Mode qat: how the file was fine-tuned (the same values also stand in `recipe` as qat_*). */
  qat?: QatReport;
  /** Cross-layer equalization, bias correction and AdaRound, when the recipe asked for them. */
  algorithms?: AlgorithmsReport;
  /** Files from the inspector: how the test images were fed, e.g. "float32 [1, 28, 28] in [0, 1] (pixel / 255)". */
  input_feed?: string;
  /** Files from the inspector: tensors whose -1 batch was pinned to 1 in the copy that ran (absent when none). */
  batch_pinned_tensors?: number;
  /** Deployment check for the CLI's --target (src/core/deploy), when one was given. */
  deploy?: DeployReport;
  /**
   * Unlabelled inputs (images the user dropped, a non-MNIST model): how the file agrees with the float model
   * instead of accuracy, from {@link OutputAgreementReport}. Absent when the model was scored on labels.
   */
  float_model_agreement?: OutputAgreementReport;
}

/** Agreement with the float model over unlabelled images (src/core/eval/output-agreement.ts). */
export interface OutputAgreementReport {
  /** Images compared. */
  images: number;
  /** Fraction of images whose top-1 class equals the float model's, in [0, 1]. */
  top1_agreement: number;
  /** 10 * log10(sum(float^2) / sum((float - file)^2)) over every output value, dB (null when identical). */
  output_snr_db: number | null;
  /** What computed the file's outputs. */
  engine: string;
}

/** Whether a file runs on TFLite Micro / the Edge TPU and fits a target's RAM and flash. */
export interface DeployReport {
  /** Target id: nano33ble, esp32, pico, m0-32k or custom:RAM_KB:FLASH_KB. */
  target: string;
  target_ram_bytes: number;
  target_flash_bytes: number;
  tflm_compatible: boolean;
  edgetpu_compatible: boolean;
  /** Tensor arena TFLM's greedy planner needs for the activations (16-byte aligned buffers). */
  arena_bytes: number;
  /** Estimate of the interpreter's persistent allocations in the arena (not a measurement). */
  interpreter_overhead_bytes: number;
  /** arena_bytes + interpreter_overhead_bytes, rounded up to 16: the kTensorArenaSize of the generated main.cc. */
  ram_bytes: number;
  /** The .tflite file's size (the model lives in flash; TFLM's own code is not counted). */
  flash_bytes: number;
  ram_margin_bytes: number;
  flash_margin_bytes: number;
  /** tflm_compatible and both margins >= 0. */
  fits: boolean;
  /** Why it does not run or fit, one sentence each. */
  reasons: string[];
  /** Ops the Edge TPU compiler would leave on the CPU, with the reason ("CONV_2D (op 0): ..."). */
  edgetpu_cpu_ops: string[];
}

/** How a quantization-aware training run made its file. */
export interface QatReport {
  epochs: number;
  learning_rate: number;
  batch_size: number;
  /** Training images seen. */
  images: number;
  seconds: number;
  /** The fine-tuned float weights' test accuracy. */
  float_accuracy: number;
  /** Test accuracy of the int8-simulated forward pass after fine-tuning. */
  simulated_accuracy: number;
  /** True when the run was cancelled (the file holds the last completed epoch). */
  cancelled: boolean;
  /** Sentences explaining what QAT changed against plain min/max calibration. */
  summary: string[];
  /** The same sentences as data (one per `summary` line, in order), for a page in another language. */
  summary_lines?: QatSummaryLine[];
}

/** What the recipe's post-training algorithms did to one file (report.json `modes[].algorithms`). */
export interface AlgorithmsReport {
  equalizedPairs?: { first: string; second: string; relu6Replaced: boolean }[];
  skippedPairs?: { first: string; second: string; reason: string }[];
  biasCorrections?: { layer: string; meanAbsShift: number }[];
  adaround?: { layer: string; flipped: number; weights: number }[];
}

export interface LabReport {
  tool: 'quantization-lab';
  version: 1;
  created: string;
  preset: string;
  /** Dataset id (src/core/mnist/datasets.ts), added with Fashion-MNIST. */
  dataset?: string;
  seed: number;
  settings: Record<string, unknown>;
  float: FloatReport;
  modes: ModeReport[];
  /** How the model was pruned and/or clustered before quantization (absent: used as trained). */
  compression?: CompressionRecipe;
  /** Sparsity sweep (CLI --prune-sweep): accuracy against gzip size per sparsity level and mode. */
  compression_sweep?: SweepRow[];
  /** Where an imported model came from ({"kind": "keras-h5" | "keras" | "tfjs" | "tflite", "file": name}); absent for presets. */
  source?: ModelSource;
}
