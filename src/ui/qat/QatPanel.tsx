import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { parseQatLine, type QatSummaryLine } from '../../core/qat/explain-qat';
import { QAT_FIELDS, type QatTuning } from '../../core/qat/qat-settings';
import type { TrainProgress } from '../../core/train/settings';
import { formatPercent, formatSeconds } from '../common/format';
import { SettingsFields } from '../common/SettingsFields';
import { qatTuningProblems } from '../state/lab-state';
import { FieldProblems } from '../i18n/FieldProblems';
import { useLanguage } from '../i18n/CoreSentence';
import { qatLineText } from '../i18n/core-text';

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
  const { t } = useTranslation();
  const m = useMessages();
  const problems = qatTuningProblems(settings);
  return (
    <section className="panel" aria-labelledby="qat-title">
      <h2 id="qat-title">{t('qat.title')}</h2>
      <p className="hint">{t('qat.hint')}</p>
      <fieldset className="form-grid" disabled={running}>
        <SettingsFields
          group={QAT_FIELDS}
          values={settings}
          onChange={onSettingsChange}
          fields={['epochs', 'learningRate']}
          testIds={QAT_TEST_IDS}
          texts={m.fields.qat}
        />
      </fieldset>
      <FieldProblems problems={problems} texts={m.fields.qat} />
      <div className="actions">
        <button data-testid="qat-run" onClick={props.onRun} disabled={!canRun || running || problems.length > 0}>
          {t('qat.run')}
        </button>
        <button className="secondary" onClick={props.onCancel} disabled={!running} data-testid="qat-cancel">
          {t('common.cancel')}
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
  const { t } = useTranslation();
  return (
    <div className="progress-block">
      <progress
        data-testid="qat-progress"
        max={1}
        value={(p.epoch * p.batchesPerEpoch + p.batch + 1) / (p.epochs * p.batchesPerEpoch)}
      />
      <span className="muted" data-testid="qat-status">
        {t('qat.progress', {
          epoch: p.epoch + 1,
          epochs: p.epochs,
          batch: p.batch + 1,
          batches: p.batchesPerEpoch,
          loss: formatNumberFixed(p.loss, 4),
          eta: formatSeconds(p.etaSeconds),
        })}
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
export function QatResult({ outcome, ptqInt8Accuracy, floatAccuracy }: ResultProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const summary = outcome.entry.qat?.summary ?? [];
  // A run kept from before the summary had data: read its English sentences back into data when they are the
  // core's; otherwise they are shown as they were, in English, under a translated note.
  const parsed = summary.map(parseQatLine);
  const lines =
    outcome.entry.qat?.summary_lines ??
    (parsed.every((l) => l !== undefined) ? (parsed as QatSummaryLine[]) : undefined);
  return (
    <div data-testid="qat-result">
      <p>
        <Rich
          k="qat.result"
          values={{
            accuracy: formatPercent(outcome.entry.accuracy),
            ptq: ptqInt8Accuracy !== undefined ? t('qat.ptq', { accuracy: formatPercent(ptqInt8Accuracy) }) : '',
            float: floatAccuracy !== undefined ? t('qat.float', { accuracy: formatPercent(floatAccuracy) }) : '',
          }}
          tags={{ acc: <strong data-testid="qat-accuracy" /> }}
        />
      </p>
      {lines ? (
        <ul className="qat-summary">
          {lines.map((line, i) => (
            <li key={i}>{qatLineText(line, language)}</li>
          ))}
        </ul>
      ) : (
        summary.length > 0 && (
          <>
            <p className="muted">{t('qat.summaryEnglish')}</p>
            <ul className="qat-summary" lang="en">
              {summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )
      )}
    </div>
  );
}
