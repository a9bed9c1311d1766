import { useTranslation } from 'react-i18next';
import { formatPercent } from '../common/format';
import { useClassNames } from '../datasets/class-names';
import { CoreSentence } from '../i18n/CoreSentence';
import type { DrawPrediction } from './use-draw-predictions';

interface Props {
  mode: string;
  prediction: DrawPrediction;
}

/** One file's answer: the predicted digit large, then a bar per class probability. */
export function PredictionCard({ mode, prediction }: Props) {
  const { t } = useTranslation();
  const probabilities = prediction.status === 'done' ? prediction.probabilities : undefined;
  const digit = probabilities ? argmax(probabilities) : undefined;
  const names = useClassNames();
  return (
    <figure className="draw-prediction" data-testid={`draw-prediction-${mode}`}>
      <figcaption>
        <code>{mode}</code>
      </figcaption>
      {prediction.status === 'error' ? (
        <p className="error" role="alert">
          {t('draw.failed')} <CoreSentence failure={prediction} />
        </p>
      ) : (
        <>
          <div className="draw-digit" data-testid={`draw-digit-${mode}`} aria-busy={prediction.status === 'pending'}>
            {digit !== undefined ? names[digit] : '…'}
          </div>
          <div className="muted draw-confidence">
            {probabilities && digit !== undefined ? formatPercent(probabilities[digit], 1) : '\u00a0'}
          </div>
          <ol className="draw-bars" start={0} aria-label={t('draw.probabilitiesAria', { mode })}>
            {Array.from({ length: 10 }, (_, c) => {
              const p = probabilities?.[c] ?? 0;
              return (
                <li
                  key={c}
                  className={c === digit ? 'draw-bar top' : 'draw-bar'}
                  title={`${names[c]}: ${formatPercent(p, 2)}`}
                >
                  <span className="draw-bar-label">{names[c]}</span>
                  <span className="draw-bar-track">
                    <span className="draw-bar-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </figure>
  );
}

/** Index of the largest probability (ties to the lowest class, as argmaxRows). */
function argmax(p: Float32Array): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
  return best;
}
