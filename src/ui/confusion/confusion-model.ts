import type { TFunction } from 'i18next';
import { formatInt } from '../results/results-format';
/**
 * What the confusion view shows for one mode, computed from the results cache (the runtime's
 * predictions and the accuracy in the report entry) and the test labels. Pure, tested in Node.
 */
import { confusionMatrix, disagreements } from '../../core/eval/metrics';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';

export type ConfusionView =
  /** `error` is the English sentence; the counts let the page write its own. */
  | { ok: false; error: string; mode: string; predictions: number; labels: number }
  | {
      ok: true;
      mode: string;
      /** `matrix[label][prediction]` counts, 10 x 10. */
      matrix: number[][];
      /** The runtime accuracy, as the results table reports it. */
      accuracy: number;
      /** Test-image indices shown: the mode's mistakes that the reference gets right (all mistakes without one). */
      wrong: number[];
      /** The float file to compare with, when there is one and it is not the mode itself. */
      reference?: { mode: string; predictions: Uint8Array };
      predictions: Uint8Array;
    };

/**
 * The mode shown: the chosen one if measured, else full int8 (the most instructive mistakes), else
 * the first mode that is not the float one.
 */
export function defaultConfusionMode(
  chosen: string | undefined,
  modes: readonly string[],
  floatMode: string,
): string | undefined {
  if (chosen && modes.includes(chosen)) return chosen;
  if (modes.includes('int8')) return 'int8';
  return modes.find((m) => m !== floatMode) ?? modes[0];
}

/** Indices (ascending) where `predictions` differs from `labels`. */
export function mistakes(predictions: Uint8Array, labels: Uint8Array): number[] {
  const out: number[] = [];
  predictions.forEach((p, i) => p !== labels[i] && out.push(i));
  return out;
}

/** The confusion matrix and broken digits of `mode`, against `floatMode` when it was measured. */
export function confusionView(
  mode: string,
  outcomes: Record<string, MeasuredMode>,
  labels: Uint8Array,
  floatMode: string,
): ConfusionView {
  const predictions = outcomes[mode].runtimePredictions;
  if (predictions.length !== labels.length) {
    return {
      ok: false,
      error: `${mode} has ${predictions.length} predictions for ${labels.length} test labels.`,
      mode,
      predictions: predictions.length,
      labels: labels.length,
    };
  }
  const float = mode === floatMode ? undefined : outcomes[floatMode];
  const reference = float && { mode: floatMode, predictions: float.runtimePredictions };
  return {
    ok: true,
    mode,
    matrix: confusionMatrix(predictions, labels),
    accuracy: outcomes[mode].entry.accuracy,
    wrong: reference ? disagreements(predictions, reference.predictions, labels) : mistakes(predictions, labels),
    reference,
    predictions,
  };
}

/** The line under the gallery heading: how many digits, how many shown, and what they are compared with. */
export function wrongCountText(
  view: Extract<ConfusionView, { ok: true }>,
  floatMode: string,
  floatMeasured: boolean,
  galleryLimit: number,
  t: TFunction,
): string {
  const n = view.wrong.length;
  const { mode } = view;
  const count =
    n === 0
      ? view.reference
        ? t('confusion.noneVsFloat', { mode, floatMode })
        : t('confusion.none')
      : `${t('confusion.count', { n: formatInt(n) })}${n > galleryLimit ? t('confusion.firstShown', { n: galleryLimit }) : ''}${t('confusion.end')}`;
  const note = floatMeasured ? '' : t('confusion.notExported', { floatMode, mode });
  return count + note;
}
