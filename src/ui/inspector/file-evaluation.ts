/** The inspector's runtime evaluation of one dropped file, as its status line shows it. Pure. */
import type { InputRange } from '../../core/tflite/model-kind';
import { stripInternalPaths } from '../../runtime/runtime-errors';
import type { JobState } from '../common/worker-job';
import type { CoreProblem } from '../i18n/core-text';

/** A failure as the page shows it: the worker's sentence, with any internal source path taken out. */
function userMessage(text: string): string {
  return stripInternalPaths(text) || 'the runtime failed without saying why. Try the file again, or another file.';
}

export interface FileEvaluationResult {
  accuracy: number;
  count: number;
  engine: string;
  latency: { medianMs: number; p90Ms: number; samples: number };
  /** Predicted class per test image, for the confusion matrix. */
  predictions: Uint8Array;
  /** The pixel range that was fed. */
  inputRange: InputRange;
}

export type FileEvaluation =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; fraction: number }
  | { status: 'done'; fileName: string; result: FileEvaluationResult }
  /** `problem`: the coded runtime error, when it has one, for the page to write in its language. */
  | { status: 'failed'; fileName: string; message: string; problem?: CoreProblem };

const IDLE: FileEvaluation = { status: 'idle' };

/**
 * The evaluation of `fileName` from the job's state (progress is the share of test images done);
 * a cancelled or never-started job is idle.
 */
export function fileEvaluationOf(
  job: JobState<number, FileEvaluationResult>,
  fileName: string | undefined,
): FileEvaluation {
  if (fileName === undefined) return IDLE;
  switch (job.status) {
    case 'running':
      return { status: 'running', fileName, fraction: job.progress ?? 0 };
    case 'done':
      return { status: 'done', fileName, result: job.result };
    case 'failed':
      return {
        status: 'failed',
        fileName,
        message: userMessage(job.message),
        ...(job.problem && { problem: job.problem }),
      };
    default:
      return IDLE;
  }
}
