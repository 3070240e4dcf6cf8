import type { SessionInfo } from '@lastmile/domain';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { roleKey, useT } from '../i18n/index.ts';
import { Link } from 'react-router';
import './app-header.css';

type Props = {
  session: SessionInfo;
  onSignOut: () => Promise<void>;
  /** Where the sync engine shows online / pending changes / last synced. */
  statusSlot?: ReactNode;
  /** The way to the person's inbox, with its unread count. */
  inboxSlot?: ReactNode;
  /** Crew mode: who holds the phone, always visible, and the way to switch. */
  crewSlot?: ReactNode;
};

/**
 * One row on every width, so a phone keeps its screen for the work: on a phone the app's name
 * and the person's name are left to screen readers (the brand link and the hidden sentence say
 * them), wider screens show them too.
 */
export function AppHeader({ session, onSignOut, statusSlot, inboxSlot, crewSlot }: Props) {
  const t = useT();
  const [signingOut, setSigningOut] = useState(false);
  const role = t(roleKey(session.user.role));
  const header = useRef<HTMLElement>(null);
  useHeaderHeight(header);

  return (
    <header className="app-header" ref={header}>
      <div className="app-header__row">
        <Link className="app-header__brand" to="/" aria-label={t('header.home')}>
          <img src="/icons/icon-192.png" alt="" width={24} height={24} />
          <span className="app-header__app-name">{t('app.name')}</span>
        </Link>
        <p className="app-header__person">
          <span className="visually-hidden">{t('header.signedInAs', { name: session.user.name, role })}</span>
          {/* On wider screens the name opens the person's account (their password); on a phone
              the footer's link does, so the header keeps its one row. */}
          <Link className="app-header__account" to="/account/password">
            <span className="app-header__name">{session.user.name}</span>
            <span className="app-header__role">{role}</span>
            <span className="visually-hidden">{t('header.account')}</span>
          </Link>
        </p>
        {crewSlot}
        <div id="sync-status" className="app-header__status" aria-label={t('header.syncStatus')} role="group">
          {statusSlot}
        </div>
        {inboxSlot}
        <button
          type="button"
          className="button button--ghost button--on-dark app-header__sign-out"
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
    </header>
  );
}

/** Publishes the header's height for theme.css's scroll-padding (it grows when text is enlarged). */
function useHeaderHeight(header: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = header.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--header-height', `${Math.ceil(element.getBoundingClientRect().height)}px`);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--header-height');
    };
  }, [header]);
}
