import { lazy, Suspense, useEffect } from 'react';
import { useT } from '../i18n/index.ts';
import { deviceDb } from './session/device-db.ts';
import { DeviceRevokedScreen } from './session/device-revoked-screen.tsx';
import { SessionProvider, useSessionContext } from './session/session-context.tsx';
import { SignInScreen } from './session/sign-in-screen.tsx';
import { homeModule } from './routes/home-modules.ts';
import { startRoleHint } from './start-hint.ts';
import { UpdatePrompt } from './update-prompt.tsx';
import { deleteHomeSnapshot, revealLiveApp, shownSnapshotUser } from '../snapshot/home-snapshot.ts';

// Everything after sign-in (router, sync engine, screens) is its own chunk: the sign-in page does
// not wait for it, and the service worker precaches it for offline starts.
const SignedInShell = lazy(async () => ({ default: (await import('./signed-in-shell.tsx')).SignedInShell }));

// Someone was signed in when the app last ran: fetch the shell and their home screen now, while
// the session is read from IndexedDB, rather than one after the other once it is known (a cold
// offline start was entry → session → shell → router → home, each waiting for the last). A
// failure here is reported by the real import that follows.
const hintedRole = startRoleHint();
if (hintedRole) {
  import('./signed-in-shell.tsx').catch(() => undefined);
  homeModule(hintedRole).catch(() => undefined);
}

function Loading() {
  const t = useT();
  return (
    <p className="app-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/**
 * A cold start that opened with the home snapshot (ADR 0034) keeps it on screen while the
 * technician's own home renders behind it (that home swaps them); anything else the app shows
 * instead (the sign-in page, a revocation, another person's session) replaces it at once.
 */
function useSnapshotHandOver(state: ReturnType<typeof useSessionContext>['state']) {
  const shownFor = shownSnapshotUser();
  const keep =
    state.status === 'loading' ||
    (state.status === 'signed-in' && state.session.user.id === shownFor && state.session.user.role === 'technician');
  useEffect(() => {
    if (shownFor === null || keep) return;
    revealLiveApp();
    if (state.status === 'signed-in') void deleteHomeSnapshot();
  }, [shownFor, keep, state.status]);
}

function Screens() {
  const { state, db, adoptSession, signOut } = useSessionContext();
  useSnapshotHandOver(state);
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'signed-out':
      return (
        <>
          <UpdatePrompt blockedReason={null} />
          <SignInScreen onSignedIn={adoptSession} expired={state.expired} />
        </>
      );
    case 'signed-in':
      return (
        <Suspense fallback={<Loading />}>
          <SignedInShell session={state.session} onSignOut={signOut} />
        </Suspense>
      );
    case 'revoked':
      return <DeviceRevokedScreen revocation={state.revocation} db={db} />;
  }
}

export function App() {
  const t = useT();
  return (
    <SessionProvider db={deviceDb()}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Screens />
    </SessionProvider>
  );
}
