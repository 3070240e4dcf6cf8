import type { SessionInfo } from '@lastmile/domain';
import { useState, type ReactNode } from 'react';
import { roleKey, useT } from '../i18n/index.ts';
import { Link } from 'react-router';
import './app-header.css';

type Props = {
  session: SessionInfo;
  onSignOut: () => Promise<void>;
  /** Where the sync engine shows online / pending changes / last synced. */
  statusSlot?: ReactNode;
};

export function AppHeader({ session, onSignOut, statusSlot }: Props) {
  const t = useT();
  const [signingOut, setSigningOut] = useState(false);
  const role = t(roleKey(session.user.role));

  return (
    <header className="app-header">
      <div className="app-header__row">
        <Link className="app-header__brand" to="/" aria-label={t('header.home')}>
          <img src="/icons/favicon-32.png" alt="" width={24} height={24} />
          {t('app.name')}
        </Link>
        <button
          type="button"
          className="button button--ghost button--on-dark"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            onSignOut()
              .finally(() => setSigningOut(false))
              .catch(() => undefined);
          }}
        >
          {signingOut ? t('header.signingOut') : t('header.signOut')}
        </button>
      </div>
      <div className="app-header__row app-header__row--meta">
        <p className="app-header__person">
          <span className="visually-hidden">{t('header.signedInAs', { name: session.user.name, role })}</span>
          <span className="app-header__name" aria-hidden="true">
            {session.user.name}
          </span>
          <span className="app-header__role" aria-hidden="true">
            {role}
          </span>
        </p>
        <div id="sync-status" className="app-header__status" role="status" aria-label={t('header.syncStatus')}>
          {statusSlot}
        </div>
      </div>
    </header>
  );
}
