import { isPresetId } from '../../core/model/presets';
import { architectureOf, type TrainedModel } from '../../core/model/trained-model';
import { trainSettingsProblems, type TrainSettings } from '../../core/train/settings';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatSeconds } from '../common/format';
import { formatNumberFixed } from '../i18n/locale';
import { CoreSentence } from '../i18n/CoreSentence';
import { FieldProblems } from '../i18n/FieldProblems';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';
import { TrainSettingsForm } from './TrainSettingsForm';
import { TrainingCharts } from './TrainingCharts';
import type { TrainingCurves, TrainingRun } from './training-run';
import type { WorkerPlan } from './train-on-workers';

interface Props {
  settings: TrainSettings;
  onSettingsChange: (s: TrainSettings) => void;
  run: TrainingRun;
  /** The curves the charts draw: the run's, passed on at a slower pace than its progress reports. */
  charts: TrainingCurves;
  /** How the latest training ran (one or two workers, and why); absent before the first. */
  workers?: WorkerPlan;
  ready: boolean;
  trained?: TrainedModel;
  onStart: () => void;
  onCancel: () => void;
  onReset: () => void;
}

/** Step 1: train a model, watching loss and accuracy live. */
export function TrainPanel({
  settings,
  onSettingsChange,
  run,
  charts,
  workers,
  ready,
  trained,
  onStart,
  onCancel,
  onReset,
}: Props) {
  const { t } = useTranslation();
  const m = useMessages();
  const busy = run.status === 'running' || run.status === 'cancelling';
  const problems = trainSettingsProblems(settings);
  const p = run.progress;
  const fraction = p ? (p.epoch * p.batchesPerEpoch + p.batch + 1) / (p.epochs * p.batchesPerEpoch) : 0;
  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">{t('train.title')}</h2>
      <TrainSettingsForm options={settings} onChange={onSettingsChange} disabled={busy} />
      <FieldProblems problems={problems} texts={m.fields.train} testId="settings-problems" />
      <div className="actions">
        <button data-testid="train-start" onClick={onStart} disabled={!ready || busy || problems.length > 0}>
          {trained ? t('train.trainAgain') : t('train.train')}
        </button>
        <button data-testid="train-cancel" onClick={onCancel} disabled={!busy}>
          {run.status === 'cancelling' ? t('train.cancelling') : t('common.cancel')}
        </button>
        <button data-testid="model-reset" onClick={onReset} disabled={busy || !trained}>
          {t('train.reset')}
        </button>
      </div>
      {(busy || p) && (
        <div className="progress-block">
          <progress data-testid="train-progress" max={1} value={fraction} aria-label={t('train.progressAria')} />
          {p && (
            <span data-testid="train-status" className="muted">
              {t('train.status', {
                epoch: p.epoch + 1,
                epochs: p.epochs,
                batch: p.batch + 1,
                batches: p.batchesPerEpoch,
                loss: formatNumberFixed(p.loss, 4),
                accuracy: formatPercent(p.accuracy),
                elapsed: formatSeconds(p.elapsedSeconds),
              })}
              {busy ? t('train.statusLeft', { eta: formatSeconds(p.etaSeconds) }) : ''}
            </span>
          )}
          {workers && (
            <span data-testid="train-workers" data-workers={workers.workers} className="muted">
              {workers.workers === 2
                ? t('train.workersTwo')
                : t('train.workersOne', {
                    reason: t(`train.workersWhy.${workers.reason}`, {
                      backend: 'backend' in workers ? workers.backend : '',
                      detail: 'detail' in workers ? workers.detail : '',
                    }),
                  })}
            </span>
          )}
        </div>
      )}
      {run.status === 'failed' && (
        <p className="error" role="alert" data-testid="train-error">
          <CoreSentence failure={run.failure ?? { message: run.error ?? '' }} />
        </p>
      )}
      {run.status === 'cancelled' && (
        <p className="notice" data-testid="train-cancelled">
          {t('train.cancelled')}
          {trained && trained.history.length === 0 ? t('train.cancelledNone') : ''}.
        </p>
      )}
      <TrainingCharts
        batchCurve={charts.batchCurve}
        epochCurve={charts.epochCurve}
        epochs={charts.progress?.epochs ?? settings.epochs}
      />
      {trained && (
        <p className="result" data-testid="trained-summary" data-trainer={trained.trainer ?? ''}>
          <Rich
            k="train.summary"
            values={{
              name: modelName(trained, m),
              accuracy: formatPercent(trained.testAccuracy),
              epochs: trained.history.length,
              seconds: formatSeconds(trained.trainSeconds),
              backend: trained.backend,
              trainer: trained.trainer ? t(`train.trainer.${trained.trainer}`) : '',
            }}
            tags={{ acc: <strong data-testid="test-accuracy" /> }}
          />
        </p>
      )}
    </section>
  );
}

/** A built-in preset's name in the shown language; an imported model's own name as it is. */
function modelName(trained: TrainedModel, m: ReturnType<typeof useMessages>): string {
  return !trained.architecture && isPresetId(trained.preset)
    ? m.presets[trained.preset].name
    : architectureOf(trained).name;
}
