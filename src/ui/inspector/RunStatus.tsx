import type { InputRange } from '../../core/tflite/model-kind';
import { pinnedFileName } from '../../core/tflite/pin-batch';
import type { RunPlan } from '../../core/tflite/run-plan';
import { formatPercent } from '../common/format';
import { downloadBytes } from '../results/download';
import { formatInt, formatMs } from '../results/results-format';
import type { Loaded } from './inspector-model';
import type { FileEvaluation } from './file-evaluation';

interface Props {
  loaded: Loaded;
  evaluation: FileEvaluation;
  onCancel: () => void;
  /** The user picked another pixel range for a float input. */
  onRange: (range: InputRange) => void;
}

/** What the lab does with the file: why it is not run (explained, not an error), or how it is fed and scored. */
export function RunStatus({ loaded, evaluation, onCancel, onRange }: Props) {
  const { plan } = loaded;
  if (!plan.runs) return <NotRun plan={plan} />;
  const mine = evaluation.status !== 'idle' && evaluation.fileName === loaded.fileName;
  return (
    <div className="inspector-run" lang="en">
      <FeedLine plan={plan} onRange={onRange} disabled={mine && evaluation.status === 'running'} />
      {plan.pinnedTensors > 0 && (
        <p className="notice" data-testid="inspector-pinned">
          {plan.pinnedNote}{' '}
          <button
            type="button"
            className="secondary"
            data-testid="inspector-pinned-download"
            onClick={() => downloadBytes(plan.bytes, pinnedFileName(loaded.fileName))}
          >
            Download the pinned copy ({pinnedFileName(loaded.fileName)})
          </button>
        </p>
      )}
      {mine && <Evaluation fileName={loaded.fileName} evaluation={evaluation} onCancel={onCancel} />}
    </div>
  );
}

function NotRun({ plan }: { plan: Extract<RunPlan, { runs: false }> }) {
  return (
    <div className="notice" data-testid="inspector-no-mnist" data-kind={plan.model.kind} lang="en">
      <p>
        <strong>Not run on MNIST.</strong> {plan.model.title}
      </p>
      {plan.model.details.length > 0 && (
        <ul>
          {plan.model.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FeedLine({
  plan,
  onRange,
  disabled,
}: {
  plan: Extract<RunPlan, { runs: true }>;
  onRange: (r: InputRange) => void;
  disabled: boolean;
}) {
  const { feed } = plan;
  return (
    <p data-testid="inspector-feed" data-range={feed.range}>
      Input feed: <strong>{feed.label}</strong>. <span className="muted">Why: {feed.reason}.</span> Output:{' '}
      {plan.model.outputLabel}.{' '}
      {feed.type === 'FLOAT32' && (
        <label>
          Pixel range{' '}
          <select
            value={feed.range}
            disabled={disabled}
            data-testid="inspector-range"
            onChange={(e) => onRange(e.target.value as InputRange)}
          >
            <option value="0-1">[0, 1]</option>
            <option value="0-255">[0, 255]</option>
          </select>
        </label>
      )}
    </p>
  );
}

function Evaluation({
  fileName,
  evaluation,
  onCancel,
}: {
  fileName: string;
  evaluation: Exclude<FileEvaluation, { status: 'idle' }>;
  onCancel: () => void;
}) {
  if (evaluation.status === 'running') {
    return (
      <div className="progress-block" data-testid="inspector-progress">
        <progress max={1} value={evaluation.fraction} aria-label="Runtime evaluation" />
        <span className="muted">
          Running {formatPercent(evaluation.fraction, 0)} of the test images in the TFLite runtime…
        </span>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (evaluation.status === 'failed') {
    return (
      <p className="error" role="alert" data-testid="inspector-error">
        The TFLite runtime could not run {fileName}: {evaluation.message}
      </p>
    );
  }
  const { result } = evaluation;
  return (
    <p className="result" data-testid="inspector-accuracy">
      Accuracy <strong>{formatPercent(result.accuracy)}</strong> on {formatInt(result.count)} test images; latency{' '}
      {formatMs(result.latency.medianMs)} median, {formatMs(result.latency.p90Ms)} p90 (
      {formatInt(result.latency.samples)} runs).{' '}
      <span className="muted">
        {result.engine}. Added to the comparison as file:{fileName} (results table, charts, confusion matrix, draw a
        digit).
      </span>
    </p>
  );
}
