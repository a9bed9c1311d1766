import { useTranslation } from 'react-i18next';
import { CoreSentence, useLanguage } from '../i18n/CoreSentence';
import {
  feedLabelText,
  feedReasonText,
  modelNoteText,
  modelTitleText,
  outputScoresText,
} from '../i18n/model-kind-text';
import { Rich } from '../i18n/Rich';
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
  const { t } = useTranslation();
  const { plan } = loaded;
  if (!plan.runs) return <NotRun plan={plan} />;
  const mine = evaluation.status !== 'idle' && evaluation.fileName === loaded.fileName;
  return (
    <div className="inspector-run">
      <FeedLine plan={plan} onRange={onRange} disabled={mine && evaluation.status === 'running'} />
      {plan.pinnedTensors > 0 && (
        <p className="notice" data-testid="inspector-pinned">
          {t('inspector.run.pinnedNote', { count: plan.pinnedTensors })}{' '}
          <button
            type="button"
            className="secondary"
            data-testid="inspector-pinned-download"
            onClick={() => downloadBytes(plan.bytes, pinnedFileName(loaded.fileName))}
          >
            {t('inspector.run.pinnedDownload', { file: pinnedFileName(loaded.fileName) })}
          </button>
        </p>
      )}
      {mine && <Evaluation fileName={loaded.fileName} evaluation={evaluation} onCancel={onCancel} />}
    </div>
  );
}

function NotRun({ plan }: { plan: Extract<RunPlan, { runs: false }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { notes } = plan.model;
  // The kind of file and its details, written from the core's notes (model-notes.ts) in the shown language.
  return (
    <div className="notice" data-testid="inspector-no-mnist" data-kind={plan.model.kind}>
      <p>
        <strong>{t('inspector.run.notRun')}</strong> {modelTitleText(notes.title, language)}
      </p>
      {notes.details.length > 0 && (
        <ul>
          {notes.details.map((d, i) => (
            <li key={i}>{modelNoteText(d, language)}</li>
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
  const { t } = useTranslation();
  const language = useLanguage();
  const { feed } = plan;
  const stop = t('inspector.run.stop');
  // How the input is fed, why, and what the output is, written from the core's data (model-notes.ts).
  return (
    <p data-testid="inspector-feed" data-range={feed.range}>
      {t('inspector.run.feed')} <strong>{feedLabelText(feed, language) + stop}</strong>{' '}
      <span className="muted">
        {t('inspector.run.why')} {feedReasonText(feed.why, language) + stop}
      </span>{' '}
      {t('inspector.run.output')} {outputScoresText(plan.model.scores, language) + stop}{' '}
      {feed.type === 'FLOAT32' && (
        <label>
          {t('inspector.run.pixelRange')}{' '}
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
  const { t } = useTranslation();
  if (evaluation.status === 'running') {
    return (
      <div className="progress-block" data-testid="inspector-progress">
        <progress max={1} value={evaluation.fraction} aria-label={t('inspector.run.progressAria')} />
        <span className="muted">{t('inspector.run.running', { percent: formatPercent(evaluation.fraction, 0) })}</span>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }
  if (evaluation.status === 'failed') {
    return (
      <p className="error" role="alert" data-testid="inspector-error">
        {t('inspector.run.failed', { file: fileName })}{' '}
        <CoreSentence
          failure={{ message: evaluation.message, ...(evaluation.problem && { problem: evaluation.problem }) }}
        />
      </p>
    );
  }
  const { result } = evaluation;
  return (
    <p className="result" data-testid="inspector-accuracy">
      <Rich
        k="inspector.run.accuracy"
        values={{
          accuracy: formatPercent(result.accuracy),
          count: formatInt(result.count),
          median: formatMs(result.latency.medianMs),
          p90: formatMs(result.latency.p90Ms),
          runs: formatInt(result.latency.samples),
        }}
      />{' '}
      <span className="muted">
        <Rich
          k="inspector.run.engine"
          values={{ engine: result.engine }}
          tags={{ engine: <span lang="en" translate="no" /> }}
        />{' '}
        {t('inspector.run.added', { file: fileName })}
      </span>
    </p>
  );
}
