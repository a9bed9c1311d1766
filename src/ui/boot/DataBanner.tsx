import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import type { DataStatus } from './use-lab-boot';

/** Whether MNIST is loading (with its byte progress), loaded, or failed to load. */
export function DataBanner({ status }: { status: DataStatus }) {
  const { t } = useTranslation();
  if (status.status === 'done') {
    return (
      <p className="muted" data-testid="data-ready">
        {t('data.ready', {
          train: formatNumberFixed(status.result.train, 0),
          test: formatNumberFixed(status.result.test, 0),
        })}
      </p>
    );
  }
  if (status.status === 'failed') {
    // The loader's sentences (file names, the command that fixes them) are the core's English.
    return (
      <p className="error" role="alert" data-testid="data-error" lang="en">
        {status.message}
      </p>
    );
  }
  const p = status.status === 'running' ? status.progress : undefined;
  return (
    <div className="progress-block" data-testid="data-loading">
      <progress max={p?.totalBytes ?? 1} value={p?.loadedBytes ?? 0} aria-label={t('data.downloadAria')} />
      <span className="muted">
        {p
          ? t('data.loadingBytes', {
              loaded: formatNumberFixed(p.loadedBytes / 1e6, 1),
              total: formatNumberFixed(p.totalBytes / 1e6, 1),
            })
          : t('data.loading')}
      </span>
    </div>
  );
}
