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
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });

  if (needRefresh) {
    return (
      <div className="offline-banner" role="status" data-testid="update-available">
        A new version of the lab is ready. It is not applied while you work: reload when your current run has finished.{' '}
        <button type="button" onClick={() => void updateServiceWorker(true)}>
          Reload now
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="offline-banner" role="status" data-testid="offline-ready">
        The lab now works offline: the app, its WASM runtimes and MNIST are stored in this browser.{' '}
        <button type="button" onClick={() => setOfflineReady(false)}>
          OK
        </button>
      </div>
    );
  }
  return null;
}
