import { useEffect, useMemo, useState } from 'react';
import { accuracyOf, confusionMatrix, disagreements } from '../../core/eval/metrics';
import { formatPercent } from '../common/format';
import type { TestSet } from '../quant/use-quantization';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { ConfusionMatrix } from './ConfusionMatrix';
import { WrongDigits } from './WrongDigits';

interface Props {
  /** Results per mode; the runtime (LiteRT.js) predictions are the ones shown. */
  outcomes: Record<string, MeasuredMode>;
  /** The 10,000 MNIST test images and labels the predictions were made on. */
  testSet?: TestSet;
  /** Fetches the test set when `testSet` is not given (e.g. useQuantization's getTestSet). */
  loadTestSet?: () => Promise<TestSet>;
  /** The mode whose mistakes count as the baseline. */
  floatMode?: string;
  /** Most digits drawn in the gallery. */
  galleryLimit?: number;
}

/**
 * Per-mode confusion matrix over the MNIST test set, and the test digits the chosen mode gets wrong
 * that the float file gets right: the images quantization broke.
 */
export function ConfusionPanel({
  outcomes,
  testSet: given,
  loadTestSet,
  floatMode = 'float32',
  galleryLimit = 48,
}: Props) {
  const modes = Object.keys(outcomes);
  const [chosen, setChosen] = useState<string>();
  const [loaded, setLoaded] = useState<TestSet>();
  const [loadError, setLoadError] = useState<string>();
  const testSet = given ?? loaded;

  useEffect(() => {
    if (given || loaded || !loadTestSet || modes.length === 0) return;
    let live = true;
    loadTestSet().then(
      (t) => live && setLoaded(t),
      (e: Error) => live && setLoadError(`Could not load the test set: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [given, loaded, loadTestSet, modes.length]);

  // Default to full int8, the mode whose mistakes are most instructive, else the first non-float mode.
  const mode =
    chosen && outcomes[chosen] ? chosen : outcomes.int8 ? 'int8' : (modes.find((m) => m !== floatMode) ?? modes[0]);
  const outcome = mode ? outcomes[mode] : undefined;
  const reference = outcomes[floatMode];

  const view = useMemo(() => {
    if (!outcome || !testSet) return undefined;
    const predictions = outcome.runtimePredictions;
    if (predictions.length !== testSet.labels.length) {
      return { error: `${mode} has ${predictions.length} predictions for ${testSet.labels.length} test labels.` };
    }
    const isReference = !reference || mode === floatMode;
    const wrong = isReference
      ? predictions.reduce<number[]>((acc, p, i) => (p !== testSet.labels[i] ? (acc.push(i), acc) : acc), [])
      : disagreements(predictions, reference.runtimePredictions, testSet.labels);
    return {
      matrix: confusionMatrix(predictions, testSet.labels),
      accuracy: accuracyOf(predictions, testSet.labels),
      wrong,
      isReference,
    };
  }, [outcome, testSet, reference, mode, floatMode]);

  return (
    <section className="panel" aria-labelledby="confusion-title">
      <h2 id="confusion-title">7. Where each mode goes wrong</h2>
      {modes.length === 0 ? (
        <p className="muted">
          Quantize the trained model first: each file’s test-set predictions from LiteRT.js show up here.
        </p>
      ) : (
        <>
          <label className="inline">
            Mode
            <select value={mode} onChange={(e) => setChosen(e.target.value)} data-testid="confusion-mode">
              {modes.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          {loadError && (
            <p className="error" role="alert">
              {loadError}
            </p>
          )}
          {!view ? (
            !loadError && <p className="muted">Loading the test set…</p>
          ) : 'error' in view ? (
            <p className="error" role="alert">
              {view.error}
            </p>
          ) : (
            <>
              <p className="hint">
                The {testSet!.labels.length.toLocaleString('en-US')} MNIST test images as <code>{mode}</code> classified
                them in LiteRT.js ({formatPercent(view.accuracy)} correct). Each row is the true digit, each column the
                predicted one: the blue diagonal counts right answers, red cells are mistakes.
              </p>
              <ConfusionMatrix matrix={view.matrix} mode={mode!} />
              <h3>
                {view.isReference
                  ? `Test digits ${mode} gets wrong`
                  : `Test digits ${mode} gets wrong that ${floatMode} gets right`}
              </h3>
              <p className="muted" data-testid="confusion-wrong-count">
                {view.wrong.length === 0
                  ? view.isReference
                    ? 'None.'
                    : `None: quantizing to ${mode} did not break any test digit that ${floatMode} classifies correctly.`
                  : `${view.wrong.length.toLocaleString('en-US')} digit(s)${view.wrong.length > galleryLimit ? `, the first ${galleryLimit} shown` : ''}.`}
                {!reference && ` (${floatMode} was not exported, so these are all of ${mode}'s mistakes.)`}
              </p>
              <div data-testid="confusion-wrong">
                <WrongDigits
                  indices={view.wrong}
                  images={testSet!.images}
                  labels={testSet!.labels}
                  mode={mode!}
                  predictions={outcome!.runtimePredictions}
                  reference={
                    reference && !view.isReference
                      ? { mode: floatMode, predictions: reference.runtimePredictions }
                      : undefined
                  }
                  limit={galleryLimit}
                />
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
