import { useCallback, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useT } from '../i18n/index.ts';
import './update-prompt.css';

const CHECK_FOR_UPDATES_EVERY_MS = 60 * 60_000;

export type ServiceWorkerUpdate = {
  /** A new version is installed and waiting; it activates only through `apply`. */
  updateReady: boolean;
  /** The app shell is cached: the app will open without a connection from now on. */
  offlineReady: boolean;
  apply: () => Promise<void>;
  dismiss: () => void;
};

/**
 * Registers the service worker (registerType 'prompt') and reports a waiting update. The worker
 * never takes over by itself, so an update cannot swap code under a half-filled form.
 */
export function useServiceWorkerUpdate(): ServiceWorkerUpdate {
  const {
    needRefresh: [updateReady, setUpdateReady],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_swUrl, registration) {
      if (!registration) return;
      // Long-lived tabs (a phone that is never closed) still learn about new versions.
      setInterval(() => {
        if (navigator.onLine && !registration.installing) registration.update().catch(() => undefined);
      }, CHECK_FOR_UPDATES_EVERY_MS);
    },
  });

  const apply = useCallback(() => updateServiceWorker(true), [updateServiceWorker]);
  const dismiss = useCallback(() => {
    setUpdateReady(false);
    setOfflineReady(false);
  }, [setUpdateReady, setOfflineReady]);

  return { updateReady, offlineReady, apply, dismiss };
}

type Props = {
  /**
   * Why the update cannot be applied right now (e.g. "2 changes still waiting to sync"), or
   * null. While set, the banner explains the wait instead of offering the button.
   */
  blockedReason?: string | null;
};

/** The "Update ready" banner; the person decides when the new version takes over. */
export function UpdatePrompt({ blockedReason = null }: Props) {
  const t = useT();
  const { updateReady, offlineReady, apply, dismiss } = useServiceWorkerUpdate();
  const [applying, setApplying] = useState(false);

  if (!updateReady && !offlineReady) return null;

  return (
    <div className="update-prompt" role="status" aria-live="polite">
      <p className="update-prompt__text">
        {updateReady ? t('update.ready') : t('update.offlineReady')}
        {updateReady && blockedReason && <span className="update-prompt__reason"> {blockedReason}</span>}
      </p>
      <div className="update-prompt__actions">
        {updateReady && (
          <button
            type="button"
            className="button button--primary"
            disabled={applying || blockedReason !== null}
            onClick={() => {
              setApplying(true);
              apply().catch(() => setApplying(false));
            }}
          >
            {applying ? t('update.applying') : t('update.apply')}
          </button>
        )}
        <button type="button" className="button button--ghost" onClick={dismiss}>
          {updateReady ? t('update.later') : t('update.dismiss')}
        </button>
      </div>
    </div>
  );
}
