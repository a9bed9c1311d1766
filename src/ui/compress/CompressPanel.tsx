import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TrainedModel } from '../../core/model/trained-model';
import { formatPercent } from '../common/format';
import { CoreSentence, useLanguage } from '../i18n/CoreSentence';
import { fieldProblemText } from '../i18n/core-text';
import { useMessages } from '../i18n/use-messages';
import type { CompressTuning } from '../../core/compress/compress-fields';
import { planFromForm, validateCompressForm } from './compress-form';
import { CompressSettingsForm } from './CompressSettingsForm';
import { CompressExplainer } from './CompressExplainer';
import { CompressSummary } from './CompressSummary';
import { PruneChart } from './PruneChart';
import { useCompression, type CompressPoint } from './use-compression';
import { useSweepHistory } from './use-sweep-history';
import { SweepChart } from './SweepChart';
import type { ModeReport } from '../../core/report/report';

interface Props {
  trained?: TrainedModel;
  canRun: boolean;
  /** Seed and batch size of the lab's training settings, reused by the fine-tuning. */
  seed: number;
  batchSize: number;
  /** The form's values (part of the lab state, so a link carries them). */
  form: CompressTuning;
  onFormChange: (form: CompressTuning) => void;
  /** The compressed model becomes the lab's model (the quantization below uses it). */
  onCompressed: (m: TrainedModel) => void;
  onBusyChange: (busy: boolean) => void;
  /** The report's measured files, for the accuracy-vs-gzip chart. */
  measured?: ModeReport[];
}

/** Step 2b: prune by magnitude and cluster the trained model before quantizing it. */
export function CompressPanel({
  trained,
  canRun,
  seed,
  batchSize,
  form,
  onFormChange,
  onCompressed,
  onBusyChange,
  measured,
}: Props) {
  const { t } = useTranslation();
  const m = useMessages();
  const language = useLanguage();
  const sweep = useSweepHistory(measured);
  const { run, start, cancel } = useCompression(onCompressed);
  const train = { seed, batchSize };
  const problems = validateCompressForm(form, train);
  const busy = run.status === 'running' || run.status === 'cancelling';
  const onRun = async () => {
    if (!trained) return;
    onBusyChange(true);
    try {
      await start(trained, planFromForm(form, train));
    } finally {
      onBusyChange(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="compress-title">
      <h2 id="compress-title">{t('compress.title')}</h2>
      <CompressExplainer />
      <CompressSettingsForm options={form} onChange={onFormChange} disabled={busy} />
      {problems.map((p, i) => (
        <p key={i} className="error" data-testid="prune-problem">
          {p.code === 'setting-invalid' ? (
            fieldProblemText(p, language, m.fields.compress[p.key as keyof CompressTuning]?.label)
          ) : (
            <CoreSentence problem={p} />
          )}
        </p>
      ))}
      <div className="actions">
        <button
          type="button"
          data-testid="prune-run"
          disabled={!trained || !canRun || busy || problems.length > 0}
          onClick={onRun}
        >
          {runLabel(form, t)}
        </button>
        {busy && (
          <button type="button" className="secondary" data-testid="prune-cancel" onClick={cancel}>
            {t('compress.cancel')}
          </button>
        )}
        <span className="muted">
          {!trained ? t('common.trainFirst') : trained.compression && !busy ? t('compress.already') : ''}
        </span>
      </div>
      <PruneChart points={run.points} />
      {run.status === 'failed' && (
        <p className="error" role="alert" data-testid="prune-error">
          {t('compress.failed')} <CoreSentence failure={run.failure ?? { message: '' }} />
        </p>
      )}
      {run.result && <CompressSummary result={run.result} cancelled={run.status === 'cancelled'} />}
      {busy && <LatestStep points={run.points} />}
      {sweep.length > 0 && <SweepChart points={sweep} />}
    </section>
  );
}

function runLabel(form: CompressTuning, t: TFunction): string {
  if (form.pruneSparsity > 0 && form.clusters > 0) return t('compress.pruneAndCluster');
  return form.clusters > 0 ? t('compress.cluster') : t('compress.prune');
}

/** The latest step of a running compression, in words. */
function LatestStep({ points }: { points: CompressPoint[] }) {
  const { t } = useTranslation();
  const last = points.at(-1);
  if (!last) return null;
  return (
    <p className="muted" data-testid="prune-status">
      {t('compress.step', {
        step: last.step + 1,
        stage: t(`compress.${last.stage}`),
        sparsity: formatPercent(last.sparsity),
        accuracy: formatPercent(last.accuracy),
      })}
    </p>
  );
}
