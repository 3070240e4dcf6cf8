import { useState, useSyncExternalStore } from 'react';
import { useT } from '../i18n/index.ts';
import './sync.css';

const DISMISSED_KEY = 'lastmile.storageNoticeDismissed';

/**
 * Safari deletes a site's data after 7 days without a visit unless the app is installed; the
 * person should know, once, without the warning taking a third of a phone screen every day.
 */
export function StorageNotice({ persisted, deskRole }: { persisted: boolean | null; deskRole: boolean }) {
  const t = useT();
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  const desktop = useDesktop();
  // Office staff at a desk read the office's data from the server; the phone's offline copy is not theirs to lose.
  if (persisted !== false || dismissed || (deskRole && desktop)) return null;
  return (
    <aside className="storage-notice" aria-label={t('sync.notPersistedLabel')}>
      <p>{t('sync.notPersisted')}</p>
      <button
        type="button"
        className="button button--ghost"
        onClick={() => {
          localStorage.setItem(DISMISSED_KEY, '1');
          setDismissed(true);
        }}
      >
        {t('sync.notPersistedDismiss')}
      </button>
    </aside>
  );
}

const DESKTOP = '(min-width: 900px)';

function useDesktop(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(DESKTOP);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(DESKTOP).matches,
  );
}
