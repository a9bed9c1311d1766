import type { RuntimeEvaluation } from './litert-eval';

/**
 * One evaluation of consecutive image ranges scored separately (e.g. by two runtime workers at once), as if
 * they had been scored in one call: the images are independent, so predictions are concatenated and counts
 * added. Latency comes from the first part, which holds the first images, the ones one call would time.
 */
export function mergeEvaluations(parts: RuntimeEvaluation[]): RuntimeEvaluation {
  const [first] = parts;
  if (!first) throw new Error('mergeEvaluations: no parts');
  const count = parts.reduce((a, p) => a + p.count, 0);
  const correct = parts.reduce((a, p) => a + p.correct, 0);
  const predictions = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    predictions.set(p.predictions, at);
    at += p.count;
  }
  return { ...first, accuracy: count > 0 ? correct / count : Number.NaN, predictions, correct, count };
}
