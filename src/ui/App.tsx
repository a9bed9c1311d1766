import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackendSelect } from './BackendSelect';
import { DataBanner } from './boot/DataBanner';
import { useLayerAnalysis } from './debug/use-layer-analysis';
import { DatasetContext } from './datasets/dataset-context';
import { DatasetMismatch, modelForDataset } from './datasets/DatasetMismatch';
import { LanguageSelect } from './i18n/LanguageSelect';
import { OfflineBanner } from './offline/OfflineBanner';
import { useHeldWhile } from './common/use-held-while';
import { useLabBoot } from './boot/use-lab-boot';
import { useQat } from './qat/use-qat';
import { useQuantization } from './quant/use-quantization';
import { useLabResults } from './results/use-lab-results';
import { useRecordedActions } from './runs/use-recorded-actions';
import { useRuns } from './runs/use-runs';
import { LAB_SECTIONS } from './session/LabSections';
import { SectionSlot } from './session/SectionSlot';
import type { LabSession } from './session/lab-session';
import { useLabActions } from './session/use-lab-actions';
import { useStagedReveal } from './session/use-staged-reveal';
import { useLabState } from './state/use-lab-state';
import { useSavedModel } from './state/use-saved-model';
import { GuidedTour } from './tour/GuidedTour';

/** The sections a new model reaches in the same commit: the dataset and training steps. */
const FIRST_SECTIONS = 2;

/** The lab: composes the state, boot, saved-model, results and run hooks, and lays out the sections. */
export function App() {
  const { t } = useTranslation();
  const [lab, setLab] = useLabState();
  const { backend, data } = useLabBoot(lab.backend, lab.train.dataset);
  const saved = useSavedModel();
  // A model trained on one dataset is never evaluated on the other: the stages see it only under its own.
  const trained = modelForDataset(saved.trained, lab.train.dataset);
  const results = useLabResults(trained, lab);
  const quant = useQuantization(results.addOutcome);
  // While a quantize run adds rows, the other panels keep showing the results from before it (one render at the end).
  const settledResults = useHeldWhile(results, quant.run.status === 'running');
  const qat = useQat(quant.runJobs);
  const runs = useRuns(saved.trained, lab, results);
  const actions = useRecordedActions(useLabActions(lab, saved, quant, qat), runs.markFinished);
  const [training, setTraining] = useState(false);
  const layers = useLayerAnalysis(trained);
  const session = useMemo<LabSession>(
    () => ({
      lab,
      setLab,
      trained,
      dataReady: data.status === 'done',
      training,
      setTraining,
      quant,
      qat,
      results,
      settledResults,
      actions,
      layers,
      runs,
    }),
    [lab, setLab, trained, data.status, training, quant, qat, results, settledResults, actions, layers, runs],
  );

  // A new model, training starting or stopping, or a quantize run's results settling shows in the dataset
  // and training steps at once, in the panels below one per task.
  const stage = useMemo(() => ({ trained, training, settledResults }), [trained, training, settledResults]);
  const shown = useStagedReveal(stage, LAB_SECTIONS.length, FIRST_SECTIONS);

  return (
    <main className="app" data-sections-shown={shown === LAB_SECTIONS.length ? 'all' : shown}>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="header-controls">
          <GuidedTour />
          <LanguageSelect />
          <BackendSelect
            value={lab.backend}
            info={backend}
            onChange={(b) => setLab('backend', b)}
            disabled={training}
          />
        </div>
      </header>
      <DataBanner status={data} dataset={lab.train.dataset} />
      <DatasetMismatch model={saved.trained} dataset={lab.train.dataset} />
      {session.dataReady && <OfflineBanner />}
      {saved.storeError && (
        <p className="error">
          {t(`app.storeFailed.${saved.storeError.action}`)} <span lang="en">{saved.storeError.message}</span>
        </p>
      )}
      {saved.forgotten && !saved.trained && (
        <p className="notice" data-testid="model-forgotten">
          {t('app.modelForgotten')}
        </p>
      )}
      <DatasetContext.Provider value={lab.train.dataset}>
        {LAB_SECTIONS.map((Section, i) => (
          <SectionSlot key={i} Section={Section} place={i + 1} session={session} hold={i >= shown} />
        ))}
      </DatasetContext.Provider>
    </main>
  );
}
