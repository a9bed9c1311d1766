import { useTranslation } from 'react-i18next';
import { CoreSentence } from '../i18n/CoreSentence';
import { useMemo, useState } from 'react';
import type { TestSet } from '../common/test-set';
import { useTestSet } from '../common/use-test-set';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { confusionView, defaultConfusionMode } from './confusion-model';
import { ConfusionDetails } from './ConfusionDetails';

interface Props {
  /** Results per mode (the results cache); the runtime (LiteRT.js) predictions are the ones shown. */
  outcomes: Record<string, MeasuredMode>;
  /** Fetches the test set the predictions were made on (default: the lab's shared test set). */
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
export function ConfusionPanel({ outcomes, loadTestSet, floatMode = 'float32', galleryLimit = 48 }: Props) {
  const { t } = useTranslation();
  const modes = Object.keys(outcomes);
  const [chosen, setChosen] = useState<string>();
  const { testSet, error } = useTestSet(modes.length > 0, loadTestSet);
  const mode = defaultConfusionMode(chosen, modes, floatMode);
  const view = useMemo(
    () => (mode && testSet ? confusionView(mode, outcomes, testSet.labels, floatMode) : undefined),
    [mode, outcomes, testSet, floatMode],
  );
  return (
    <section className="panel" aria-labelledby="confusion-title">
      <h2 id="confusion-title">{t('confusion.title')}</h2>
      {modes.length === 0 ? (
        <p className="muted">{t('confusion.quantizeFirst')}</p>
      ) : (
        <>
          <label className="inline">
            {t('common.mode')}
            <select value={mode} onChange={(e) => setChosen(e.target.value)} data-testid="confusion-mode">
              {modes.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          {error && (
            <p className="error" role="alert">
              {t('confusion.testSetFailed')} <CoreSentence failure={error} />
            </p>
          )}
          {!view || !testSet ? (
            !error && <p className="muted">{t('confusion.loading')}</p>
          ) : !view.ok ? (
            <p className="error" role="alert">
              {t('confusion.mismatch', { mode: view.mode, predictions: view.predictions, labels: view.labels })}
            </p>
          ) : (
            <ConfusionDetails
              view={view}
              testSet={testSet}
              floatMode={floatMode}
              floatMeasured={!!outcomes[floatMode]}
              galleryLimit={galleryLimit}
            />
          )}
        </>
      )}
    </section>
  );
}
