import type { DataStatus } from './use-lab-boot';

/** Whether MNIST is loading (with its byte progress), loaded, or failed to load. */
export function DataBanner({ status }: { status: DataStatus }) {
  if (status.status === 'done') {
    return (
      <p className="muted" data-testid="data-ready">
        MNIST loaded from this site: {status.result.train.toLocaleString('en-US')} training and{' '}
        {status.result.test.toLocaleString('en-US')} test images.
      </p>
    );
  }
  if (status.status === 'failed') {
    return (
      <p className="error" role="alert" data-testid="data-error">
        {status.message}
      </p>
    );
  }
  const p = status.status === 'running' ? status.progress : undefined;
  return (
    <div className="progress-block" data-testid="data-loading">
      <progress max={p?.totalBytes ?? 1} value={p?.loadedBytes ?? 0} aria-label="MNIST download" />
      <span className="muted">
        Loading MNIST{p ? ` (${(p.loadedBytes / 1e6).toFixed(1)} of ${(p.totalBytes / 1e6).toFixed(1)} MB)` : ''}…
      </span>
    </div>
  );
}
