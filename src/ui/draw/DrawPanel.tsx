import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preprocessDrawing } from '../../core/mnist/preprocess';
import { DigitImage } from './DigitImage';
import { PredictionCard } from './PredictionCard';
import { useDrawPredictions, type DrawModel, type DrawPrediction } from './use-draw-predictions';
import { useInkCanvas } from './use-ink-canvas';

interface Props {
  /** The exported .tflite files, one per mode, in display order. */
  models: DrawModel[];
}

const CANVAS_SIDE = 280;

/**
 * Draw a digit and see what every exported file predicts for it. The drawing is preprocessed like
 * MNIST and each .tflite runs in LiteRT.js in the runtime worker.
 */
export function DrawPanel({ models }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState<{ image: Float32Array; empty: boolean }>();
  const { predictions, predict, reset } = useDrawPredictions(models);

  const onStrokeEnd = useCallback(
    (ink: Float32Array, width: number, height: number) => {
      const pre = preprocessDrawing(ink, width, height);
      setInput(pre);
      if (pre.empty) reset();
      else predict(pre.image);
    },
    [predict, reset],
  );
  const { ref, clear, handlers } = useInkCanvas(onStrokeEnd);

  const onClear = () => {
    clear();
    reset();
    setInput(undefined);
  };

  return (
    <section className="panel" aria-labelledby="draw-title">
      <h2 id="draw-title">{t('draw.title')}</h2>
      <p className="hint">{t('draw.hint')}</p>
      <div className="draw-layout">
        <div className="draw-input">
          <canvas
            ref={ref}
            className="draw-canvas"
            width={CANVAS_SIDE}
            height={CANVAS_SIDE}
            data-testid="draw-canvas"
            aria-label={t('draw.canvasAria')}
            aria-describedby="draw-keyboard-hint"
            tabIndex={0}
            {...handlers}
          />
          <p className="hint" id="draw-keyboard-hint">
            {t('keyboard.drawHint')}
          </p>
          <DrawTools onClear={onClear} image={input?.image} />
        </div>
        <DrawResults models={models} input={input} predictions={predictions} />
      </div>
    </section>
  );
}

const EMPTY = new Float32Array(784);

/** The clear button and the 28×28 preview of what the models see. */
function DrawTools({ onClear, image }: { onClear: () => void; image?: Float32Array }) {
  const { t } = useTranslation();
  return (
    <div className="draw-tools">
      <button type="button" onClick={onClear} data-testid="draw-clear">
        {t('draw.clear')}
      </button>
      <div className="draw-preview">
        <DigitImage pixels={image ?? EMPTY} max={1} size={84} label={t('draw.previewAria')} testId="draw-preview" />
        <span className="muted">{t('draw.preview')}</span>
      </div>
    </div>
  );
}

interface ResultsProps {
  models: DrawModel[];
  input?: { image: Float32Array; empty: boolean };
  predictions: Record<string, DrawPrediction>;
}

/** Each file's prediction for the drawing, or what to do first. */
function DrawResults({ models, input, predictions }: ResultsProps) {
  const { t } = useTranslation();
  return (
    <div className="draw-results">
      {models.length === 0 ? (
        <p className="muted">{t('draw.quantizeFirst')}</p>
      ) : !input ? (
        <p className="muted">{t('draw.drawSomething')}</p>
      ) : input.empty ? (
        <p className="notice">{t('draw.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('draw.predictions')}</p>
          <div className="draw-predictions" data-testid="draw-predictions">
            {models.map((m) => (
              <PredictionCard key={m.mode} mode={m.mode} prediction={predictions[m.mode] ?? { status: 'pending' }} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
