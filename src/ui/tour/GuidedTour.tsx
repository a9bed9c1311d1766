import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveStep, TOUR_STEPS } from './tour-steps';

const HIGHLIGHT = 'tour-highlight';

/**
 * The guided first run: a start button, then one short card per section that highlights the section and
 * scrolls to it. Next / Back / Skip are buttons; Escape ends the tour; focus goes to the card while it is
 * open and back to the start button when it closes.
 */
export function GuidedTour() {
  const { t } = useTranslation();
  const [step, setStep] = useState<number>();
  const startRef = useRef<HTMLButtonElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);

  const current = step === undefined ? undefined : TOUR_STEPS[step];
  useEffect(() => {
    if (!current) {
      if (wasOpen.current) startRef.current?.focus();
      wasOpen.current = false;
      return;
    }
    wasOpen.current = true;
    const section = document.getElementById(current.headingId)?.closest('section');
    section?.classList.add(HIGHLIGHT);
    section?.scrollIntoView({ block: 'start' });
    cardRef.current?.focus();
    return () => section?.classList.remove(HIGHLIGHT);
  }, [current]);

  useEffect(() => {
    if (step === undefined) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setStep(undefined);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [step]);

  return (
    <>
      <button type="button" ref={startRef} data-testid="tour-start" onClick={() => setStep(0)}>
        {t('tour.start')}
      </button>
      {current && step !== undefined && (
        <div
          className="tour-card"
          role="dialog"
          aria-label={t('tour.dialogLabel')}
          aria-describedby="tour-body"
          data-testid="tour-card"
          data-step={current.id}
          ref={cardRef}
          tabIndex={-1}
        >
          <p className="muted" data-testid="tour-progress">
            {t('tour.step', { n: step + 1, total: TOUR_STEPS.length })}
          </p>
          <h2 className="tour-title">{t(`tour.steps.${current.id}.title`)}</h2>
          <p id="tour-body">{t(`tour.steps.${current.id}.body`)}</p>
          <div className="tour-buttons">
            <button
              type="button"
              className="secondary"
              data-testid="tour-back"
              disabled={step === 0}
              onClick={() => setStep(moveStep(step, -1))}
            >
              {t('tour.back')}
            </button>
            <button type="button" data-testid="tour-next" onClick={() => setStep(moveStep(step, 1))}>
              {step === TOUR_STEPS.length - 1 ? t('tour.done') : t('tour.next')}
            </button>
            <button type="button" className="secondary" data-testid="tour-skip" onClick={() => setStep(undefined)}>
              {t('tour.skip')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
