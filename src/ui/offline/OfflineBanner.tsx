import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker that keeps the lab usable offline, says when it is ready, and announces
 * a new version without applying it: the learner reloads when no run is in progress.
 *
 * The app mounts it only once MNIST has arrived: the service worker's precache downloads the same
 * 40 MB again, and racing the page's own download for the browser's HTTP cache makes one of them
 * fail (Chromium: ERR_CACHE_WRITE_FAILURE).
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });

  if (needRefresh) {
    return (
      <div className="offline-banner" role="status" data-testid="update-available">
        {t('offline.updateReady')}{' '}
        <button type="button" onClick={() => void updateServiceWorker(true)}>
          {t('offline.reloadNow')}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="offline-banner" role="status" data-testid="offline-ready">
        {t('offline.ready')}{' '}
        <button type="button" onClick={() => setOfflineReady(false)}>
          {t('offline.ok')}
        </button>
      </div>
    );
  }
  return null;
}
