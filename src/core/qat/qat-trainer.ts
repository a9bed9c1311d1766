import type { MnistSplit } from '../mnist/dataset';
import type { TrainerKind } from '../train/batch-trainer';
import type { RangeTable } from './qat-forward';

/** A batch's mean loss and its count of correct predictions. */
export interface QatStepScore {
  loss: number;
  correct: number;
}

/**
 * The per-batch step of trainQat's one epoch loop (as BatchTrainer is trainModel's), as two
 * implementations: tf ops through qatForward (qat-tfjs-trainer.ts: every architecture and backend,
 * one worker or a data-parallel replica) and the fused QAT step of the tutorial CNN (qat-cnn-step.ts).
 * The loop owns shuffling, progress, divergence, cancel, evaluation and history.
 */
export interface QatTrainer {
  readonly kind: TrainerKind;
  /**
   * One Adam step on the rows `indices` of `split` through the fake-quantized forward pass, each
   * quantized point's batch [min, max] folded into `ranges` (in place) before the point is quantized.
   */
  step(
    split: MnistSplit,
    indices: Uint32Array,
    ranges: RangeTable,
    momentum: number,
  ): QatStepScore | Promise<QatStepScore>;
  /** Brings the QAT network's variables up to the trainer's weights (before the network evaluates or is read). */
  sync(): void;
  dispose(): void;
}
