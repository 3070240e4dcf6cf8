import type { SessionInfo } from '@lastmile/domain';
import { createContext, Suspense, useContext, useEffect, useMemo, useRef } from 'react';
import {
  createBrowserRouter,
  Link,
  Outlet,
  RouterProvider,
  ScrollRestoration,
  useLocation,
  useMatches,
} from 'react-router';
import { LanguageSwitch, useT } from '../i18n/index.ts';
import { AppDbProvider, useAppDb } from '../local-db/app-db-context.tsx';
import { appDbFor } from '../local-db/open-app-db.ts';
import { InboxLink } from '../inbox/inbox-link.tsx';
import { SyncProvider, useSyncReady, useSyncStatus } from '../sync/sync-context.tsx';
import { StorageNotice } from '../sync/storage-notice.tsx';
import { SyncStatusBar } from '../sync/sync-status-bar.tsx';
import { AppHeader } from '../ui/app-header.tsx';
import { ThemeSwitch } from '../ui/theme-switch.tsx';
import { appRoutes, screensLayoutModule, type RouteHandle } from './routes/app-routes.tsx';
import { SignedInSessionContext, useSignedInSession } from './signed-in-session.ts';
import { UpdatePrompt } from './update-prompt.tsx';
import { startScreenShown, whenStartScreenShown } from '../sync/start-signal.ts';
import { allowHomeSnapshot, revealLiveApp } from '../snapshot/home-snapshot.ts';
import { CrewProvider, useCrew } from './crew/crew-context.tsx';
import { CrewPicker } from './crew/crew-picker.tsx';
import { CrewSwitch } from './crew/crew-switch.tsx';
import { deviceDb } from './session/device-db.ts';
import { useSessionContext } from './session/session-context.tsx';

type Props = { session: SessionInfo; onSignOut: () => Promise<void> };

const SignOutContext = createContext<() => Promise<void>>(async () => {});

export function SignedInShell({ session, onSignOut }: Props) {
  // The replica and its sync belong to the phone's own session; crew mode decides who acts.
  const db = appDbFor(session.user.id);
  // Only the technician's home says when its first jobs are on screen (start-signal.ts); the other
  // homes read what the sync engine brings, so it starts at once for them.
  const waitForHome = session.user.role === 'technician';
  useEffect(() => {
    if (!waitForHome) startScreenShown();
  }, [waitForHome]);
  // The other screens' shared chunk, parsed while the person reads their day rather than on the
  // first tap; a failure shows when a screen needs it (the route's error boundary).
  useEffect(() => {
    void whenStartScreenShown()
      .then(screensLayoutModule)
      .catch(() => undefined);
  }, []);
  return (
    <AppDbProvider db={db}>
      <SyncProvider db={db} session={session}>
        <CrewProvider host={session} device={deviceDb()}>
          <SignOutContext value={onSignOut}>
            <ActingShell />
          </SignOutContext>
        </CrewProvider>
      </SyncProvider>
    </AppDbProvider>
  );
}

/** The app as the person holding the phone: their role's router, or the crew picker. */
function ActingShell() {
  const crew = useCrew();
  const onSignOut = useContext(SignOutContext);
  const role = crew.acting.user.role;
  // One router per role: the role decides the home screen and which screens are guarded.
  const router = useMemo(() => createBrowserRouter(appRoutes(role, ShellLayout, ShellLoading)), [role]);
  useEffect(() => () => router.dispose(), [router]);
  // The home snapshot (ADR 0034) is only ever of the phone's own person holding it alone: with
  // a crew, the next person to pick the phone up must not see the last one's day.
  const alone =
    !crew.locked && crew.people.length === 1 && crew.acting.user.id === crew.host.user.id && role === 'technician';
  const hostId = crew.host.user.id;
  useEffect(() => {
    allowHomeSnapshot(alone ? hostId : null);
    return () => allowHomeSnapshot(null);
  }, [alone, hostId]);
  useEffect(() => {
    if (crew.locked) revealLiveApp();
  }, [crew.locked]);
  if (crew.locked) return <CrewPicker onSignOut={onSignOut} />;
  return (
    <SignedInSessionContext value={crew.acting}>
      <RouterProvider router={router} />
    </SignedInSessionContext>
  );
}

function ShellLoading() {
  const t = useT();
  return (
    <p className="app-loading" role="status">
      {t('route.loading')}
    </p>
  );
}

/**
 * After an in-app navigation the new screen is announced like a page load: its name in the
 * document title, and focus on the main region (not left on a link that no longer exists).
 */
function useScreenAnnouncement(main: React.RefObject<HTMLElement | null>) {
  const t = useT();
  const { pathname } = useLocation();
  const matches = useMatches();
  const handle = matches.findLast((match) => (match.handle as RouteHandle | undefined)?.title)?.handle as
    RouteHandle | undefined;
  const title = handle ? t('route.title', { screen: t(handle.title) }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname, main]);
}

/**
 * The home snapshot (ADR 0034) is a picture of the home alone. Should the live app reach any
 * other screen before its home drew (an in-app link, a redirect), that screen replaces the
 * picture at once rather than sitting hidden behind it until the fallback.
 */
function useSnapshotGivesWayToOtherScreens() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname !== '/') revealLiveApp();
  }, [pathname]);
}

function ShellLayout() {
  const t = useT();
  const session = useSignedInSession();
  const onSignOut = useContext(SignOutContext);
  const sync = useSyncReady();
  const status = useSyncStatus(useAppDb());
  const main = useRef<HTMLElement>(null);
  useScreenAnnouncement(main);
  useSnapshotGivesWayToOtherScreens();
  // The server refused this session at a sync (deactivated, revoked, expired): ask it at once
  // whether the session is gone, rather than at the next five-minute check; a "yes" signs out.
  const { revalidate } = useSessionContext();
  useEffect(() => {
    if (status.failure === 'sign_in_required') revalidate();
  }, [status.failure, revalidate]);
  // Never swap the app's code while changes exist only on this phone.
  const blocked = status.pending > 0 ? t('sync.updateWaits', { count: status.pending }) : null;
  // Changes stay in this person's database and sync at their next sign-in; say so before leaving.
  const signOut = async () => {
    if (status.pending > 0 && !window.confirm(t('sync.signOutPending', { count: status.pending }))) return;
    await onSignOut();
  };
  return (
    <>
      <ScrollRestoration />
      <UpdatePrompt blockedReason={blocked} />
      <AppHeader
        session={session}
        onSignOut={signOut}
        statusSlot={<SyncStatusBar status={status} onSyncNow={() => void sync().then((runtime) => runtime.kick())} />}
        inboxSlot={<InboxLink />}
        crewSlot={<CrewSwitch />}
      />
      <main id="main" ref={main} className="app-main" tabIndex={-1}>
        {/* A screen opened before the sync engine has loaded waits for it here (useSync). */}
        <Suspense fallback={<ShellLoading />}>
          <Outlet />
        </Suspense>
      </main>
      {/* Below the screen, not above it: the browser answers "persisted?" after the first paint,
          and a notice arriving above the content would push the jobs down (layout shift). */}
      <StorageNotice
        persisted={status.persisted}
        deskRole={session.user.role === 'office' || session.user.role === 'admin'}
      />
      <footer className="app-footer" aria-label={t('footer.label')}>
        <ThemeSwitch />
        <LanguageSwitch userId={session.user.id} orgLocale={session.org.locale} />
        <p className="app-footer__account">
          <Link to="/account/password">{t('footer.changePassword')}</Link>
        </p>
        {(session.user.role === 'technician' || session.user.role === 'lead') && (
          <p className="app-footer__account">
            <Link to="/crew">{t('crew.link')}</Link>
          </p>
        )}
      </footer>
    </>
  );
}
