import { useTranslation } from 'react-i18next';
import type { DatasetId } from '../../core/mnist/datasets';
import { CoreSentence } from '../i18n/CoreSentence';
import { formatNumberFixed } from '../i18n/locale';
import type { DataStatus } from './use-lab-boot';

/** Whether the dataset is loading (with its byte progress), loaded, or failed to load (offline: says so). */
export function DataBanner({ status, dataset = 'mnist' }: { status: DataStatus; dataset?: DatasetId }) {
  const { t } = useTranslation();
  const name = t(`datasets.${dataset}`);
  if (status.status === 'done') {
    return (
      <p className="muted" data-testid="data-ready" data-dataset={dataset}>
        {t('datasets.ready', {
          name,
          train: formatNumberFixed(status.result.train, 0),
          test: formatNumberFixed(status.result.test, 0),
        })}
      </p>
    );
  }
  if (status.status === 'failed') {
    if (dataset === 'fashion' && typeof navigator !== 'undefined' && !navigator.onLine) {
      return (
        <p className="error" role="alert" data-testid="data-error">
          {t('datasets.offline')}
        </p>
      );
    }
    // The loader's problem (dataset-problem.ts) in the shown language; an uncoded one stays English, marked.
    return (
      <p className="error" role="alert" data-testid="data-error">
        <CoreSentence failure={status} />
      </p>
    );
  }
  const p = status.status === 'running' ? status.progress : undefined;
  return (
    <div className="progress-block" data-testid="data-loading">
      <progress max={p?.totalBytes ?? 1} value={p?.loadedBytes ?? 0} aria-label={t('datasets.loading', { name })} />
      <span className="muted">
        {p
          ? t('datasets.loadingBytes', {
              name,
              loaded: formatNumberFixed(p.loadedBytes / 1e6, 1),
              total: formatNumberFixed(p.totalBytes / 1e6, 1),
            })
          : t('datasets.loading', { name })}
        …
      </span>
      {dataset === 'fashion' && <span className="hint">{t('datasets.fetchedOnDemand')}</span>}
    </div>
  );
}
