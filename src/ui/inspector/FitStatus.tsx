import { formatPercent } from '../common/format';
import { formatInt, formatMs } from '../results/results-format';
import type { FileEvaluation } from './file-evaluation';
import type { LoadedFile } from './use-inspected-file';

interface Props {
  loaded: LoadedFile;
  evaluation: FileEvaluation;
  onCancel: () => void;
}

/** Whether the file runs on MNIST, and its runtime evaluation's progress, failure or result. */
export function FitStatus({ loaded, evaluation, onCancel }: Props) {
  if (!loaded.fit.fits) {
    return (
      <p className="notice" data-testid="inspector-no-mnist">
        Not run on MNIST: {loaded.fit.reason}.
      </p>
    );
  }
  if (evaluation.status === 'idle' || evaluation.fileName !== loaded.fileName) return null;
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
        The TFLite runtime could not run {loaded.fileName}: {evaluation.message}
      </p>
    );
  }
  const { result } = evaluation;
  return (
    <p className="result" data-testid="inspector-accuracy">
      Accuracy <strong>{formatPercent(result.accuracy)}</strong> on {formatInt(result.count)} test images; latency{' '}
      {formatMs(result.latency.medianMs)} median, {formatMs(result.latency.p90Ms)} p90 (
      {formatInt(result.latency.samples)} runs).{' '}
      <span className="muted">{result.engine}. Added to the comparison.</span>
    </p>
  );
}
