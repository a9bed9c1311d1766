import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { QAT_FIELDS, type QatTuning } from '../../core/qat/qat-settings';
import type { TrainProgress } from '../../core/train/settings';
import { formatPercent, formatSeconds } from '../common/format';
import { SettingsFields } from '../common/SettingsFields';
import { validateQatTuning } from '../state/lab-state';

interface Props {
  settings: QatTuning;
  onSettingsChange: (s: QatTuning) => void;
  canRun: boolean;
  running: boolean;
  progress?: TrainProgress;
  outcome?: MeasuredMode;
  /** PTQ int8 and float results to compare against, when measured. */
  ptqInt8Accuracy?: number;
  floatAccuracy?: number;
  onRun: () => void;
  onCancel: () => void;
}

const QAT_TEST_IDS = { epochs: 'qat-epochs' };

/** Step 4: quantization-aware training, then full-int8 export with the ranges it learned. */
export function QatPanel(props: Props) {
  const { settings, onSettingsChange, canRun, running, progress, outcome } = props;
  const problems = validateQatTuning(settings);
  return (
    <section className="panel" aria-labelledby="qat-title">
      <h2 id="qat-title">3. Quantization-aware training (QAT)</h2>
      <p className="hint">
        QAT fine-tunes the trained model while simulating int8 in the forward pass: weights are rounded to their int8
        grid per channel and activations to ranges tracked by a moving average, and gradients pass straight through the
        rounding. The network learns weights that survive rounding; the file is then exported as full int8 with the
        ranges it learned, instead of ranges calibrated after the fact.
      </p>
      <fieldset className="form-grid" disabled={running}>
        <SettingsFields
          group={QAT_FIELDS}
          values={settings}
          onChange={onSettingsChange}
          fields={['epochs', 'learningRate']}
          testIds={QAT_TEST_IDS}
        />
      </fieldset>
      {problems.length > 0 && <p className="error">{problems.join('; ')}</p>}
      <div className="actions">
        <button data-testid="qat-run" onClick={props.onRun} disabled={!canRun || running || problems.length > 0}>
          Run QAT and export int8
        </button>
        <button className="secondary" onClick={props.onCancel} disabled={!running} data-testid="qat-cancel">
          Cancel
        </button>
      </div>
      {running && progress && <QatProgress p={progress} />}
      {outcome && (
        <QatResult outcome={outcome} ptqInt8Accuracy={props.ptqInt8Accuracy} floatAccuracy={props.floatAccuracy} />
      )}
    </section>
  );
}

/** The fine-tuning's progress bar and line. */
function QatProgress({ p }: { p: TrainProgress }) {
  return (
    <div className="progress-block">
      <progress
        data-testid="qat-progress"
        max={1}
        value={(p.epoch * p.batchesPerEpoch + p.batch + 1) / (p.epochs * p.batchesPerEpoch)}
      />
      <span className="muted">
        QAT epoch {p.epoch + 1}/{p.epochs}, batch {p.batch + 1}/{p.batchesPerEpoch} · loss {p.loss.toFixed(4)} · about{' '}
        {formatSeconds(p.etaSeconds)} left
      </span>
    </div>
  );
}

interface ResultProps {
  outcome: MeasuredMode;
  ptqInt8Accuracy?: number;
  floatAccuracy?: number;
}

/** The QAT file's runtime accuracy beside post-training int8 and float, and what QAT changed. */
function QatResult({ outcome, ptqInt8Accuracy, floatAccuracy }: ResultProps) {
  const summary = outcome.entry.qat?.summary ?? [];
  return (
    <div data-testid="qat-result">
      <p>
        QAT int8 in LiteRT.js: <strong data-testid="qat-accuracy">{formatPercent(outcome.entry.accuracy)}</strong>
        {ptqInt8Accuracy !== undefined && <> · post-training int8: {formatPercent(ptqInt8Accuracy)}</>}
        {floatAccuracy !== undefined && <> · float (TF.js): {formatPercent(floatAccuracy)}</>}. The file (
        <code>qat</code> row above) can be downloaded from the results table.
      </p>
      {summary.length > 0 && (
        <ul className="qat-summary">
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
