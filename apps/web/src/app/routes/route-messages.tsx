import { Link, useLocation } from 'react-router';
import { roleKey, useT } from '../../i18n/index.ts';
import { useSignedInSession } from '../signed-in-session.ts';

export function NotFoundScreen() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <section className="route-message">
      <h1>{t('route.notFound.title')}</h1>
      <p>{t('route.notFound.body', { path: pathname })}</p>
      <Link to="/">{t('route.home')}</Link>
    </section>
  );
}

/** An office screen opened by someone else says so, instead of quietly showing their home. */
export function OfficeOnlyScreen() {
  const t = useT();
  const session = useSignedInSession();
  return (
    <section className="route-message">
      <h1>{t('route.forbidden.title')}</h1>
      <p>{t('route.forbidden.office', { role: t(roleKey(session.user.role)) })}</p>
      <Link to="/">{t('route.home')}</Link>
    </section>
  );
}

/** An admin screen opened by the office (or anyone else) says who may use it. */
export function AdminOnlyScreen() {
  const t = useT();
  const session = useSignedInSession();
  return (
    <section className="route-message">
      <h1>{t('route.forbidden.title')}</h1>
      <p>{t('route.forbidden.admin', { role: t(roleKey(session.user.role)) })}</p>
      <Link to="/">{t('route.home')}</Link>
    </section>
  );
}

/** A lazy screen whose code could not be fetched (offline before the precache finished). */
export function RouteLoadFailed() {
  const t = useT();
  return (
    <section className="route-message" role="alert">
      <h1>{t('route.loadFailed.title')}</h1>
      <p>{t('route.loadFailed.body')}</p>
      <button type="button" className="button" onClick={() => location.reload()}>
        {t('route.loadFailed.retry')}
      </button>
    </section>
  );
}
