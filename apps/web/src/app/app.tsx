import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { deviceDb } from './session/device-db.ts';
import { DeviceRevokedScreen } from './session/device-revoked-screen.tsx';
import { SessionProvider, useSessionContext } from './session/session-context.tsx';
import { SignInScreen } from './session/sign-in-screen.tsx';
import { homeModule } from './routes/home-modules.ts';
import { startRoleHint } from './start-hint.ts';
import { UpdatePrompt } from './update-prompt.tsx';

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

function Screens() {
  const { state, db, adoptSession, signOut } = useSessionContext();
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
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider db={deviceDb()}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Screens />
      </SessionProvider>
    </QueryClientProvider>
  );
}
