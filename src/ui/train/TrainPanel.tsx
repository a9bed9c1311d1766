import { architectureOf, type TrainedModel } from '../../core/model/trained-model';
import { validateTrainSettings, type TrainSettings } from '../../core/train/settings';
import { formatPercent, formatSeconds } from '../common/format';
import { TrainSettingsForm } from './TrainSettingsForm';
import { TrainingCharts } from './TrainingCharts';
import type { TrainingRun } from './training-run';

interface Props {
  settings: TrainSettings;
  onSettingsChange: (s: TrainSettings) => void;
  run: TrainingRun;
  ready: boolean;
  trained?: TrainedModel;
  onStart: () => void;
  onCancel: () => void;
  onReset: () => void;
}

/** Step 1: train a model, watching loss and accuracy live. */
export function TrainPanel({ settings, onSettingsChange, run, ready, trained, onStart, onCancel, onReset }: Props) {
  const busy = run.status === 'running' || run.status === 'cancelling';
  const problems = validateTrainSettings(settings);
  const p = run.progress;
  const fraction = p ? (p.epoch * p.batchesPerEpoch + p.batch + 1) / (p.epochs * p.batchesPerEpoch) : 0;
  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">1. Train a CNN on MNIST</h2>
      <TrainSettingsForm options={settings} onChange={onSettingsChange} disabled={busy} />
      {problems.length > 0 && (
        <p className="error" role="alert">
          {problems.join('; ')}
        </p>
      )}
      <div className="actions">
        <button data-testid="train-start" onClick={onStart} disabled={!ready || busy || problems.length > 0}>
          {trained ? 'Train again' : 'Train'}
        </button>
        <button data-testid="train-cancel" onClick={onCancel} disabled={!busy}>
          {run.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
        </button>
        <button data-testid="model-reset" onClick={onReset} disabled={busy || !trained}>
          Reset (forget model)
        </button>
      </div>
      {(busy || p) && (
        <div className="progress-block">
          <progress data-testid="train-progress" max={1} value={fraction} aria-label="training progress" />
          {p && (
            <span data-testid="train-status" className="muted">
              epoch {p.epoch + 1}/{p.epochs}, batch {p.batch + 1}/{p.batchesPerEpoch} · loss {p.loss.toFixed(4)} ·
              accuracy {formatPercent(p.accuracy)} · {formatSeconds(p.elapsedSeconds)} elapsed
              {busy ? `, about ${formatSeconds(p.etaSeconds)} left` : ''}
            </span>
          )}
        </div>
      )}
      {run.status === 'failed' && (
        <p className="error" role="alert" data-testid="train-error">
          {run.error}
        </p>
      )}
      {run.status === 'cancelled' && (
        <p className="notice" data-testid="train-cancelled">
          Training cancelled. The model keeps the weights of the last completed epoch
          {trained && trained.history.length === 0 ? ' (none completed: the initial weights)' : ''}.
        </p>
      )}
      <TrainingCharts batchCurve={run.batchCurve} epochCurve={run.epochCurve} />
      {trained && (
        <p className="result" data-testid="trained-summary">
          {architectureOf(trained).name}: test accuracy on all 10,000 test images{' '}
          <strong data-testid="test-accuracy">{formatPercent(trained.testAccuracy)}</strong> after{' '}
          {trained.history.length} epoch(s), {formatSeconds(trained.trainSeconds)} of training on {trained.backend}.
        </p>
      )}
    </section>
  );
}
