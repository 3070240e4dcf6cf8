import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import './sync.css';

const DISMISSED_KEY = 'lastmile.storageNoticeDismissed';

/**
 * Safari deletes a site's data after 7 days without a visit unless the app is installed; the
 * person should know, once, without the warning taking a third of a phone screen every day.
 */
export function StorageNotice({ persisted }: { persisted: boolean | null }) {
  const t = useT();
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  if (persisted !== false || dismissed) return null;
  return (
    <div className="storage-notice" role="note">
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
    </div>
  );
}
